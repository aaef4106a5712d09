import { fmt, type Experiment } from './experiment.js';
import { OVERFITTING_SETTING, overfittingSpec } from './overfitting.js';

/** Stopping where validation loss is lowest ends sooner and tests no worse. */
export function earlyStoppingExperiment(): Experiment {
  return {
    name: 'early-stopping',
    claim: 'stopping at the best validation point ends sooner and tests no worse',
    setup: `${OVERFITTING_SETTING}; early stopping on val_loss, patience 3, best weights restored`,
    runs: [
      { label: 'none', spec: overfittingSpec() },
      { label: 'early_stopping', spec: overfittingSpec({ earlyStopping: { monitor: 'val_loss', patience: 3, restoreBestWeights: true } }) },
    ],
    judge(r) {
      const none = r.get('none')!;
      const stopped = r.get('early_stopping')!;
      return {
        holds: stopped.epochsRun < none.epochsRun && (stopped.testAcc ?? 0) >= (none.testAcc ?? 0) - 0.005,
        because: `stopped after ${stopped.epochsRun} of ${none.epochsRun} epochs with test accuracy ${fmt(stopped.testAcc)} against ${fmt(none.testAcc)}`,
      };
    },
  };
}
