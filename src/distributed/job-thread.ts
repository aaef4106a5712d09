/**
 * A thread of `remedy worker` that runs one trial job at a time (worker.ts). Trials train in
 * threads, as the local runner's do, so each uses one BLAS thread and gives the same sums, bit
 * for bit, as a local run (src/backend/blas).
 */
import { parentPort } from 'node:worker_threads';
import { errorMessage, RunError, type ErrorMessage } from '../errors.js';
import { loadData, type DataSplits } from '../data/index.js';
import { Trial } from '../doctor/runner.js';
import { Trainer } from '../train/trainer.js';
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

/** The last job's data: the trials of a race share it (same data, same seed), so it is loaded once, not per rung. */
let lastData: { key: string; data: Promise<DataSplits> } | null = null;

function dataOf({ spec, origin }: TrialJob): Promise<DataSplits> {
  const key = JSON.stringify([spec.data, spec.seed, origin]);
  if (lastData?.key !== key) {
    const data = loadData(spec.data, { seed: spec.seed, specDir: origin.dir, specFile: origin.file });
    // a failure (a share that was briefly away) is not kept: the next job tries again
    data.catch(() => {
      if (lastData?.data === data) lastData = null;
    });
    lastData = { key, data };
  }
  return lastData.data;
}

parentPort!.on('message', async ({ job, checkpoint, checkpointEveryMs }: JobRequest) => {
  let trial: Trial | null = null;
  try {
    const name = `trial ${job.trial} of run ${job.run}`;
    if (job.op === 'test' && checkpoint === null) throw new RunError(`${name} has no checkpoint to test (was it released?)`);
    trial = new Trial(new Trainer(job.spec, await dataOf(job), job.origin.file), job.keepBest);
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
