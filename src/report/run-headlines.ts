import type { TrainResult } from '../train/history.js';
import type { Trainer } from '../train/trainer.js';
import { duration, percent, significant } from './format.js';
import type { Headline } from './headline.js';

/** The headline tiles of a training run: final accuracies, epochs, how it ended, time, size. */
export function runHeadlines(trainer: Trainer, result: TrainResult): Headline[] {
  const last = result.history.at(-1);
  const lossDetail = (loss: number | null | undefined) => (loss === null || loss === undefined ? undefined : `loss ${significant(loss)}`);
  return [
    {
      label: 'Test accuracy',
      value: percent(result.test?.acc ?? null),
      detail: result.test ? lossDetail(result.test.loss) : trainer.data.test ? 'not evaluated' : 'no test set',
    },
    {
      label: 'Validation accuracy',
      value: percent(last?.valAcc ?? null),
      detail: !trainer.data.validation ? 'no validation set' : (lossDetail(last?.valLoss) ?? 'not evaluated'),
    },
    { label: 'Train accuracy', value: percent(last?.acc ?? null), detail: lossDetail(last?.loss) },
    { label: 'Epochs', value: `${result.epochsRun} of ${trainer.plannedEpochs}` },
    outcome(trainer, result),
    { label: 'Time', value: duration(result.seconds), detail: `${trainer.model.parameterCount.toLocaleString('en-US')} parameters` },
  ];
}

function outcome(trainer: Trainer, result: TrainResult): Headline {
  const label = 'Outcome';
  if (result.diverged) return { label, value: 'diverged', tone: 'bad', detail: `the loss stopped being finite in epoch ${result.epochsRun}` };
  if (result.interrupted) return { label, value: 'interrupted', tone: 'warn', detail: `during epoch ${result.epochsRun + 1}` };
  if (result.stoppedEarly) return { label, value: 'stopped early', tone: 'good', detail: trainer.stopReason ?? undefined };
  return { label, value: 'completed', tone: 'good' };
}
