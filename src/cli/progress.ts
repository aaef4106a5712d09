import cliProgress from 'cli-progress';
import type { Callback } from '../train/callback.js';
import type { EpochRecord } from '../train/history.js';
import type { Trainer } from '../train/trainer.js';
import { epochLine } from './format.js';

/**
 * What a user sees while training, as Keras and Lightning show it: on a terminal, a bar per
 * epoch with batches, running loss and accuracy, speed and time left (on stderr, like tqdm),
 * then the epoch's line; in a pipe or a log, just the line per epoch.
 */
export class Progress implements Callback {
  private bar: cliProgress.SingleBar | null = null;
  private lossSum = 0;
  private batches = 0;
  private started = 0;

  constructor(
    private readonly epochs: number,
    private readonly interactive: boolean,
    private readonly print: (line: string) => void,
  ) {}

  onEpochBegin(trainer: Trainer, epoch: number): void {
    this.lossSum = 0;
    this.batches = 0;
    this.started = performance.now();
    if (!this.interactive) return;
    this.bar = new cliProgress.SingleBar(
      {
        format: `epoch ${epoch}/${this.epochs} {bar} {value}/{total} | loss {loss} | {speed} ex/s | eta {eta_formatted}`,
        barsize: 24,
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 50,
        fps: 8,
        stream: process.stderr,
      },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(trainer.stepsPerEpoch, trainer.progress?.batch ?? 0, { loss: '-', speed: '-' });
  }

  onBatchEnd(trainer: Trainer, batch: number, loss: number): void {
    this.lossSum += loss;
    this.batches++;
    if (this.bar === null) return;
    const seconds = (performance.now() - this.started) / 1000;
    this.bar.update(batch + 1, {
      loss: (this.lossSum / this.batches).toFixed(4),
      speed: Math.round((this.batches * trainer.spec.batchSize) / Math.max(seconds, 1e-9)).toLocaleString('en-US'),
    });
  }

  onEpochEnd(_trainer: Trainer, record: EpochRecord): void {
    this.stopBar();
    this.print(epochLine(record, this.epochs));
  }

  onInterrupt(): void {
    this.stopBar();
  }

  private stopBar(): void {
    this.bar?.stop();
    this.bar = null;
  }
}
