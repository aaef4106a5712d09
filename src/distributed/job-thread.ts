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
import { parentPort } from 'node:worker_threads';
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

/** Memory for the thread's next checkpoint: a stored checkpoint's, given back by the worker. */
export interface SpareMemory {
  spare: ArrayBuffer;
}

/** The trials a thread keeps, by trialKey (jobs.ts), with the epochs each has trained. */
export type KeptTrials = [key: string, epoch: number][];

export type JobMessage =
  /** After an epoch: the state to store, so a killed worker's job continues from here. */
  | { epoch: number; checkpoint: Uint8Array }
  /** The TrialState (train) or test result, as exact JSON. */
  | { result: string; kept: KeptTrials }
  | { error: ErrorMessage; kept: KeptTrials };

/** Oldest first, so the first is the one to let go. */
const kept = new Map<string, Trial>();

const keptTrials = (): KeptTrials => [...kept].map(([key, trial]) => [key, trial.trainer.epoch]);

/**
 * Memory that held checkpoints (stored ones the worker gave back, restored ones), largest first:
 * a checkpoint written into it costs no fresh pages, which in a VM cost more than the writing
 * (several megabytes per job for the deep MLPs of the duel table).
 */
const spares: ArrayBuffer[] = [];
const SPARES = 2;

function keepSpare(memory: ArrayBufferLike): void {
  // shared memory is never written into: others may read it
  if (!(memory instanceof ArrayBuffer)) return;
  spares.push(memory);
  spares.sort((a, b) => b.byteLength - a.byteLength);
  spares.length = Math.min(spares.length, SPARES);
}

parentPort!.on('message', (message: JobRequest | SpareMemory) => {
  if ('spare' in message) keepSpare(message.spare);
  else void runJob(message);
});

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
      if (checkpoint !== null) {
        trial.restore(checkpoint, name);
        // restoring copied everything out of it
        keepSpare(checkpoint.buffer);
      }
    } else if (trial === null) throw new RunError(`${name} is not kept in this thread`);
    let result: unknown;
    if (job.op === 'train') {
      const trained = trial;
      let sentEpoch = trained.trainer.epoch;
      let sentAt = performance.now();
      const send = () => {
        const bytes = trained.checkpoint(spares.shift());
        parentPort!.postMessage({ epoch: trained.trainer.epoch, checkpoint: bytes } satisfies JobMessage, [bytes.buffer as ArrayBuffer]);
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
