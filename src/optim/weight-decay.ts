import type { GradientTransformation } from './transform.js';

/**
 * Coupled L2 weight decay, PyTorch's `weight_decay`: g ← g + λ·θ before everything else, so the
 * decay passes through momentum and adaptive scaling.
 */
export function addDecayedWeights(lambda: number): GradientTransformation {
  return {
    init: () => ({}),
    update(updates, _state, params) {
      updates.forEach((u, i) => {
        const p = params[i];
        for (let j = 0; j < u.length; j++) u[j] += lambda * p[j];
      });
    },
  };
}

/**
 * Decoupled weight decay (AdamW, Loshchilov & Hutter): θ ← θ − lr·λ·θ next to the step, so
 * the decay does not pass through adaptive scaling. Goes after the learning rate is applied.
 */
export function decoupledWeightDecay(lambda: number): GradientTransformation {
  return {
    init: () => ({}),
    update(updates, _state, params, ctx) {
      const k = ctx.lr * lambda;
      updates.forEach((u, i) => {
        const p = params[i];
        for (let j = 0; j < u.length; j++) u[j] -= k * p[j];
      });
    },
  };
}

/**
 * The note's weight decay: w ← (1 − λ)·w − η·∇ (λ = 0.01 gives its 0.99), a shrink factor
 * that does not depend on the learning rate. Goes after the learning rate is applied.
 */
export function multiplicativeWeightDecay(lambda: number): GradientTransformation {
  return {
    init: () => ({}),
    update(updates, _state, params) {
      updates.forEach((u, i) => {
        const p = params[i];
        for (let j = 0; j < u.length; j++) u[j] -= lambda * p[j];
      });
    },
  };
}

/** L1 regularisation, Keras' l1(λ) as a gradient: g ← g + λ·sign(θ) (sign(0) = 0). */
export function addL1(lambda: number): GradientTransformation {
  return {
    init: () => ({}),
    update(updates, _state, params) {
      updates.forEach((u, i) => {
        const p = params[i];
        for (let j = 0; j < u.length; j++) u[j] += lambda * Math.sign(p[j]);
      });
    },
  };
}
