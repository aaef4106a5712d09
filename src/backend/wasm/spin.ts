/**
 * How long threads poll before they sleep. Waking a sleeping thread costs about 250 µs on this
 * VM (its idle vCPU has to be rescheduled), more than a small GEMM, so a thread that expects work
 * soon burns a little of its otherwise idle core instead. An idle worker polls long enough to
 * bridge the gaps between the kernels of a training step; the main thread, waiting for chunks a
 * worker is finishing, about as long as a chunk takes, in case the two share a core.
 */
export const IDLE_SPIN_MILLISECONDS = 2;
export const JOIN_SPIN_MILLISECONDS = 0.5;

/** Polls until `words[index]` differs from `value` or `milliseconds` have passed. */
export function spinWhileEqual(words: Int32Array, index: number, value: number, milliseconds: number): void {
  const deadline = performance.now() + milliseconds;
  for (;;) {
    for (let i = 0; i < 256; i++) if (Atomics.load(words, index) !== value) return;
    if (performance.now() > deadline) return;
  }
}
