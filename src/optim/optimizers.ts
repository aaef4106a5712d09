import type { OptimizerSpec } from '../spec/schema.js';
import { scaleByAdadelta, scaleByAdam, scaleByNadam, scaleByRms, scaleByRss } from './adaptive.js';
import { scaleByLearningRate } from './learning-rate.js';
import { trace } from './momentum.js';
import { chain, type GradientTransformation } from './transform.js';
import { addDecayedWeights, decoupledWeightDecay } from './weight-decay.js';

const coupled = (wd: number) => (wd > 0 ? [addDecayedWeights(wd)] : []);

/**
 * Each optimizer of the spec as a chain of transformations, in the order PyTorch applies them
 * (torch/optim/*.py), with PyTorch's names and defaults (filled in by the schema).
 */
export function optimizerTransform(o: OptimizerSpec): GradientTransformation {
  switch (o.type) {
    case 'sgd':
    case 'momentum':
    case 'nesterov': {
      const nesterov = o.type === 'nesterov' || (o.type === 'sgd' && o.nesterov);
      const momentum = o.momentum > 0 ? [trace(o.momentum, o.dampening, nesterov)] : [];
      return chain(...coupled(o.weight_decay), ...momentum, scaleByLearningRate());
    }
    case 'adagrad':
      return chain(...coupled(o.weight_decay), scaleByRss(o.initial_accumulator_value, o.eps), scaleByLearningRate(o.lr_decay));
    case 'rmsprop': {
      const momentum = o.momentum > 0 ? [trace(o.momentum)] : [];
      return chain(...coupled(o.weight_decay), scaleByRms(o.alpha, o.eps, o.centered), ...momentum, scaleByLearningRate());
    }
    case 'adadelta':
      return chain(...coupled(o.weight_decay), scaleByAdadelta(o.rho, o.eps), scaleByLearningRate());
    case 'adam':
      return chain(...coupled(o.weight_decay), scaleByAdam(o.betas[0], o.betas[1], o.eps), scaleByLearningRate());
    case 'adamw':
      return chain(scaleByAdam(o.betas[0], o.betas[1], o.eps), scaleByLearningRate(), decoupledWeightDecay(o.weight_decay));
    case 'nadam':
      return chain(...coupled(o.weight_decay), scaleByNadam(o.betas[0], o.betas[1], o.eps, o.momentum_decay), scaleByLearningRate());
  }
}
