import { Worker } from 'node:worker_threads';
import { runChunks, type KernelTable } from './chunks.js';
import {
  CHUNKS,
  CHUNK_BITS,
  CONTROL_BYTES,
  DONE,
  FAILED,
  GENERATION,
  GENERATION_MASK,
  HEADER_WORDS,
  MAX_CHUNKS,
  READY,
  SLEEPING,
  TASKS_LENGTH,
  TASK_SLOTS,
  TICKET,
  tasksAddress,
} from './control.js';
import { PARALLEL_KERNELS, type ParallelKernel } from './exports.js';
import type { WasmHeap } from './heap.js';
import { hostModules } from './host-kernels.js';
import { SharingPolicy } from './sharing.js';
import { JOIN_SPIN_MILLISECONDS, spinWhileEqual } from './spin.js';
import type { WasmModule } from './webassembly.js';
import type { WorkerSetup } from './worker.js';

/**
 * A chunk below this many multiply-adds (~20 µs) costs more to hand out than to run alone.
 * Several chunks per thread let a thread that starts late, or runs slower, take fewer.
 */
const MIN_CHUNK_MACS = 1 << 20;
const CHUNKS_PER_THREAD = 4;

/**
 * The main thread plus worker threads sharing one wasm memory (protocol in control.ts). Workers
 * start at the first `available()` call and join jobs as soon as they have booted (tens of ms);
 * they are unref'd, so an idle team never keeps the process alive. Whether a job is split at all
 * depends on whether splitting has lately been faster (sharing.ts): on a busy machine it is not.
 * Besides the wasm kernels the threads run host kernels, JavaScript registered by the backends
 * above (host-kernels.ts), known to the workers from their start.
 */
export class ThreadTeam {
  private readonly workers: Worker[] = [];
  private readonly control: number;
  private readonly header: Int32Array;
  private readonly tasks: Float64Array;
  /** Per-thread kernel scratch, index 0 the main thread's. */
  private readonly workspaces: number[] = [];
  private generation = 0;
  /** Whether splitting pays now; null when every job is split regardless. */
  private readonly sharing: SharingPolicy | null;
  /** The wasm kernels and the host kernels (host-kernels.ts) added so far, and their names in task order. */
  private readonly table: KernelTable;
  private readonly names: string[] = [...PARALLEL_KERNELS];
  private readonly hostModulesAdded = new Set<string>();
  /** How many of `names` the workers know: those there were when they started. */
  private namesInWorkers = 0;

  constructor(
    private readonly heap: WasmHeap,
    private readonly module: WasmModule,
    private readonly kernels: KernelTable,
    /** Threads the team may use, the main thread included. */
    readonly size: number,
    workspaceBytes: number,
    shareAlways: boolean,
  ) {
    this.sharing = shareAlways ? null : new SharingPolicy();
    this.table = { ...kernels };
    this.control = heap.reserve(CONTROL_BYTES);
    this.header = heap.i32(this.control, HEADER_WORDS);
    this.tasks = new Float64Array(heap.memory.buffer, tasksAddress(this.control), TASKS_LENGTH);
    for (let t = 0; t < size; t++) this.workspaces.push(heap.reserve(workspaceBytes));
  }

  /** Threads that have booted, the main thread included; starts the workers. */
  available(): number {
    if (this.workers.length < this.size - 1) this.start();
    return 1 + Math.min(this.workers.length, Atomics.load(this.header, READY));
  }

  /** Starts the workers and blocks until all have booted; for benchmarks and tests. */
  waitUntilReady(timeoutMs = 10000): number {
    const deadline = Date.now() + timeoutMs;
    while (this.available() < this.size && Date.now() < deadline) Atomics.wait(this.header, READY, this.available() - 1, 10);
    return this.available();
  }

  /** How many chunks to cut a job of `units` independent parts and `macs` multiply-adds into. */
  chunksFor(units: number, macs: number): number {
    if (units <= 1 || macs < 2 * MIN_CHUNK_MACS) return Math.min(units, 1);
    const threads = this.available();
    if (threads === 1) return 1;
    return Math.min(units, Math.floor(macs / MIN_CHUNK_MACS), threads * CHUNKS_PER_THREAD, MAX_CHUNKS);
  }

