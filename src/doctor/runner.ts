import { Worker } from 'node:worker_threads';
import type { DataSplits } from '../data/index.js';
import { errorFromMessage, RunError, type ErrorMessage } from '../errors.js';
import type { Spec } from '../spec/schema.js';
import type { EpochRecord } from '../train/history.js';
import { specData, type SpecOrigin } from '../train/run.js';
import { Trainer } from '../train/trainer.js';
import type { Callback } from '../train/callback.js';
import { EarlyStopping } from '../train/callbacks/early-stopping.js';
import { encodeCheckpoint, restoreCheckpointBytes } from '../train/checkpoint.js';
import { holdOpen, letGo } from '../util/open-resources.js';
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
  /** Trials worth training at once: beyond it they would only wait for a thread or a worker. */
  readonly parallel: number;
  /** Trains trial `id` (created from `spec` on first use) until it has run `epochs` epochs. */
  train(id: number, spec: Spec, epochs: number): Promise<TrialState>;
  /** Test accuracy (and loss) of the trial's current weights, or null without a test set. */
  test(id: number): Promise<{ acc: number; loss: number } | null>;
  release(id: number): void;
  close(): Promise<void>;
}

/**
 * A trial: a trainer, and a keeper of the weights of its best epoch by validation loss. A trial
 * is judged by, and tested with, its best checkpoint, as the tuning playbook advises ("pick the
 * best checkpoint after the fact"): a run whose validation accuracy wobbles is not judged by
 * its unluckiest epoch. A spec's own early stopping is that keeper; without validation data, the
 * last epoch counts.
 */
export class Trial {
  private readonly keeper: EarlyStopping | null;
  private readonly extra: EarlyStopping[];

  /** `keepBest` false: the trial is what a user's run is, judged by its last epoch (experiments). */
  constructor(
    readonly trainer: Trainer,
    keepBest = true,
  ) {
    const own = trainer.specCallbacks.find((c) => c instanceof EarlyStopping);
    const added = keepBest && own === undefined && trainer.data.validation !== null;
    this.keeper = own ?? (added ? new EarlyStopping({ monitor: 'val_loss', patience: Infinity, minDelta: 0, restoreBestWeights: true }) : null);
    this.extra = added ? [this.keeper!] : [];
  }

  /** `data`: the spec's splits when the caller has them already (another thread's, in shared memory). */
  static async create(spec: Spec, origin: SpecOrigin, keepBest = true, data?: DataSplits): Promise<Trial> {
    return new Trial(new Trainer(spec, data ?? (await specData(spec, origin)), origin.file), keepBest);
  }

  /**
   * Puts a new trial of the same spec where `checkpoint()` left one (in another process, on
   * another machine), bit for bit: trainer, random streams, history and the keeper's best epoch
   * and weights.
   */
  restore(checkpoint: Uint8Array, name: string): void {
    restoreCheckpointBytes(checkpoint, name, this.trainer, this.extra);
  }

  /** The trial's complete state, for `restore`; written into `into` when it is large enough. */
  checkpoint(into?: ArrayBufferLike): Uint8Array {
    return encodeCheckpoint(this.trainer, this.extra, into);
  }

  /** Trains on to `epochs` (unless early stopping ended it) and reads the state; `onEpoch` after each epoch. */
  async train(epochs: number, onEpoch?: (trial: Trial) => void): Promise<TrialState> {
    const t = this.trainer;
    const each: Callback[] = onEpoch === undefined ? [] : [{ onEpochEnd: () => onEpoch(this) }];
    if (t.epoch < epochs && t.stopReason === null) await t.fit(epochs, [...this.extra, ...each], { end: false });
    return this.state();
  }

  state(): TrialState {
    const history = this.trainer.history;
    const at = this.keeper !== null && this.keeper.bestEpoch > 0 ? this.keeper.bestEpoch - 1 : history.length - 1;
    const record = history[at];
    const diverged = this.trainer.diverged;
    return {
      history: history.map((r) => ({ ...r })),
      epoch: at + 1,
      diverged,
      trainAcc: record?.acc ?? 0,
      valAcc: diverged ? null : (record?.valAcc ?? null),
      valLoss: diverged ? null : (record?.valLoss ?? null),
    };
  }

