/**
 * How threads wait for each other. Waking a thread from an untimed wait costs the waker a system
 * call, and the woken thread can preempt it; on this VM the wake takes 100-250 µs, more than a
 * small GEMM. So an idle worker first polls (a gap between the kernels of a training step is
 * usually shorter than that), then naps: short timed waits that give its core away (to the main
 * thread, on a machine whose other core is busy) and notice a new job within ~100 µs without
 * anyone waking them. Measured: a worker that polled for 2 ms between jobs made an epoch 50%
 * slower than one thread whenever another process kept a core busy; napping costs ~20 µs of
 * CPU per 100 µs nap. Only a worker idle for longer sleeps until notified.
 * The main thread, waiting for chunks a worker is finishing, polls about as long as a chunk takes.
 */
export const IDLE_SPIN_MILLISECONDS = 0.2;
export const NAP_MILLISECONDS = 5;
export const JOIN_SPIN_MILLISECONDS = 0.5;

/** Asked of each timed wait; the kernel's timer slack stretches it to 80-100 µs. */
const NAP_STEP_MILLISECONDS = 0.02;

/** Polls until `words[index]` differs from `value` or `milliseconds` have passed. */
export function spinWhileEqual(words: Int32Array, index: number, value: number, milliseconds: number): void {
  const deadline = performance.now() + milliseconds;
  for (;;) {
    for (let i = 0; i < 256; i++) if (Atomics.load(words, index) !== value) return;
    if (performance.now() > deadline) return;
  }
}

/** Sleeps in short timed waits until `words[index]` differs from `value` or `milliseconds` have passed. */
export function napWhileEqual(words: Int32Array, index: number, value: number, milliseconds: number): void {
  const deadline = performance.now() + milliseconds;
  while (Atomics.load(words, index) === value && performance.now() < deadline) Atomics.wait(words, index, value, NAP_STEP_MILLISECONDS);
}
