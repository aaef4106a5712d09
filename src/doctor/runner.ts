import { Worker } from 'node:worker_threads';
import { InputError } from '../errors.js';
import type { Spec } from '../spec/schema.js';
import type { EpochRecord } from '../train/history.js';
import { createTrainer, type SpecOrigin } from '../train/run.js';
import type { Trainer } from '../train/trainer.js';
import { EarlyStopping } from '../train/callbacks/early-stopping.js';
import type { TrialRequest } from './trial-worker.js';

/** Where a trial stands after training: its history and the metrics of its current weights. */
export interface TrialState {
  history: EpochRecord[];
  /** The epoch (from 1) whose metrics these are. */
  epoch: number;
  diverged: boolean;
  trainAcc: number;
  valAcc: number | null;
  valLoss: number | null;
}

/**
 * Runs trials: each trial is a spec trained from its seed's initialisation, extended epoch by
 * epoch as a race keeps it. Implementations run in this thread or spread trials over workers.
 */
export interface TrialRunner {
  /** Trains trial `id` (created from `spec` on first use) until it has run `epochs` epochs. */
  train(id: number, spec: Spec, epochs: number): Promise<TrialState>;
  /** Test accuracy (and loss) of the trial's current weights, or null without a test set. */
  test(id: number): Promise<{ acc: number; loss: number } | null>;
  release(id: number): void;
  close(): Promise<void>;
}

/**
 * A trial's metrics: those of its last epoch, or with early stopping those of its best epoch,
 * which are exactly the metrics of the weights early stopping will restore.
 */
export function stateOf(trainer: Trainer): TrialState {
  const history = trainer.history;
  const stopping = trainer.specCallbacks.find((c) => c instanceof EarlyStopping);
  const at = stopping !== undefined && stopping.bestEpoch > 0 ? stopping.bestEpoch - 1 : history.length - 1;
  const record = history[at];
  return {
    history: history.map((r) => ({ ...r })),
    epoch: at + 1,
    diverged: trainer.diverged,
    trainAcc: record?.acc ?? 0,
    valAcc: trainer.diverged ? null : (record?.valAcc ?? null),
    valLoss: trainer.diverged ? null : (record?.valLoss ?? null),
  };
}

/** Trials one after the other in this thread. */
export class LocalRunner implements TrialRunner {
  private trainers = new Map<number, Trainer>();

  constructor(private readonly origin: SpecOrigin) {}

  async train(id: number, spec: Spec, epochs: number): Promise<TrialState> {
    let trainer = this.trainers.get(id);
    if (trainer === undefined) {
      trainer = await createTrainer(spec, this.origin);
      this.trainers.set(id, trainer);
    }
    if (trainer.epoch < epochs && trainer.stopReason === null) await trainer.fit(epochs, [], { end: false });
    return stateOf(trainer);
  }

  async test(id: number) {
    const trainer = this.trainers.get(id)!;
    trainer.end();
    return trainer.data.test && !trainer.diverged ? trainer.evaluate(trainer.data.test) : null;
  }

  release(id: number): void {
    this.trainers.delete(id);
  }

  async close(): Promise<void> {
    this.trainers.clear();
  }
}

type WithoutCall<T> = T extends unknown ? Omit<T, 'call'> : never;

/**
 * Trials spread over worker threads, one trial per thread at a time, so a race uses both cores.
 * A trial stays on the thread that created it (its trainer lives there); new trials go to the
 * thread with the fewest.
 */
export class WorkerRunner implements TrialRunner {
  private readonly workers: { worker: Worker; trials: Set<number> }[];
  private readonly home = new Map<number, number>();
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private calls = 0;

  constructor(
    private readonly origin: SpecOrigin,
    threads: number,
  ) {
    this.workers = Array.from({ length: threads }, () => {
      const worker = new Worker(new URL('./trial-worker.js', import.meta.url));
      worker.on('message', (m: { call: number; result?: unknown; error?: { name: string; message: string; detail?: string; file?: string; field?: string } | string }) => {
        const p = this.pending.get(m.call)!;
        this.pending.delete(m.call);
        if (m.error === undefined) p.resolve(m.result);
        else if (typeof m.error === 'object' && m.error.name === 'InputError') p.reject(new InputError(m.error.detail ?? m.error.message, m.error.file, m.error.field));
        else p.reject(new Error(typeof m.error === 'string' ? m.error : m.error.message));
      });
      return { worker, trials: new Set<number>() };
    });
  }

  private call<T>(id: number, message: WithoutCall<TrialRequest>): Promise<T> {
    let index = this.home.get(id);
    if (index === undefined) {
      index = this.workers.reduce((best, w, i) => (w.trials.size < this.workers[best].trials.size ? i : best), 0);
      this.home.set(id, index);
      this.workers[index].trials.add(id);
    }
    const call = this.calls++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(call, { resolve: resolve as (v: unknown) => void, reject });
      this.workers[index].worker.postMessage({ ...message, call });
    });
  }

  train(id: number, spec: Spec, epochs: number): Promise<TrialState> {
    return this.call(id, { op: 'train', id, spec, epochs, origin: this.origin });
  }

  test(id: number): Promise<{ acc: number; loss: number } | null> {
    return this.call(id, { op: 'test', id });
  }

  release(id: number): void {
    const index = this.home.get(id);
    if (index === undefined) return;
    this.workers[index].worker.postMessage({ op: 'release', id });
    this.workers[index].trials.delete(id);
    this.home.delete(id);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
