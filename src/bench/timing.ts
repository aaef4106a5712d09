/**
 * Timing that survives a noisy, shared machine: warm up first (V8 tiers up, caches and worker
 * threads settle), batch calls so one sample is long enough for the clock, and take the median
 * of the samples, which ignores the few that another process slowed down.
 */

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Billions of floating-point operations a second for a product [m,k]·[k,n]: m·n·k multiply-adds. */
export function matmulGflops(m: number, n: number, k: number, seconds: number): number {
  return (2 * m * n * k) / seconds / 1e9;
}

export interface TimingOptions {
  /** Timed samples; the median is reported. */
  samples: number;
  /** A sample repeats the call until it has run at least this long. */
  minSampleSeconds: number;
  /** Untimed calls before the first sample, at least one. */
  warmup: number;
}

export const DEFAULT_TIMING: TimingOptions = { samples: 7, minSampleSeconds: 0.05, warmup: 3 };

/** The median seconds one call of `run` takes. */
export function medianSeconds(run: () => void, options: TimingOptions = DEFAULT_TIMING): number {
  let calls = 0;
  const warmStart = performance.now();
  for (let i = 0; i < Math.max(1, options.warmup); i++, calls++) run();
  // enough calls per sample to reach minSampleSeconds, judged by the warm-up's pace
  const perCall = (performance.now() - warmStart) / 1000 / calls;
  const batch = Math.max(1, Math.ceil(options.minSampleSeconds / Math.max(perCall, 1e-9)));
  const seconds: number[] = [];
  for (let s = 0; s < options.samples; s++) {
    const start = performance.now();
    for (let i = 0; i < batch; i++) run();
    seconds.push((performance.now() - start) / 1000 / batch);
  }
  return median(seconds);
}
