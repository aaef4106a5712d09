/**
 * `remedy worker`: takes trial jobs from the queue on Redis and runs each in a thread of its own
 * (job-thread.ts), `concurrency` at a time, storing the trial's checkpoint as it goes and when the job ends.
 */
import { hostname } from 'node:os';
import { Worker as Thread } from 'node:worker_threads';
import { UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { errorFromMessage, errorMessage, InputError, RunError } from '../errors.js';
import { holdOpen, letGo } from '../util/open-resources.js';
import type { JobMessage, JobRequest, ThreadSetup } from './job-thread.js';
import { jobName, QUEUE, trialKey, type TrialJob } from './jobs.js';
import { openStore, type CheckpointStore } from './store.js';

/**
 * A worker holds a job's lock for this long and renews it at half of it; a worker that died
 * stops renewing, and another takes its job once the lock has lapsed and a stall check runs.
 */
const LOCK_MS = 10_000;
const STALL_CHECK_MS = 5_000;
/** A job whose worker died this many times fails instead of going round for ever. */
const MAX_STALLS = 3;

/** Thrown into a job whose thread was stopped because the worker is ending. */
class Stopping extends Error {}

/** One thread, one job at a time; a thread that dies is replaced by a new one. */
class JobThread {
  private running: { resolve: (r: string) => void; reject: (e: Error) => void; onEpoch: (epoch: number, bytes: Uint8Array) => void } | null = null;
  private stopped = false;
  /** The thread's checkpoint memory and its flag (job-thread.ts), new with each thread. */
  private memory!: SharedArrayBuffer;
  private storing!: Int32Array;
  private thread = this.start();
  /** Taken by a job, from before it fetches its checkpoint until it has its result. */
  taken = false;
  /** The trials the thread keeps in memory (job-thread.ts), by trialKey, with their epochs. */
  kept = new Map<string, number>();

  private start(): Thread {
    this.memory = new SharedArrayBuffer(0);
    this.storing = new Int32Array(new SharedArrayBuffer(4));
    const thread = new Thread(new URL('./job-thread.js', import.meta.url), { workerData: { storing: this.storing } satisfies ThreadSetup });
    thread.on('message', (m: JobMessage) => {
      if ('epoch' in m) this.memory = m.memory ?? this.memory;
      else this.kept = new Map(m.kept);
      const r = this.running;
      // the last words of a job already stopped: its checkpoint is not stored
      if (r === null) return 'epoch' in m ? this.checkpointStored() : undefined;
      if ('epoch' in m) return r.onEpoch(m.epoch, new Uint8Array(this.memory, 0, m.length));
      this.running = null;
      if ('result' in m) r.resolve(m.result);
      else r.reject(errorFromMessage(m.error));
    });
    const fail = (e: Error) => {
      const r = this.running;
      this.running = null;
      r?.reject(e);
    };
    thread.on('error', fail);
    thread.on('exit', (code) => {
      // a thread that ended keeps nothing; its replacement starts empty
      this.kept = new Map();
      fail(new RunError(`the trial thread stopped (exit code ${code})`));
      if (!this.stopped) this.thread = this.start();
    });
    return thread;
  }

  run(request: JobRequest, onEpoch: (epoch: number, bytes: Uint8Array) => void): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      this.running = { resolve, reject, onEpoch };
      this.thread.postMessage(request, movable(request.checkpoint));
    });
  }

  /** The checkpoint sent last is stored (or given up): the thread may write the next one. */
  checkpointStored(): void {
    Atomics.store(this.storing, 0, 0);
    Atomics.notify(this.storing, 0);
  }

  /** Stops the job running here for good; its promise rejects with `reason`. */
  async stop(reason: Error): Promise<void> {
    this.stopped = true;
    const r = this.running;
    this.running = null;
    r?.reject(reason);
    await this.thread.terminate();
  }
}

/**
 * The checkpoint's memory, handed to the thread instead of copied, when the bytes are all of it
 * (a reply from Redis or a file read of more than a few kilobytes): a copy of megabytes costs
 * fresh pages as well as the copying. Small buffers share Node's pool, which must stay here.
 */
export function movable(bytes: Uint8Array | null): ArrayBuffer[] {
  if (bytes === null || !(bytes.buffer instanceof ArrayBuffer)) return [];
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? [bytes.buffer] : [];
}

/**
 * A trial's checkpoint is stored at most this often while it trains, and always when its job
 * ends (the next rung starts from there). Storing after every epoch sent a few megabytes through
 * Redis per epoch of a small MLP (weights, Adam's moments, the best checkpoint), which on the full
 * duel table cost more than the second worker gained; a worker killed mid-job loses at most this
 * much of its work.
 */
export const DEFAULT_CHECKPOINT_SECONDS = 10;

/**
 * Whether a job goes on from the trial its thread kept (`kept`: its epochs), not from the stored
 * checkpoint: to train, when it is at least as far (another worker may have trained it further
 * since); to test, only at exactly the stored epoch, the trial being tested. Without a stored
 * checkpoint (released, or lost with Redis's data) the kept trial is not used.
 */
