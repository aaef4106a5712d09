/**
 * A comparison that could not run here (no torch, no TF.js, a kernel the other framework lacks),
 * and why. It is reported beside the results, never fatal: remedy's own numbers still count.
 */
export interface Skipped {
  skipped: string;
}

export function isSkipped<T extends object>(x: T | Skipped): x is Skipped {
  return 'skipped' in x;
}

export function skippedBecause(e: unknown): Skipped {
  return { skipped: e instanceof Error ? e.message : String(e) };
}
