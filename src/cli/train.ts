import { writeFileAtomic } from '../io/atomic.js';
import { writeSafetensors } from '../io/safetensors.js';
import { RunError } from '../errors.js';
import { trainerFromFile } from '../train/run.js';
import type { TrainResult } from '../train/history.js';
import { epochLine } from './format.js';
import { checkReadable, checkWritable } from './paths.js';

export interface TrainFlags {
  init?: string;
  save?: string;
  json?: string;
  epochs?: number;
  quiet?: boolean;
}

/** The `--json` document of `remedy train` (run-spec.md), plus `diverged`. */
export function trainJson(r: TrainResult) {
  return {
    history: r.history,
    test: r.test,
    seconds: r.seconds,
    epochsRun: r.epochsRun,
    stoppedEarly: r.stoppedEarly,
    diverged: r.diverged,
  };
}

/** `remedy train SPEC`: checks every input first, trains, then writes what was asked for. */
export async function trainCommand(specFile: string, flags: TrainFlags): Promise<void> {
  if (flags.init !== undefined) checkReadable(flags.init, '--init');
  if (flags.save !== undefined) checkWritable(flags.save, '--save');
  if (flags.json !== undefined) checkWritable(flags.json, '--json');
  const trainer = await trainerFromFile(specFile, flags.init);
  const epochs = flags.epochs ?? trainer.spec.epochs;
  const log = flags.quiet ? () => {} : (line: string) => console.log(line);
  const { model, data } = trainer;
  log(
    `${trainer.spec.name ?? specFile}: ${model.parameterCount.toLocaleString('en-US')} parameters, ` +
      `${data.train.n} training / ${data.validation?.n ?? 0} validation / ${data.test?.n ?? 0} test examples`,
  );
  const result = trainer.fit(epochs, [{ onEpochEnd: (_t, r) => log(epochLine(r, epochs)) }]);
  if (flags.json !== undefined) writeFileAtomic(flags.json, JSON.stringify(trainJson(result), null, 2) + '\n');
  if (result.diverged) {
    const last = result.history[result.history.length - 1];
    throw new RunError(`training diverged in epoch ${last.epoch}: the loss became ${last.loss} (try a lower learning rate)`);
  }
  if (flags.save !== undefined) {
    writeSafetensors(flags.save, new Map([...model.stateDict()].map(([k, t]) => [k, { shape: [...t.shape], data: t.data }])));
  }
  if (result.test) log(`test loss ${result.test.loss.toFixed(4)}  test acc ${result.test.acc.toFixed(4)}  (${result.seconds.toFixed(1)}s)`);
}
