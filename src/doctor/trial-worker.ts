/**
 * A worker thread that runs doctor trials (see WorkerRunner): it keeps each trial between
 * messages so a race can extend it rung after rung.
 */
import { parentPort } from 'node:worker_threads';
import { errorMessage } from '../errors.js';
import type { DataSplits } from '../data/index.js';
import type { Spec } from '../spec/schema.js';
import type { SpecOrigin } from '../train/run.js';
import { Trial } from './runner.js';

export type TrialRequest =
  | { op: 'train'; call: number; id: number; spec: Spec; epochs: number; origin: SpecOrigin; keepBest: boolean; data?: DataSplits }
  | { op: 'test'; call: number; id: number }
  | { op: 'release'; id: number };

const trials = new Map<number, Trial>();

parentPort!.on('message', async (m: TrialRequest) => {
  try {
    if (m.op === 'release') {
      trials.get(m.id)?.release();
      trials.delete(m.id);
      return;
    }
    if (m.op === 'train') {
      let trial = trials.get(m.id);
      if (trial === undefined) trials.set(m.id, (trial = await Trial.create(m.spec, m.origin, m.keepBest, m.data)));
      parentPort!.postMessage({ call: m.call, result: await trial.train(m.epochs) });
      return;
    }
    parentPort!.postMessage({ call: m.call, result: trials.get(m.id)!.test() });
  } catch (e) {
    if (m.op !== 'release') parentPort!.postMessage({ call: m.call, error: errorMessage(e) });
  }
});
