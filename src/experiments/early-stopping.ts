import { EPOCHS_RUN, TEST_ACC, type Experiment, type ExperimentData } from './experiment.js';
import { overfittingSetting, overfittingSpec } from './overfitting.js';

/** Stopping where validation loss is lowest ends sooner and tests no worse. */
export function earlyStoppingExperiment(data: ExperimentData): Experiment {
  return {
    name: 'early-stopping',
    claim: 'stopping at the best validation point ends sooner and tests no worse',
    setup: `${overfittingSetting(data)}; early stopping on val_loss, patience 3, best weights restored`,
    runs: [
      { label: 'none', spec: overfittingSpec(data) },
      { label: 'early_stopping', spec: overfittingSpec(data, { earlyStopping: { monitor: 'val_loss', patience: 3, restoreBestWeights: true } }) },
    ],
    // "no worse" needs a tolerance: half a point of test accuracy
    comparisons: [
      { a: 'early_stopping', b: 'none', metric: EPOCHS_RUN, claim: 'lower' },
      { a: 'early_stopping', b: 'none', metric: TEST_ACC, claim: 'higher', margin: -0.005 },
    ],
    combine: 'all',
  };
}
