import type { Preflight, PreflightCheck } from '../doctor/preflight.js';
import { escapeHtml } from './escape.js';
import { section } from './section.js';
import { dataTable, pill } from './table.js';

const CHECK_NAMES: Record<PreflightCheck['name'], string> = {
  loss_output_pairing: 'loss and output',
  input_range: 'input range',
  init_loss: 'loss at initialisation',
  one_batch_overfit: 'overfit one batch',
  capacity: 'hidden-layer width',
  output_activation: 'output activation',
  linear_hidden: 'hidden non-linearities',
  learning_rate: 'learning rate range',
  init_scale: 'initial weight scale',
};

/** The checks made before any training (doctor.md "pre-flight"), each ok or flagged with what it saw. */
export function preflightSection(preflight: Preflight): string {
  const rows = preflight.checks.map((c) => ({
    cells: [escapeHtml(CHECK_NAMES[c.name]), c.ok ? pill('ok', 'good') : pill('flagged', 'bad'), escapeHtml(c.detail)],
  }));
  const flagged = preflight.checks.filter((c) => !c.ok).length;
  const note = `${flagged === 0 ? 'Nothing flagged' : `${flagged} of ${preflight.checks.length} flagged`}; they cost ${preflight.epochs.toPrecision(2)} epochs of compute.`;
  return section('Pre-flight checks', dataTable([{ header: 'check' }, { header: 'result' }, { header: 'what it saw' }], rows), { wide: true, note });
}
