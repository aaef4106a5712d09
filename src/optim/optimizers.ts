import type { OptimizerSpec, RegularizationSpec } from '../spec/schema.js';
import { scaleByAdadelta, scaleByAdam, scaleByNadam, scaleByRms, scaleByRss } from './adaptive.js';
import { clipByGlobalNorm } from './clip.js';
import { withFusedStep } from './fused.js';
import { fusedAdam, fusedNadam, fusedRmsprop, fusedSgd } from './fused-steps.js';
import { adasecant } from './adasecant.js';
import { multiplyByLearningRate, scaleByLearningRate } from './learning-rate.js';
import { maxNorm } from './max-norm.js';
import { trace } from './momentum.js';
import { chain, type GradientTransformation } from './transform.js';
import { vsgd } from './vsgd.js';
import { addDecayedWeights, addL1, decoupledWeightDecay, multiplicativeWeightDecay } from './weight-decay.js';

const coupled = (wd: number) => (wd > 0 ? [addDecayedWeights(wd)] : []);

/**
 * Each optimizer of the spec as a chain of transformations, in the order PyTorch applies them
 * (torch/optim/*.py), or Keras (keras/src/optimizers/*.py) with `form: "keras"`. Hyper-parameter
 * names and defaults are PyTorch's (filled in by the schema); vSGD and AdaSecant, which have no
 * PyTorch twin, follow their authors' code. SGD, Adam, AdamW, Nadam and PyTorch's RMSprop also
 * carry a fused step (fused.ts): the same chain in one pass of one backend kernel.
 */
function optimizerCore(o: OptimizerSpec): GradientTransformation {
  switch (o.type) {
    case 'sgd':
    case 'momentum':
    case 'nesterov': {
      const nesterov = o.type === 'nesterov' || (o.type === 'sgd' && o.nesterov);
      const momentum = o.momentum > 0 ? [trace(o.momentum, o.dampening, nesterov)] : [];
      return withFusedStep(
        chain(...coupled(o.weight_decay), ...momentum, scaleByLearningRate()),
        fusedSgd(o.weight_decay, o.momentum, o.dampening, nesterov),
      );
    }
    case 'adagrad':
      return chain(
        ...coupled(o.weight_decay),
        scaleByRss(o.initial_accumulator_value, o.eps, o.form === 'keras'),
        scaleByLearningRate(o.lr_decay),
      );
    case 'rmsprop': {
      const momentum = o.momentum > 0 ? [trace(o.momentum)] : [];
      const scale = scaleByRms(o.alpha, o.eps, o.centered, o.form === 'keras');
      // Keras accumulates lr·g/√v in its momentum buffer; PyTorch applies lr after the buffer
      return o.form === 'keras'
        ? chain(...coupled(o.weight_decay), scale, scaleByLearningRate(), ...momentum)
        : withFusedStep(
            chain(...coupled(o.weight_decay), scale, ...momentum, scaleByLearningRate()),
            fusedRmsprop(o.alpha, o.eps, o.centered, o.weight_decay, o.momentum),
          );
    }
    case 'adadelta':
      // the two libraries share the formula; only the defaults differ
      return chain(...coupled(o.weight_decay), scaleByAdadelta(o.rho, o.eps), scaleByLearningRate());
    case 'adam': {
      const [beta1, beta2] = o.betas;
      const adam = chain(...coupled(o.weight_decay), scaleByAdam(beta1, beta2, o.eps, o.form === 'keras'), scaleByLearningRate());
      return o.form === 'keras' ? adam : withFusedStep(adam, fusedAdam(beta1, beta2, o.eps, o.weight_decay, 0));
    }
    case 'adamw': {
      const [beta1, beta2] = o.betas;
      return withFusedStep(
        chain(scaleByAdam(beta1, beta2, o.eps), scaleByLearningRate(), decoupledWeightDecay(o.weight_decay)),
        fusedAdam(beta1, beta2, o.eps, 0, o.weight_decay),
      );
    }
    case 'nadam': {
      const [beta1, beta2] = o.betas;
      // the Keras form is PyTorch's with momentum_decay 1 (load.ts fills that in)
      return withFusedStep(
        chain(...coupled(o.weight_decay), scaleByNadam(beta1, beta2, o.eps, o.momentum_decay), scaleByLearningRate()),
        fusedNadam(beta1, beta2, o.eps, o.weight_decay, o.momentum_decay),
      );
    }
    case 'vsgd':
      return chain(
        vsgd({ slowConstant: o.slow_constant, initSamples: o.init_samples, epsilon: o.epsilon, outlierLevel: o.outlier_level }),
        multiplyByLearningRate(),
      );
    case 'adasecant':
      // the reference code reads its learning rate as a damping term, from ctx.lr
      return adasecant({
        decay: o.decay,
        gammaClip: o.gamma_clip,
        damping: o.damping,
        slowConstant: o.slow_constant,
        lowerBoundTau: o.lower_bound_tau,
        upperBoundTau: o.upper_bound_tau,
        useCorrectedGrad: o.use_corrected_grad,
        startVarReduction: o.start_var_reduction,
        useAdagrad: o.use_adagrad,
      });
  }
}

/**
 * The whole update rule of a spec: clipping first (as clip_grad_norm_ before step()), then the
 * penalties that act as gradients (l1, coupled l2), the optimizer, the decays that act on the
 * weights directly (decoupled, multiplicative) and last the max-norm constraint.
 * `rowLengths` gives, per parameter, the length of one unit's incoming weights (null for biases).
 */
export function optimizerTransform(
  o: OptimizerSpec,
  reg: RegularizationSpec | undefined = undefined,
  rowLengths: readonly (number | null)[] = [],
): GradientTransformation {
  if (reg === undefined) return optimizerCore(o);
  const wd = reg.weightDecay;
  const parts = [
    ...(reg.clipNorm !== undefined ? [clipByGlobalNorm(reg.clipNorm)] : []),
    ...(reg.l1 > 0 ? [addL1(reg.l1)] : []),
    ...(wd?.mode === 'l2' && wd.value > 0 ? [addDecayedWeights(wd.value)] : []),
    optimizerCore(o),
    ...(wd?.mode === 'decoupled' && wd.value > 0 ? [decoupledWeightDecay(wd.value)] : []),
    ...(wd?.mode === 'multiplicative' && wd.value > 0 ? [multiplicativeWeightDecay(wd.value)] : []),
    ...(reg.maxNorm !== undefined ? [maxNorm(reg.maxNorm, rowLengths)] : []),
  ];
  return chain(...parts);
}
