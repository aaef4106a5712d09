import { MAX_CHUNKS } from './control.js';
import type { ParallelKernel } from './exports.js';
import type { WasmRuntime } from './runtime.js';

/** How a kernel uses a stream: only reads it, reads and writes it, or only writes it. */
export type Access = 'read' | 'update' | 'write';

export interface Stream {
  /** One buffer per tensor, all streams alike in lengths; null for a stream the kernel goes without. */
  buffers: readonly Float32Array[] | null;
  access: Access;
}

/** Ranges start on whole cache lines (16 floats), so no two threads write the same line. */
const ALIGN = 16;
/**
 * Below this many elements a job stays on the calling thread: Adam takes ~1.5 ns an element
 * alone, so ~100 µs here, about what a napping worker takes to notice a job (spin.ts). Above it,
 * sharing.ts judges; on a quiet machine two threads took Adam over the MLP's 670k parameters
 * from 1.03 to 0.79 ms (memory-bound: both threads share the caches and the memory bus).
 */
const MIN_SHARED_ELEMENTS = 1 << 16;
/** Several ranges per thread, so a thread that starts late takes fewer. */
const RANGES_PER_THREAD = 4;

/**
 * Runs an element-wise `kernel` over a list of tensors: each task gets its streams' addresses at
 * the start of a range of elements of one tensor, the range's length, then `constants`. Streams
 * outside wasm memory are staged in (and out, when written); an absent stream is address 0.
 * Large jobs are cut into ranges spread over the threads.
 */
export function runOverElements(rt: WasmRuntime, kernel: ParallelKernel, streams: readonly Stream[], constants: readonly number[]): void {
  const { staging, team } = rt;
  const lengths = streams.find((s) => s.buffers !== null)!.buffers!.map((b) => b.length);
  try {
    const addresses = streams.map(({ buffers, access }) =>
      buffers === null
        ? null
        : buffers.map((b, i) => (access === 'read' ? staging.input(b, lengths[i]) : staging.output(b, lengths[i], access === 'update'))),
    );
    const total = lengths.reduce((sum, n) => sum + n, 0);
    const threads = total < MIN_SHARED_ELEMENTS ? 1 : team.available();
    const range = threads === 1 ? Infinity : Math.ceil(total / (threads * RANGES_PER_THREAD) / ALIGN) * ALIGN;
    const tasks: number[][] = [];
    lengths.forEach((n, i) => {
      for (let start = 0; start < n; start += range) {
        const starts = addresses.map((a) => (a === null ? 0 : a[i] + 4 * start));
        tasks.push([...starts, Math.min(range, n - start), ...constants]);
      }
    });
    if (threads === 1) return team.runHere(kernel, tasks);
    for (let i = 0; i < tasks.length; i += MAX_CHUNKS) {
      const job = tasks.slice(i, i + MAX_CHUNKS);
      team.run(kernel, job, job.reduce((sum, task) => sum + task[streams.length], 0));
    }
  } finally {
    staging.finish();
  }
}
