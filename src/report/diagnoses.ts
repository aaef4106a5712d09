import type { Diagnosis } from '../doctor/diagnosis.js';
import { escapeHtml } from './escape.js';
import { evidenceTable } from './evidence.js';
import { phaseWords } from './phase.js';
import { absent, section } from './section.js';
import { pill } from './table.js';

/**
 * What the doctor found, one entry a symptom: its name as in `--json`, the half of the training tips' loop
 * it belongs to, the sentence that explains it, and the numbers behind it with their thresholds.
 */
export function diagnosesSection(diagnoses: readonly Diagnosis[], title: string, none: string, note?: string): string {
  if (diagnoses.length === 0) return section(title, absent(none), { wide: true, note });
  const findings = diagnoses.map(
    (d) =>
      `<div class="finding"><h3><code>${escapeHtml(d.symptom)}</code>${pill(phaseWords(d.phase), d.phase === 'train' ? 'warn' : 'muted')}</h3>` +
      `<p>${escapeHtml(d.explanation)}</p>${evidenceTable(d.evidence)}</div>`,
  );
  return section(title, findings.join(''), { wide: true, note });
}
