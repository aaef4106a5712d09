/**
 * A worker thread that runs doctor trials (see WorkerRunner): it keeps each trial's Trainer
 * between messages so a race can extend it rung after rung.
 */
import { parentPort } from 'node:worker_threads';
import type { Spec } from '../spec/schema.js';
import { createTrainer, type SpecOrigin } from '../train/run.js';
import type { Trainer } from '../train/trainer.js';
import { stateOf } from './runner.js';

export type TrialRequest =
  | { op: 'train'; call: number; id: number; spec: Spec; epochs: number; origin: SpecOrigin }
  | { op: 'test'; call: number; id: number }
  | { op: 'release'; id: number };

const trainers = new Map<number, Trainer>();

parentPort!.on('message', async (m: TrialRequest) => {
  try {
    if (m.op === 'release') {
      trainers.delete(m.id);
      return;
    }
    if (m.op === 'train') {
      let trainer = trainers.get(m.id);
      if (trainer === undefined) {
        trainer = await createTrainer(m.spec, m.origin);
        trainers.set(m.id, trainer);
      }
      if (trainer.epoch < m.epochs && trainer.stopReason === null) await trainer.fit(m.epochs, [], { end: false });
      parentPort!.postMessage({ call: m.call, result: stateOf(trainer) });
      return;
    }
    const trainer = trainers.get(m.id)!;
    trainer.end();
    const result = trainer.data.test && !trainer.diverged ? trainer.evaluate(trainer.data.test) : null;
    parentPort!.postMessage({ call: m.call, result });
  } catch (e) {
    if (m.op !== 'release') parentPort!.postMessage({ call: m.call, error: e instanceof Error ? { name: e.name, message: e.message, detail: (e as { detail?: string }).detail, file: (e as { file?: string }).file, field: (e as { field?: string }).field } : String(e) });
  }
});
