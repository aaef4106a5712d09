/**
 * A worker thread: instantiates the kernels on the shared memory, then forever waits for a new
 * job and helps run its chunks. It polls, then naps, before it sleeps (see spin.ts); while it
 * sleeps it counts itself in SLEEPING, so that the main thread knows to notify it. Before it
 * counts itself ready it adds the host kernels of the modules registered when it was started
 * (host-kernels.ts).
 */
import { workerData } from 'node:worker_threads';
import { runChunks, type KernelTable } from './chunks.js';
import type { HostKernels } from './host-kernels.js';
import { GENERATION, HEADER_WORDS, READY, SLEEPING, TASKS_LENGTH, tasksAddress } from './control.js';
import { IDLE_SPIN_MILLISECONDS, NAP_MILLISECONDS, napWhileEqual, spinWhileEqual } from './spin.js';
import { webAssembly, type WasmMemory, type WasmModule } from './webassembly.js';

export interface WorkerSetup {
  module: WasmModule;
  memory: WasmMemory;
  control: number;
  /** This thread's kernel scratch. */
  work: number;
  /** The kernels' names in the order tasks index them. */
  names: string[];
  /** URLs of the modules whose host kernels this thread runs too. */
  hostModules: string[];
}

const { module, memory, control, work, names, hostModules } = workerData as WorkerSetup;
const wasmKernels = new webAssembly.Instance(module, { env: { memory } }).exports as KernelTable;
const kernels: KernelTable = { ...wasmKernels };
for (const url of hostModules) Object.assign(kernels, ((await import(url)) as { hostKernels: HostKernels }).hostKernels(memory, wasmKernels));
const header = new Int32Array(memory.buffer, control, HEADER_WORDS);
const tasks = new Float64Array(memory.buffer, tasksAddress(control), TASKS_LENGTH);

let seen = Atomics.load(header, GENERATION);
Atomics.add(header, READY, 1);
for (;;) {
  spinWhileEqual(header, GENERATION, seen, IDLE_SPIN_MILLISECONDS);
  napWhileEqual(header, GENERATION, seen, NAP_MILLISECONDS);
  // counted before the wait checks GENERATION, so a job posted in between is either seen by that
  // check or followed by a notify (both sides use sequentially consistent atomics)
  Atomics.add(header, SLEEPING, 1);
  Atomics.wait(header, GENERATION, seen);
  Atomics.sub(header, SLEEPING, 1);
  seen = Atomics.load(header, GENERATION);
  runChunks(header, tasks, names, kernels, work, seen);
}
