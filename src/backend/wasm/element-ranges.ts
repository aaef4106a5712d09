import { MAX_CHUNKS } from './control.js';
import type { ParallelKernel } from './exports.js';
import { boundary } from './matmul.js';
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
/**
 * The same ~100 µs of work for the light kernels (relu, bias, pooling: 0.15-0.6 ns an element,
 * the more when their operands come from memory rather than cache). Measured: splitting the MLP's
 * 128×512 activations made its epoch 13% slower; the CNN's 64×16×28×28 ones are split.
 */
export const MIN_SHARED_LIGHT_ELEMENTS = 1 << 18;
/** Several ranges per thread, so a thread that starts late takes fewer. */
const RANGES_PER_THREAD = 4;

/**
 * Runs an element-wise `kernel` over a list of tensors: each task gets its streams' addresses at
 * the start of a range of elements of one tensor, the range's length, then `constants`. Streams
 * outside wasm memory are staged in (and out, when written); an absent stream is address 0.
 * Jobs of at least `minShared` elements are cut into ranges spread over the threads.
 */
export function runOverElements(
  rt: WasmRuntime,
  kernel: ParallelKernel,
  streams: readonly Stream[],
  constants: readonly number[],
  minShared = MIN_SHARED_ELEMENTS,
): void {
  const { staging, team } = rt;
  const lengths = streams.find((s) => s.buffers !== null)!.buffers!.map((b) => b.length);
  try {
    const addresses = streams.map(({ buffers, access }) =>
      buffers === null
        ? null
        : buffers.map((b, i) => (access === 'read' ? staging.input(b, lengths[i]) : staging.output(b, lengths[i], access === 'update'))),
    );
    const total = lengths.reduce((sum, n) => sum + n, 0);
    const threads = total < minShared ? 1 : team.available();
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

/**
 * Runs a light `kernel` over `units` independent parts (rows, planes, channels) of a job touching
 * `elements` floats in wasm memory: on the calling thread below MIN_SHARED_LIGHT_ELEMENTS, else
 * cut into ranges of whole units, several per thread. `task(first, last)` gives a range's arguments.
 */
export function runOverUnits(
  rt: WasmRuntime,
  kernel: ParallelKernel,
  units: number,
  elements: number,
  task: (first: number, last: number) => number[],
): void {
  const threads = elements < MIN_SHARED_LIGHT_ELEMENTS ? 1 : rt.team.available();
  const ranges = Math.max(1, Math.min(units, threads === 1 ? 1 : threads * RANGES_PER_THREAD));
  const tasks: number[][] = [];
  for (let i = 0; i < ranges; i++) tasks.push(task(boundary(units, i, ranges, 1), boundary(units, i + 1, ranges, 1)));
  rt.team.run(kernel, tasks, elements);
}
