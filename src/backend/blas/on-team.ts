import { registerHostKernels } from '../wasm/host-kernels.js';
import type { WasmRuntime } from '../wasm/runtime.js';
import type { BlasLibrary } from './library.js';
import { hostKernels, shareLibrary } from './thread-kernels.js';

/**
 * Runs the BLAS's thread kernels (thread-kernels.ts) on the wasm runtime's team, one chunk per
 * thread, each thread calling the BLAS on one thread of its own. The chunks are fixed by the
 * caller from shapes and the team's size; which thread runs which (the team hands them out as
 * threads come free, or runs them all here while sharing does not pay) changes no result.
 */

registerHostKernels({ url: new URL('./thread-kernels.js', import.meta.url).href, hostKernels });

/** Runs `kernel` on `chunks`, each chunk's arguments after those of the BLAS's file name: a job of `macs` multiply-adds. */
export function runOnTeam(blas: BlasLibrary, rt: WasmRuntime, kernel: string, chunks: number[][], macs: number): void {
  const file = fileName(blas, rt);
  shareLibrary(blas);
  // the count is the process's: while the team's products run, every one of them takes one thread
  blas.useThreads(1);
  rt.team.available(); // starts the workers
  rt.team.run(
    kernel,
    chunks.map((args) => [...file, ...args]),
    macs,
  );
}

/** Where the kernels read the BLAS's file name: its UTF-8 bytes in the runtime's memory, written once. */
const fileNames = new WeakMap<WasmRuntime, Map<string, [number, number]>>();

function fileName(blas: BlasLibrary, rt: WasmRuntime): [number, number] {
  let names = fileNames.get(rt);
  if (names === undefined) fileNames.set(rt, (names = new Map()));
  let placed = names.get(blas.file);
  if (placed === undefined) {
    const bytes = Buffer.from(blas.file);
    const address = rt.heap.reserve(bytes.length);
    new Uint8Array(rt.heap.memory.buffer, address, bytes.length).set(bytes);
    names.set(blas.file, (placed = [address, bytes.length]));
  }
  return placed;
}