  /** Frees the trial's memory; it must not be used afterwards. */
  release(): void {
    this.trainer.release();
  }

  /** Test loss and accuracy of the best checkpoint. */
  test(): { acc: number; loss: number } | null {
    const t = this.trainer;
    t.end();
    for (const c of this.extra) c.onTrainEnd(t);
    return t.data.test && !t.diverged ? t.evaluate(t.data.test) : null;
  }
}

/** Trials one after the other in this thread. */
export class LocalRunner implements TrialRunner {
  readonly parallel = 1;
  private trials = new Map<number, Trial>();

  constructor(private readonly origin: SpecOrigin) {}

  async train(id: number, spec: Spec, epochs: number): Promise<TrialState> {
    let trial = this.trials.get(id);
    if (trial === undefined) this.trials.set(id, (trial = await Trial.create(spec, this.origin)));
    return trial.train(epochs);
  }

  async test(id: number) {
    return this.trials.get(id)!.test();
  }

  release(id: number): void {
    this.trials.get(id)?.release();
    this.trials.delete(id);
  }

  async close(): Promise<void> {
    for (const id of [...this.trials.keys()]) this.release(id);
  }
}

type WithoutCall<T> = T extends unknown ? Omit<T, 'call'> : never;

/**
 * Worker threads that run trials (trial-worker.ts). The runs of a command may share them (local
 * lanes, below): each trial gets a key of its own and stays on the thread that created it (its
 * trainer lives there). A thread with several calls at once trains their trials a batch each in
 * turn, so a new trial goes to the thread with the fewest calls under way, then the fewest
 * trials: by trial count alone, three lanes' trials piled up on one thread while the other
 * idled. The threads end when the last run using them closes.
 */
class TrialThreads {
  readonly workers: { worker: Worker; trials: number; underWay: number; dead: Error | null }[];
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; worker: Worker }>();
  private calls = 0;
  private keys = 0;
  private users = 0;
  closed = false;

  constructor(threads: number) {
    // held until closed, so that a command failing part way still ends its threads (cli/exit.ts)
    holdOpen(this);
    this.workers = Array.from({ length: threads }, () => {
      const worker = new Worker(new URL('./trial-worker.js', import.meta.url));
      worker.on('message', (m: { call: number; result?: unknown; error?: ErrorMessage }) => {
        const p = this.pending.get(m.call)!;
        this.pending.delete(m.call);
        if (m.error === undefined) p.resolve(m.result);
        else p.reject(errorFromMessage(m.error));
      });
      // a thread that dies takes its trials with it: fail their calls instead of waiting forever
      const fail = (error: Error) => {
        entry.dead ??= error;
        for (const [call, p] of this.pending) {
          if (p.worker !== worker) continue;
          this.pending.delete(call);
          p.reject(error);
        }
      };
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new RunError(`a trial thread stopped unexpectedly (exit code ${code})`)));
      const entry = { worker, trials: 0, underWay: 0, dead: null as Error | null };
      return entry;
    });
  }

  /** A new trial's key and thread: the thread with the fewest calls under way, then the fewest trials. */
  place(): { key: number; thread: number } {
    const lighter = (a: TrialThreads['workers'][number], b: TrialThreads['workers'][number]) => a.underWay < b.underWay || (a.underWay === b.underWay && a.trials < b.trials);
    const thread = this.workers.reduce((best, w, i) => (lighter(w, this.workers[best]) ? i : best), 0);
    this.workers[thread].trials++;
    return { key: this.keys++, thread };
  }

  call<T>(thread: number, message: WithoutCall<TrialRequest>): Promise<T> {
    const entry = this.workers[thread];
    if (entry.dead !== null) return Promise.reject(entry.dead);
    const call = this.calls++;
    entry.underWay++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(call, { resolve: resolve as (v: unknown) => void, reject, worker: entry.worker });
      entry.worker.postMessage({ ...message, call });
    }).finally(() => entry.underWay--);
  }

  release(thread: number, key: number): void {
    this.workers[thread].worker.postMessage({ op: 'release', id: key });
    this.workers[thread].trials--;
  }

  use(): this {
    this.users++;
    return this;
  }

  /** One run is done with the threads; the last ends them. */
  async leave(): Promise<void> {
    if (--this.users === 0) await this.close();
  }

  /** Ends the threads, used or not (the last run left, or the command is ending). */
  async close(): Promise<void> {
    this.closed = true;
    letGo(this);
    for (const w of this.workers) w.dead ??= new RunError('the trial threads are closed');
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}

