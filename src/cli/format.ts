import type { EpochRecord } from '../train/history.js';

const fixed = (v: number | null, digits = 4) => (v === null ? '-' : Number.isFinite(v) ? v.toFixed(digits) : String(v));

/** One plain line per epoch, for logs and pipes. */
export function epochLine(r: EpochRecord, epochs: number): string {
  const width = String(epochs).length;
  const parts = [
    `epoch ${String(r.epoch).padStart(width)}/${epochs}`,
    `loss ${fixed(r.loss)}`,
    `acc ${fixed(r.acc)}`,
  ];
  if (r.valLoss !== null) parts.push(`val_loss ${fixed(r.valLoss)}`, `val_acc ${fixed(r.valAcc)}`);
  parts.push(`lr ${r.lr.toPrecision(3)}`, `${r.seconds.toFixed(1)}s`);
  return parts.join('  ');
}