  /**
   * Runs `kernel` once per entry of `chunks` (its arguments after the thread's scratch), a job of
   * `work` units (multiply-adds, elements: whatever its kernel scales with). Several chunks run
   * on all threads, or on the calling thread alone while that is faster (sharing.ts); a single
   * chunk runs on the calling thread without waking anyone.
   */
  run(kernel: ParallelKernel | string, chunks: number[][], work: number): void {
    if (chunks.length > MAX_CHUNKS) throw new Error(`at most ${MAX_CHUNKS} chunks, got ${chunks.length}`);
    // a host kernel registered after the workers started is unknown to them
    if (chunks.length <= 1 || this.indexOf(kernel) >= this.namesInWorkers) return this.runHere(kernel, chunks);
    if (this.sharing === null) return this.runShared(kernel, chunks);
    const start = performance.now();
    if (this.sharing.mode(kernel) === 'shared') this.runShared(kernel, chunks);
    else this.runHere(kernel, chunks);
    this.sharing.record(kernel, work, performance.now() - start);
  }

  /** Runs every chunk on the calling thread, one after the other. */
  runHere(kernel: ParallelKernel | string, chunks: number[][]): void {
    this.indexOf(kernel);
    for (const args of chunks) this.table[kernel](this.workspaces[0], ...args);
  }

  /** The kernel's index in task order, adding the host kernels registered since the last call. */
  private indexOf(kernel: string): number {
    if (!(kernel in this.table)) this.addHostKernels();
    const index = this.names.indexOf(kernel);
    if (index < 0) throw new Error(`no kernel ${kernel}`);
    return index;
  }

  private addHostKernels(): void {
    for (const { url, hostKernels } of hostModules()) {
      if (this.hostModulesAdded.has(url)) continue;
      this.hostModulesAdded.add(url);
      const added = hostKernels(this.heap.memory, this.kernels);
      Object.assign(this.table, added);
      this.names.push(...Object.keys(added));
    }
  }

  private runShared(kernel: ParallelKernel | string, chunks: number[][]): void {
    const header = this.header;
    const generation = (this.generation = (this.generation + 1) & GENERATION_MASK);
    // Close the last job's ticket before its chunk count changes: a thread that read the ticket
    // just before could otherwise claim a chunk past the old count, run it and count it done twice.
    Atomics.store(header, TICKET, (generation << CHUNK_BITS) | MAX_CHUNKS);
    const index = this.names.indexOf(kernel);
    chunks.forEach((args, i) => {
      this.tasks[i * TASK_SLOTS] = index;
      this.tasks.set(args, i * TASK_SLOTS + 1);
    });
    Atomics.store(header, CHUNKS, chunks.length);
    Atomics.store(header, DONE, 0);
    Atomics.store(header, FAILED, 0);
    Atomics.store(header, TICKET, generation << CHUNK_BITS);
    Atomics.store(header, GENERATION, generation);
    // Napping workers see the new generation on their own; a notify is a system call, and the
    // worker it wakes can preempt this thread.
    if (Atomics.load(header, SLEEPING) > 0) Atomics.notify(header, GENERATION);
    runChunks(header, this.tasks, this.names, this.table, this.workspaces[0], generation);
    // Only chunks a worker has already claimed are left: they finish soon, so poll first.
    for (let done = Atomics.load(header, DONE); done < chunks.length; done = Atomics.load(header, DONE)) {
      spinWhileEqual(header, DONE, done, JOIN_SPIN_MILLISECONDS);
      if (Atomics.load(header, DONE) === done) Atomics.wait(header, DONE, done);
    }
    if (Atomics.load(header, FAILED) !== 0) throw new Error(`wasm kernel ${kernel} failed`);
  }

  private start(): void {
    this.addHostKernels();
    this.namesInWorkers = this.names.length;
    for (let w = this.workers.length; w < this.size - 1; w++) {
      const setup: WorkerSetup = {
        module: this.module,
        memory: this.heap.memory,
        control: this.control,
        work: this.workspaces[w + 1],
        names: this.names,
        hostModules: [...this.hostModulesAdded],
      };
      const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: setup });
      // A worker that fails to boot never counts as ready; the others carry on without it.
      worker.on('error', () => {});
      worker.unref();
      this.workers.push(worker);
    }
  }
}
