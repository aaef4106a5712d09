import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isMainThread } from 'node:worker_threads';
import { WasmArena } from './arena.js';
import type { KernelTable } from './chunks.js';
import type { KernelExports } from './exports.js';
import { WasmHeap } from './heap.js';
import { relaxedSimdAccepted } from './relaxed-simd.js';
import { Staging } from './staging.js';
import { webAssembly, type WasmMemory, type WasmModule } from './webassembly.js';
import { ThreadTeam } from './team.js';

/** `relaxed` fuses multiply-add (f32x4.relaxed_madd); `baseline` uses plain SIMD128 mul + add. */
export type SimdVariant = 'relaxed' | 'baseline';

export interface WasmRuntimeOptions {
  /** Defaults to `relaxed` when the runtime accepts it. */
  simd?: SimdVariant;
  /**
   * Threads, the main thread included. Defaults to the machine's cores (at most 2) on the main
   * thread, and to 1 inside a worker thread, whose siblings are presumably using the other cores.
   */
  threads?: number;
  /**
   * Split every large job between the threads, for benchmarks and tests of the threaded
   * kernels. By default the team times whether splitting pays on this machine now (sharing.ts).
   */
  shareAlways?: boolean;
}

/** 64 KiB pages: 16 MiB to start, up to the 4 GiB a 32-bit address reaches. */
const INITIAL_PAGES = 256;
const MAXIMUM_PAGES = 65536;
const MAX_DEFAULT_THREADS = 2;

/**
 * One compiled kernel module on one shared memory: the heap inside it, the staging area for
 * arguments from outside, and the thread team. Creation is synchronous: reading, compiling and
 * instantiating the 6 KiB module takes about 2 ms, so there is no reason to make callers await.
 */
export class WasmRuntime {
  readonly heap: WasmHeap;
  /** Staging copies of arguments that live outside wasm memory; reset after every kernel. */
  readonly staging: Staging;
  readonly team: ThreadTeam;

  constructor(
    readonly kernels: KernelExports,
    module: WasmModule,
    memory: WasmMemory,
    readonly simd: SimdVariant,
    threads: number,
    shareAlways: boolean,
  ) {
    this.heap = new WasmHeap(memory, kernels.heapBase());
    this.staging = new Staging(this.heap, new WasmArena(this.heap));
    const kernelTable = kernels as unknown as KernelTable;
    this.team = new ThreadTeam(this.heap, module, kernelTable, threads, kernels.gemmWorkspaceBytes(), shareAlways);
  }
}

export function createWasmRuntime(options: WasmRuntimeOptions = {}): WasmRuntime {
  let simd = options.simd ?? 'relaxed';
  let bytes = kernelBytes(simd);
  if (simd === 'relaxed' && !relaxedSimdAccepted(bytes)) {
    simd = 'baseline';
    bytes = kernelBytes(simd);
  }
  const module = new webAssembly.Module(bytes);
  const memory = new webAssembly.Memory({ initial: INITIAL_PAGES, maximum: MAXIMUM_PAGES, shared: true });
  const kernels = new webAssembly.Instance(module, { env: { memory } }).exports as unknown as KernelExports;
  const threads = Math.max(1, options.threads ?? (isMainThread ? Math.min(MAX_DEFAULT_THREADS, availableParallelism()) : 1));
  return new WasmRuntime(kernels, module, memory, simd, threads, options.shareAlways ?? false);
}

/** The module is built next to this file (npm run build:wasm), found relative to it when installed. */
function kernelBytes(simd: SimdVariant): Uint8Array {
  return readFileSync(new URL(`./kernels-${simd}.wasm`, import.meta.url));
}