export async function mayGoOn(kept: number | undefined, job: TrialJob, store: CheckpointStore): Promise<boolean> {
  if (kept === undefined) return false;
  const stored = await store.epoch(job.run, job.trial);
  if (stored === null) return false;
  return job.op === 'train' ? kept >= stored : kept === stored;
}

export interface WorkerOptions {
  concurrency: number;
  /** Seconds between a job's stored checkpoints while it trains; 0: after every epoch. */
  checkpointEverySeconds: number;
  say: (line: string) => void;
}

/**
 * Runs jobs until SIGINT or SIGTERM, then hands its running jobs back to the queue at once (they
 * resume from their last checkpoint on another worker) and resolves.
 */
export async function runWorker(redis: Redis, options: WorkerOptions): Promise<void> {
  const name = `${hostname()}:${process.pid}`;
  const threads = Array.from({ length: options.concurrency }, () => new JobThread());
  let stopping = false;
  const say = options.say;

  const processor = async (job: Job<TrialJob>, token?: string): Promise<string> => {
    const data = job.data;
    const key = trialKey(data);
    // taken before the first await: BullMQ starts up to `concurrency` jobs at once; the thread
    // that keeps the trial, if it is free
    const thread = threads.find((t) => !t.taken && t.kept.has(key)) ?? threads.find((t) => !t.taken)!;
    thread.taken = true;
    // checkpoints are stored in order, and the job ends only once the last is stored
    let stored = Promise.resolve();
    try {
      const store = openStore(data.store, redis);
      const fromKept = await mayGoOn(thread.kept.get(key), data, store);
      const checkpoint = fromKept ? null : await store.get(data.run, data.trial);
      const again = job.attemptsMade + job.stalledCounter > 0 ? ` (again: attempt ${job.attemptsMade + 1}, stalled ${job.stalledCounter}×)` : '';
      say(`${jobName(data)}: ${fromKept ? 'from memory' : checkpoint === null ? 'from scratch' : 'from its checkpoint'}${again}`);
      const result = await thread.run({ job: data, checkpoint, fromKept, checkpointEveryMs: 1000 * options.checkpointEverySeconds }, (epoch, bytes) => {
        const before = stored;
        stored = (async () => {
          try {
            await before;
            await store.put(data.run, data.trial, bytes, epoch);
          } finally {
            // the thread waits for its memory, stored or not; a failed store fails the job when it ends
            thread.checkpointStored();
          }
          await job.updateProgress(epoch);
          say(`${jobName(data)}: epoch ${epoch} stored`);
        })();
      });
      await stored;
      say(`${jobName(data)}: done`);
      return result;
    } catch (e) {
      await stored.catch(() => {});
      if (e instanceof Stopping) {
        // back to the queue without spending an attempt: another worker continues it
        await job.moveToWait(token);
        throw new WaitingError();
      }
      say(`${jobName(data)}: failed: ${(e as Error).message}`);
      // bad input fails the same way on every worker: once, with its message
      if (e instanceof InputError) throw new UnrecoverableError(JSON.stringify(errorMessage(e)));
      throw new Error(JSON.stringify(errorMessage(e)));
    } finally {
      thread.taken = false;
    }
  };

  const worker = new Worker<TrialJob, string>(QUEUE, processor, {
    connection: redis,
    concurrency: options.concurrency,
    name,
    lockDuration: LOCK_MS,
    stalledInterval: STALL_CHECK_MS,
    maxStalledCount: MAX_STALLS,
  });
  let lastError = '';
  worker.on('error', (e) => {
    if (e.message !== lastError) say(`worker: ${e.message}`);
    lastError = e.message;
  });
  const closable = {
    close: async () => {
      stopping = true;
      // no new jobs first, or this worker would take back the ones it hands back
      await worker.pause(true);
      await Promise.all(threads.map((t) => t.stop(new Stopping('the worker is stopping'))));
      await worker.close();
    },
  };
  holdOpen(closable);
  say(`remedy worker ${name}: taking trials from ${QUEUE}, ${options.concurrency} at a time`);
  let resolve!: () => void;
  const ended = new Promise<void>((r) => (resolve = r));
  const end = (signal: string) => {
    // a second signal, or a Redis that does not answer: stop without handing the trials back;
    // their locks run out and the stall check of another worker puts them back on the queue
    if (stopping) {
      say(`${signal} again: stopping now`);
      resolve();
      return;
    }
    say(`${signal}: handing the running trials back to the queue`);
    const late = setTimeout(() => {
      say(`Redis did not answer within ${LOCK_MS / 1000} s: stopping; the running trials go back to the queue when their locks run out`);
      resolve();
    }, LOCK_MS);
    void closable.close().then(() => {
      clearTimeout(late);
      resolve();
    });
  };
  const signals = { SIGINT: () => end('SIGINT'), SIGTERM: () => end('SIGTERM') };
  for (const [signal, handler] of Object.entries(signals)) process.on(signal, handler);
  await ended;
  for (const [signal, handler] of Object.entries(signals)) process.off(signal, handler);
  letGo(closable);
}
