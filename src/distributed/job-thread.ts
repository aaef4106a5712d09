/**
 * A thread of `remedy worker` that runs one trial job at a time (worker.ts). Trials train in
 * threads, as the local runner's do, so each uses one BLAS thread and gives the same sums, bit
 * for bit, as a local run (src/backend/blas).
 */
import { parentPort } from 'node:worker_threads';
import { errorMessage, RunError, type ErrorMessage } from '../errors.js';
import { Trial } from '../doctor/runner.js';
import { stringifyExact } from '../util/exact-json.js';
import type { TrialJob } from './jobs.js';

export interface JobRequest {
  job: TrialJob;
  /** The trial's stored checkpoint; null before its first epoch. */
  checkpoint: Uint8Array | null;
  /** Time between checkpoints sent while the job trains; its last epoch's is always sent. */
  checkpointEveryMs: number;
}

export type JobMessage =
  /** After an epoch: the state to store, so a killed worker's job continues from here. */
  | { epoch: number; checkpoint: Uint8Array }
  /** The TrialState (train) or test result, as exact JSON. */
  | { result: string }
  | { error: ErrorMessage };

parentPort!.on('message', async ({ job, checkpoint, checkpointEveryMs }: JobRequest) => {
  let trial: Trial | null = null;
  try {
    const name = `trial ${job.trial} of run ${job.run}`;
    if (job.op === 'test' && checkpoint === null) throw new RunError(`${name} has no checkpoint to test (was it released?)`);
    trial = await Trial.create(job.spec, job.origin, job.keepBest);
    if (checkpoint !== null) trial.restore(checkpoint, name);
    let result: unknown;
    if (job.op === 'train') {
      const trained = trial;
      let sentEpoch = trained.trainer.epoch;
      let sentAt = performance.now();
      const send = () => {
        const bytes = trained.checkpoint();
        parentPort!.postMessage({ epoch: trained.trainer.epoch, checkpoint: bytes } satisfies JobMessage, [bytes.buffer as ArrayBuffer]);
        sentEpoch = trained.trainer.epoch;
        sentAt = performance.now();
      };
      result = await trained.train(job.epochs, () => {
        if (performance.now() - sentAt >= checkpointEveryMs) send();
      });
      if (trained.trainer.epoch !== sentEpoch) send();
    } else result = trial.test();
    parentPort!.postMessage({ result: stringifyExact(result) } satisfies JobMessage);
  } catch (e) {
    parentPort!.postMessage({ error: errorMessage(e) } satisfies JobMessage);
  } finally {
    trial?.release();
  }
});
