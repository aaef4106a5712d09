/**
 * The statistics of the experiments: a mean with its 95% interval (Student's t, as for any small
 * sample of independent runs), and the paired comparison that decides a claim. Two arms run with
 * the same seeds share their initialisation stream's seed and data order, so the difference of
 * each seed's pair removes the part of the spread both arms have in common.
 */

/** t(0.975, df) for df = 1..30 (scipy.stats.t.ppf, to four decimals). */
const T975 = [
  12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.306, 2.2622, 2.2281, 2.201, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098,
  2.1009, 2.093, 2.086, 2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
];

/** The 97.5% quantile of Student's t with `df` degrees of freedom (df ≥ 1). */
export function tQuantile975(df: number): number {
  if (df <= T975.length) return T975[df - 1];
  // Cornish–Fisher expansion around the normal quantile: within 1e-4 of the exact value past 30
  const z = 1.959964;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2);
}

/** A sample's mean and 95% interval; low and high are null with fewer than two values. */
export interface Interval {
  n: number;
  mean: number;
  low: number | null;
  high: number | null;
}

export function interval95(values: readonly number[]): Interval {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n < 2) return { n, mean, low: null, high: null };
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  const half = tQuantile975(n - 1) * Math.sqrt(variance / n);
  return { n, mean, low: mean - half, high: mean + half };
}

export type Decision = 'holds' | 'does not hold' | 'not shown';

/**
 * The verdict of a claimed direction from the 95% interval of the paired differences (a − b):
 * `higher` holds when the whole interval lies above `margin`, does not hold when it lies below,
 * and is not shown when it contains `margin` (or there is only one pair). `lower` is the mirror.
 */
export function pairedDecision(differences: Interval, claim: 'higher' | 'lower', margin = 0): Decision {
  const { low, high } = differences;
  if (low === null || high === null) return 'not shown';
  const [above, below] = [low > margin, high < margin];
  if (claim === 'higher') return above ? 'holds' : below ? 'does not hold' : 'not shown';
  return below ? 'holds' : above ? 'does not hold' : 'not shown';
}
