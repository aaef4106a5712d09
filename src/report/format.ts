/** How the report writes numbers: the same figure reads the same in every section. */

/** A fraction as a percentage with two decimals ("93.12%"); a dash when there is none. */
export function percent(fraction: number | null): string {
  return fraction === null || !Number.isFinite(fraction) ? '—' : `${(fraction * 100).toFixed(2)}%`;
}

/** A duration: two significant digits below a second, tenths below a minute, then "2 min 05 s". */
export function duration(seconds: number): string {
  if (seconds < 1) return `${Number(seconds.toPrecision(2))} s`;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
}

/** Four significant digits, or what went wrong ("NaN", "Infinity") for a diverged loss. */
export function significant(value: number): string {
  return Number.isFinite(value) ? value.toPrecision(4) : String(value);
}

/** A value a chart can draw: a gap instead of NaN or ±Infinity (JSON has neither). */
export function plottable(value: number | null | undefined): number | null {
  return value !== null && value !== undefined && Number.isFinite(value) ? value : null;
}
