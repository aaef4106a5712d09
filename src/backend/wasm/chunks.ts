import { CHUNKS, CHUNK_BITS, DONE, FAILED, TASK_SLOTS, TICKET } from './control.js';

export type KernelTable = Record<string, (...args: number[]) => void>;

/**
 * Claims and runs chunks of job `generation` until none are left; main thread and workers alike.
 * A task names its kernel by its index in `names`; each kernel gets the running thread's scratch
 * `work` first, then the chunk's arguments.
 * After a failure the remaining chunks are claimed but skipped, so the job still completes.
 */
export function runChunks(
  header: Int32Array,
  tasks: Float64Array,
  names: readonly string[],
  kernels: KernelTable,
  work: number,
  generation: number,
): void {
  for (;;) {
    const ticket = Atomics.load(header, TICKET);
    if (ticket >>> CHUNK_BITS !== generation) return;
    const chunk = ticket & ((1 << CHUNK_BITS) - 1);
    const chunks = Atomics.load(header, CHUNKS);
    if (chunk >= chunks) return;
    if (Atomics.compareExchange(header, TICKET, ticket, ticket + 1) !== ticket) continue;
    if (Atomics.load(header, FAILED) === 0) {
      const o = chunk * TASK_SLOTS;
      const t = tasks;
      try {
        kernels[names[t[o]]](work, t[o + 1], t[o + 2], t[o + 3], t[o + 4], t[o + 5], t[o + 6], t[o + 7], t[o + 8], t[o + 9], t[o + 10], t[o + 11], t[o + 12], t[o + 13], t[o + 14], t[o + 15], t[o + 16], t[o + 17], t[o + 18], t[o + 19], t[o + 20], t[o + 21], t[o + 22], t[o + 23]);
      } catch {
        Atomics.store(header, FAILED, 1);
      }
    }
    if (Atomics.add(header, DONE, 1) + 1 === chunks) Atomics.notify(header, DONE);
  }
}
