import type { Evidence } from '../doctor/diagnosis.js';
import { escapeHtml } from './escape.js';
import { dataTable, pill } from './table.js';

/**
 * The limits a diagnosis compares its measurements with. The doctor names them this way
 * (diagnose.ts, preflight.ts): "…Threshold", "threshold", the training "target", the swing size
 * and the factor over ln(classes).
 */
const LIMIT = /threshold$|^target$|^swingSize$|^factor$/i;

/** A diagnosis' numbers as a key/value table; the thresholds they crossed are marked as such. */
export function evidenceTable(evidence: Evidence): string {
  const rows = Object.entries(evidence).map(([key, value]) => ({
    cells: [escapeHtml(words(key)), escapeHtml(evidenceValue(value)), LIMIT.test(key) ? pill('threshold', 'muted') : ''],
  }));
  return dataTable([{ header: 'evidence' }, { header: 'value', numeric: true }, { header: '' }], rows, 'data evidence');
}

/** Four significant digits, whole numbers as they are, powers of ten for the tiny gradient norms. */
export function evidenceValue(value: Evidence[string]): string {
  if (typeof value !== 'number') return value === null ? '—' : String(value);
  if (!Number.isFinite(value) || Number.isInteger(value)) return String(value);
  return Math.abs(value) < 1e-3 ? value.toExponential(2) : String(Number(value.toPrecision(4)));
}

/** "firstLayerGradNorm" → "first layer grad norm". */
function words(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}