/** Trials of one run (a doctor run, a search, an experiment) on trial threads: its own, or shared. */
export class WorkerRunner implements TrialRunner {
  private readonly threads: TrialThreads;
  /** Each trial's key and thread. */
  private readonly home = new Map<number, { key: number; thread: number }>();
  private left = false;
  readonly parallel: number;

  constructor(
    private readonly origin: SpecOrigin,
    threads: number | TrialThreads,
    /** Judge trials by their best checkpoint (the doctor) or by their last epoch (experiments). */
    private readonly keepBest = true,
  ) {
    this.threads = (typeof threads === 'number' ? new TrialThreads(threads) : threads).use();
    this.parallel = this.threads.workers.length;
  }

  private call<T>(id: number, message: (key: number) => WithoutCall<TrialRequest>): Promise<T> {
    let home = this.home.get(id);
    if (home === undefined) this.home.set(id, (home = this.threads.place()));
    return this.threads.call(home.thread, message(home.key));
  }

  async train(id: number, spec: Spec, epochs: number): Promise<TrialState> {
    // a new trial gets the splits loaded here, in shared memory: a thread neither reloads nor copies them
    const data = this.home.has(id) ? undefined : await specData(spec, this.origin);
    return this.call(id, (key) => ({ op: 'train', id: key, spec, epochs, origin: this.origin, keepBest: this.keepBest, data }));
  }

  test(id: number): Promise<{ acc: number; loss: number } | null> {
    return this.call(id, (key) => ({ op: 'test', id: key }));
  }

  release(id: number): void {
    const home = this.home.get(id);
    if (home === undefined) return;
    this.threads.release(home.thread, home.key);
    this.home.delete(id);
  }

  async close(): Promise<void> {
    if (this.left) return;
    this.left = true;
    for (const id of [...this.home.keys()]) this.release(id);
    await this.threads.leave();
  }
}

/** The local lanes' trial threads, while some run uses them. */
let shared: TrialThreads | null = null;

/**
 * Makes the runner of each doctor run, search or experiment: local threads, or jobs on Redis.
 *
 * A command with many independent runs (the duels of a table, the cases of a benchmark) may run
 * `lanes` of them at once, each with the runners of `lane(name)`: while one run waits on a lone
 * trial (a baseline, a rung extended) or on work of the main thread, another's trials keep the
 * cores busy. Local lanes share the machine's two trial threads; a queue has as many lanes as it
 * has workers, which bound what trains at once. (Measured on the full duel table, docs/distributed.md:
 * locally, with new trials placed by the calls under way, 4 lanes 267 s, 6 lanes 270 s, 3 lanes
 * 298 s; on the queue with two workers 2 lanes beat 3, 360 s against 413 s.)
 */
export type Runners = ((origin: SpecOrigin, keepBest?: boolean) => TrialRunner) & {
  readonly lanes?: number;
  /** The runners of one run of several; `name` keeps its jobs apart, the same on a restart. */
  lane?: (name: string) => Runners;
};

/**
 * Two trial threads, one per core of the machines this was made on. A run alone has them to
 * itself; runs in lanes share them, four runs on the two threads, so that while runs wait on a
 * lone trial (a baseline, a rung extended) or on the main thread (pre-flight checks, a case's
 * target) another's trials keep both cores busy.
 */
export const localRunners: Runners = Object.assign((origin: SpecOrigin, keepBest = true) => new WorkerRunner(origin, 2, keepBest), {
  lanes: 4,
  lane: (): Runners => (origin, keepBest = true) => {
    if (shared === null || shared.closed) shared = new TrialThreads(2);
    return new WorkerRunner(origin, shared, keepBest);
  },
});
