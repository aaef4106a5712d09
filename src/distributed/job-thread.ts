/**
 * A thread of `remedy worker` that runs one trial job at a time (worker.ts). Trials train in
 * threads, as the local runner's do, so each uses one BLAS thread and gives the same sums, bit
 * for bit, as a local run (src/backend/blas).
 *
 * After a train job the thread keeps the trial in memory (the last KEEP of them): when the next
 * rung of the same trial comes to this thread, it goes on from there instead of fetching,
 * decoding and restoring the checkpoint. Training is deterministic, so a trial's state after
 * epoch e is the same in memory as in any checkpoint of that epoch; the worker uses the kept
 * trial only when it is at least as far as the stored checkpoint (worker.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { errorMessage, RunError, type ErrorMessage } from '../errors.js';
import { Trial } from '../doctor/runner.js';
import { stringifyExact } from '../util/exact-json.js';
import { trialKey, type TrialJob } from './jobs.js';

/** Trials kept per thread: a doctor's race on a few workers spreads its contestants over them. */
const KEEP = 4;

export interface JobRequest {
  job: TrialJob;
  /** The trial's stored checkpoint; null before its first epoch, or when the kept trial goes on. */
  checkpoint: Uint8Array | null;
  /** Go on from the trial this thread kept (its epoch in `kept` of the last message). */
  fromKept: boolean;
  /** Time between checkpoints sent while the job trains; its last epoch's is always sent. */
  checkpointEveryMs: number;
}

/**
 * What the worker gives a new thread (workerData): a flag in shared memory, 1 while the worker
 * stores the checkpoint the thread last wrote into its checkpoint memory, 0 when the memory is
 * free again (the worker sets it and wakes the thread: worker.ts).
 */
export interface ThreadSetup {
  storing: Int32Array;
}

/** The trials a thread keeps, by trialKey (jobs.ts), with the epochs each has trained. */
export type KeptTrials = [key: string, epoch: number][];

export type JobMessage =
  /**
   * After an epoch: the state to store, so a killed worker's job continues from here. It is the
   * first `length` bytes of the thread's checkpoint memory, sent along when it is new.
   */
  | { epoch: number; length: number; memory?: SharedArrayBuffer }
  /** The TrialState (train) or test result, as exact JSON. */
  | { result: string; kept: KeptTrials }
  | { error: ErrorMessage; kept: KeptTrials };

/** Oldest first, so the first is the one to let go. */
const kept = new Map<string, Trial>();

const keptTrials = (): KeptTrials => [...kept].map(([key, trial]) => [key, trial.trainer.epoch]);

const { storing } = workerData as ThreadSetup;

/**
 * Where this thread writes its checkpoints, shared with the worker, which stores them from it:
 * the same memory for every checkpoint. Moving each checkpoint's memory to the worker and back
 * instead counted as fresh external memory of this thread's heap every time, and V8 answered
 * with full collections: 2.7 times as many as a local run's trial threads on the first seed of
 * the duel table (docs/distributed.md).
 */
let memory = new SharedArrayBuffer(0);

/** Writes the trial's checkpoint into the checkpoint memory, once the worker has stored the last one, and sends it. */
function sendCheckpoint(trial: Trial): void {
  Atomics.wait(storing, 0, 1);
  const bytes = trial.checkpoint(memory);
  let grown: SharedArrayBuffer | undefined;
  if (bytes.buffer !== memory) {
    // larger than any before: room for it and growth, sent along once
    grown = memory = new SharedArrayBuffer(Math.max(bytes.length, 2 * memory.byteLength));
    new Uint8Array(memory).set(bytes);
  }
  Atomics.store(storing, 0, 1);
  parentPort!.postMessage({ epoch: trial.trainer.epoch, length: bytes.length, ...(grown && { memory: grown }) } satisfies JobMessage);
}

parentPort!.on('message', (request: JobRequest) => void runJob(request));

async function runJob({ job, checkpoint, fromKept, checkpointEveryMs }: JobRequest): Promise<void> {
  const key = trialKey(job);
  // taken out while the job runs: a job that fails leaves nothing half-trained behind
  let trial = kept.get(key) ?? null;
  kept.delete(key);
  try {
    const name = `trial ${job.trial} of run ${job.run}`;
    if (!fromKept) {
      trial?.release();
      trial = null;
      if (job.op === 'test' && checkpoint === null) throw new RunError(`${name} has no checkpoint to test (was it released?)`);
      trial = await Trial.create(job.spec, job.origin, job.keepBest);
      // restoring copies everything out: the bytes are not held through the training
      if (checkpoint !== null) trial.restore(checkpoint, name);
      checkpoint = null;
    } else if (trial === null) throw new RunError(`${name} is not kept in this thread`);
    let result: unknown;
    if (job.op === 'train') {
      const trained = trial;
      let sentEpoch = trained.trainer.epoch;
      let sentAt = performance.now();
      const send = () => {
        sendCheckpoint(trained);
        sentEpoch = trained.trainer.epoch;
        sentAt = performance.now();
      };
      result = await trained.train(job.epochs, () => {
        if (performance.now() - sentAt >= checkpointEveryMs) send();
      });
      if (trained.trainer.epoch !== sentEpoch) send();
      kept.set(key, trained);
      trial = null;
      if (kept.size > KEEP) {
        const [oldest, left] = kept.entries().next().value!;
        left.release();
        kept.delete(oldest);
      }
    } else result = trial.test(); // testing ends the trial: it is not kept
    parentPort!.postMessage({ result: stringifyExact(result), kept: keptTrials() } satisfies JobMessage);
  } catch (e) {
    parentPort!.postMessage({ error: errorMessage(e), kept: keptTrials() } satisfies JobMessage);
  } finally {
    trial?.release();
  }
}
