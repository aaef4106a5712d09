import { activationExperiment } from './activation.js';
import { adaptiveLrExperiment } from './adaptive-lr.js';
import { augmentationExperiment } from './augmentation.js';
import { batchSizeExperiment } from './batch-size.js';
import { dropoutExperiment } from './dropout.js';
import { earlyStoppingExperiment } from './early-stopping.js';
import type { Experiment, ExperimentData } from './experiment.js';
import { lossExperiment } from './loss.js';
import { momentumExperiment } from './momentum.js';
import { weightDecayExperiment } from './weight-decay.js';

/** The claims of the training tips, in the lecture's order. */
export const EXPERIMENTS: Record<string, (data: ExperimentData) => Experiment> = {
  loss: lossExperiment,
  'batch-size': batchSizeExperiment,
  activation: activationExperiment,
  'adaptive-lr': adaptiveLrExperiment,
  momentum: momentumExperiment,
  'early-stopping': earlyStoppingExperiment,
  'weight-decay': weightDecayExperiment,
  dropout: dropoutExperiment,
  augmentation: augmentationExperiment,
};
