import { describeBackend } from '../backend/describe.js';
import { RunError } from '../errors.js';
import { writeOnnx } from '../export/onnx.js';
import { writeFileAtomic } from '../io/atomic.js';
import { writeSafetensors } from '../io/safetensors.js';
import { LiveTraining } from '../live/train.js';
import { reportPage } from '../report/page.js';
import { trainReport } from '../report/train-report.js';
import type { Callback } from '../train/callback.js';
import { Checkpointer, restoreCheckpoint } from '../train/checkpoint.js';
import type { TrainResult } from '../train/history.js';
import { trainerFromFile } from '../train/run.js';
import type { Trainer } from '../train/trainer.js';
import type { LiveBoard } from '../live/board.js';
import { startLive, type LiveFlags } from './live.js';
import { checkReadable, checkWritable, checkWritableFolder } from './paths.js';
import { Progress } from './progress.js';

export interface TrainFlags extends LiveFlags {
  init?: string;
  save?: string;
  onnx?: string;
  json?: string;
  report?: string;
  epochs?: number;
  checkpoint?: string;
  resume?: string;
  quiet?: boolean;
  /** Also print the backend and why it was chosen. */
  verbose?: boolean;
}

/** Exit code of a run stopped by Ctrl-C (128 + SIGINT), as shells report it. */
export const EXIT_INTERRUPTED = 130;

/** The `--json` document of `remedy train` (run-spec.md), plus `diverged` and `interrupted`. */
export function trainJson(r: TrainResult) {
  return {
    history: r.history,
    test: r.test,
    seconds: r.seconds,
    epochsRun: r.epochsRun,
    stoppedEarly: r.stoppedEarly,
    diverged: r.diverged,
    interrupted: r.interrupted,
  };
}

/**
 * `remedy train SPEC`: checks every input first, trains (resuming from a checkpoint when asked),
 * then writes what was asked for. Ctrl-C stops before the next batch, after writing a
 * checkpoint when --checkpoint or --resume is given; a second Ctrl-C exits at once.
 */
export async function trainCommand(specFile: string, flags: TrainFlags): Promise<number> {
  if (flags.init !== undefined) checkReadable(flags.init, '--init');
  if (flags.save !== undefined) checkWritable(flags.save, '--save');
  if (flags.onnx !== undefined) checkWritable(flags.onnx, '--onnx');
  if (flags.json !== undefined) checkWritable(flags.json, '--json');
  if (flags.report !== undefined) checkWritable(flags.report, '--report');
  const checkpointDir = flags.checkpoint ?? flags.resume;
  if (checkpointDir !== undefined) checkWritableFolder(checkpointDir, flags.checkpoint !== undefined ? '--checkpoint' : '--resume');
  const trainer = await trainerFromFile(specFile, flags.init);
  if (flags.resume !== undefined) restoreCheckpoint(flags.resume, trainer);
  const epochs = flags.epochs ?? trainer.spec.epochs;
  const log = flags.quiet ? () => {} : (line: string) => console.log(line);
  const { model, data } = trainer;
  log(
    `${trainer.spec.name ?? specFile}: ${model.parameterCount.toLocaleString('en-US')} parameters, ` +
      `${data.train.n} training / ${data.validation?.n ?? 0} validation / ${data.test?.n ?? 0} test examples` +
      (flags.resume !== undefined ? `, resuming after epoch ${trainer.epoch}${trainer.progress ? ` batch ${trainer.progress.batch}` : ''}` : ''),
  );
  if (flags.verbose) {
    const backend = describeBackend();
    log(`backend: ${backend.label}; ${backend.reason}`);
  }
  const live = await startLive(flags, trainer.spec.name ?? 'remedy training run', `remedy train ${specFile}`);
  try {
    return await train(trainer, epochs, flags, live, log);
  } finally {
    await live?.close();
  }
}

/** Trains with the callbacks asked for (progress, checkpoints, live page), then writes the outputs. */
async function train(trainer: Trainer, epochs: number, flags: TrainFlags, live: LiveBoard | null, log: (line: string) => void): Promise<number> {
  const checkpointDir = flags.checkpoint ?? flags.resume;
  const { model } = trainer;
  const callbacks: Callback[] = [];
  if (!flags.quiet) callbacks.push(new Progress(epochs, process.stderr.isTTY === true, log));
  if (checkpointDir !== undefined) callbacks.push(new Checkpointer(checkpointDir));
  if (live !== null) callbacks.push(new LiveTraining(live, epochs));
  const onSigint = () => {
    if (trainer.interrupted) process.exit(EXIT_INTERRUPTED);
    trainer.interrupted = true;
  };
  process.on('SIGINT', onSigint);
  let result: TrainResult;
  try {
    result = await trainer.fit(epochs, callbacks);
  } finally {
    process.off('SIGINT', onSigint);
  }
  if (flags.json !== undefined) writeFileAtomic(flags.json, JSON.stringify(trainJson(result), null, 2) + '\n');
  if (flags.report !== undefined || live !== null) {
    const report = trainReport(trainer, result);
    if (flags.report !== undefined) writeFileAtomic(flags.report, reportPage(report));
    live?.finish(report);
  }
  if (result.interrupted) {
    const where = checkpointDir !== undefined ? `; resume with --resume ${checkpointDir}` : ' (no --checkpoint: progress is lost)';
    console.error(`remedy: interrupted in epoch ${trainer.epoch + 1}${where}`);
    return EXIT_INTERRUPTED;
  }
  if (result.diverged) {
    const last = result.history[result.history.length - 1];
    throw new RunError(`training diverged in epoch ${last.epoch}: the loss became ${last.loss} (try a lower learning rate)`);
  }
  if (flags.save !== undefined) {
    writeSafetensors(flags.save, new Map([...model.stateDict()].map(([k, t]) => [k, { shape: [...t.shape], data: t.data }])));
  }
  if (flags.onnx !== undefined) writeOnnx(flags.onnx, model, trainer.spec.name);
  if (result.test) log(`test loss ${result.test.loss.toFixed(4)}  test acc ${result.test.acc.toFixed(4)}  (${result.seconds.toFixed(1)}s)`);
  return 0;
}
