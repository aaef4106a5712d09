import { batchLossSection } from '../report/batch-loss.js';
import { curvesSection } from '../report/curves.js';
import { duration, percent, significant } from '../report/format.js';
import { gradientNormsSection } from '../report/gradient-norms.js';
import { headlineSection } from '../report/headline.js';
import { learningRateSection } from '../report/learning-rate.js';
import { timingSection } from '../report/timing.js';
import type { Callback } from '../train/callback.js';
import type { Trainer } from '../train/trainer.js';
import type { LiveBoard, LiveSection } from './board.js';

/** The page is sent an update at most this often: live enough to watch, cheap for training. */
const INTERVAL_MS = 250;

/**
 * A training run on the live page, as a Keras-style callback: after every epoch the report's
 * sections (curves, learning rate, gradient norms, timing) drawn from the history so far, and
 * within the epoch the loss of every batch with its moving average. Per batch it only keeps the
 * loss; the sections are drawn when a send is due, at most every INTERVAL_MS (fast epochs are
 * sent together, the last one at most that late).
 */
export class LiveTraining implements Callback {
  private epochSections: LiveSection[] = [];
  private losses: number[] = [];
  private firstBatch = 0;
  private epoch = 1;
  private started = 0;
  private lastSent = 0;
  private historyChanged = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly board: LiveBoard,
    private readonly epochs: number,
  ) {}

  onTrainBegin(trainer: Trainer): void {
    this.started = performance.now();
    this.historyChanged = true;
    this.send(trainer);
  }

  onEpochBegin(trainer: Trainer, epoch: number): void {
    this.epoch = epoch;
    this.losses = [];
    this.firstBatch = trainer.progress?.batch ?? 0;
  }

  onBatchEnd(trainer: Trainer, _batch: number, loss: number): void {
    this.losses.push(loss);
    if (this.timer === null && performance.now() - this.lastSent >= INTERVAL_MS) this.send(trainer);
  }

  onEpochEnd(trainer: Trainer): void {
    this.historyChanged = true;
    if (this.timer !== null) return;
    const wait = INTERVAL_MS - (performance.now() - this.lastSent);
    if (wait <= 0) this.send(trainer);
    else this.timer = setTimeout(() => this.send(trainer), wait).unref();
  }

  onTrainEnd(trainer: Trainer): void {
    this.send(trainer);
  }

  onInterrupt(trainer: Trainer): void {
    this.send(trainer);
  }

  private send(trainer: Trainer): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.lastSent = performance.now();
    if (this.historyChanged) this.epochSections = this.sectionsOfHistory(trainer);
    this.historyChanged = false;
    const batches = this.firstBatch + this.losses.length;
    const status = `live: epoch ${this.epoch} of ${this.epochs}, batch ${batches} of ${trainer.stepsPerEpoch}`;
    const [headline, ...rest] = this.epochSections;
    this.board.show([headline, { id: 'batches', html: batchLossSection(this.epoch, this.firstBatch, this.losses) }, ...rest], status);
  }

  private sectionsOfHistory(trainer: Trainer): LiveSection[] {
    const history = trainer.history;
    const last = history.at(-1);
    const seconds = (performance.now() - this.started) / 1000;
    const headline = headlineSection([
      { label: 'Epochs done', value: `${history.length} of ${this.epochs}` },
      { label: 'Train accuracy', value: percent(last?.acc ?? null), detail: last === undefined ? undefined : `loss ${significant(last.loss)}` },
      { label: 'Validation accuracy', value: percent(last?.valAcc ?? null), detail: last?.valLoss == null ? undefined : `loss ${significant(last.valLoss)}` },
      { label: 'Time so far', value: duration(seconds) },
    ]);
    return [
      { id: 'headline', html: headline },
      { id: 'curves', html: curvesSection(history) },
      { id: 'learning-rate', html: learningRateSection(history) },
      { id: 'timing', html: timingSection(history, seconds) },
      { id: 'gradient-norms', html: gradientNormsSection(history, 'Gradient norms', true) },
    ];
  }
}
