import { backend } from '../backend/backend.js';
import { nadamMomentum } from './adaptive.js';
import { partHolding, type FusedStep } from './fused.js';
import { buffers } from './transform.js';

/**
 * The fused steps of the PyTorch optimizers that optimizers.ts chains, each reading the state of
 * the chain it stands for: the trace's `buf` and `started`, Adam's `m` and `v`, RMSprop's `sq` and
 * `mean`, Nadam's `muProduct`. optimizer.test.ts checks each against its chain.
 */

/** [coupled decay], [trace(momentum, dampening, nesterov)], scaleByLearningRate(). */
export function fusedSgd(weightDecay: number, momentum: number, dampening: number, nesterov: boolean): FusedStep {
  return (grads, state, params, updates, ctx) => {
    const trace = momentum > 0 ? partHolding(state, 'buf') : null;
    const firstStep = trace?.started === 0;
    const momentumBuffers = trace && buffers(trace, 'buf');
    backend().sgdStep(params, grads, momentumBuffers, updates, { lr: ctx.lr, weightDecay, momentum, dampening, nesterov, firstStep });
    if (trace) trace.started = 1;
  };
}

/**
 * [coupled decay], scaleByAdam (PyTorch's form), scaleByLearningRate(), and for AdamW
 * decoupledWeightDecay(`decoupledWeightDecay`).
 */
export function fusedAdam(beta1: number, beta2: number, eps: number, weightDecay: number, decoupledWeightDecay: number): FusedStep {
  return (grads, state, params, updates, ctx) => {
    const moments = partHolding(state, 'm');
    backend().adamStep(params, grads, buffers(moments, 'm'), buffers(moments, 'v'), updates, {
      beta1,
      beta2,
      eps,
      weightDecay,
      gradientStep: 0,
      momentStep: ctx.lr / (1 - beta1 ** ctx.step),
      rootCorrection: 1 / Math.sqrt(1 - beta2 ** ctx.step),
      decoupledDecay: ctx.lr * decoupledWeightDecay,
    });
  };
}

/** [coupled decay], scaleByNadam, scaleByLearningRate(): Adam's kernel with Nadam's weights. */
export function fusedNadam(beta1: number, beta2: number, eps: number, weightDecay: number, momentumDecay: number): FusedStep {
  const mu = nadamMomentum(beta1, momentumDecay);
  return (grads, state, params, updates, ctx) => {
    const nadam = partHolding(state, 'muProduct');
    const t = ctx.step;
    const muProduct = (nadam.muProduct as number) * mu(t);
    nadam.muProduct = muProduct;
    backend().adamStep(params, grads, buffers(nadam, 'm'), buffers(nadam, 'v'), updates, {
      beta1,
      beta2,
      eps,
      weightDecay,
      gradientStep: (ctx.lr * (1 - mu(t))) / (1 - muProduct),
      momentStep: (ctx.lr * mu(t + 1)) / (1 - muProduct * mu(t + 1)),
      rootCorrection: 1 / Math.sqrt(1 - beta2 ** t),
      decoupledDecay: 0,
    });
  };
}

/** [coupled decay], scaleByRms (PyTorch's form), [trace(momentum)], scaleByLearningRate(). */
export function fusedRmsprop(alpha: number, eps: number, centered: boolean, weightDecay: number, momentum: number): FusedStep {
  return (grads, state, params, updates, ctx) => {
    const rms = partHolding(state, 'sq');
    const trace = momentum > 0 ? partHolding(state, 'buf') : null;
    const firstStep = trace?.started === 0;
    const means = centered ? buffers(rms, 'mean') : null;
    const momentumBuffers = trace && buffers(trace, 'buf');
    backend().rmspropStep(params, grads, buffers(rms, 'sq'), means, momentumBuffers, updates, {
      lr: ctx.lr,
      alpha,
      eps,
      weightDecay,
      momentum,
      firstStep,
    });
    if (trace) trace.started = 1;
  };
}
