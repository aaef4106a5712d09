import type { GradientTransformation } from './transform.js';

/**
 * u ← −lr·u, the step downhill. With `decay` > 0 the rate falls as Adagrad's lr_decay does:
 * lr / (1 + (t − 1)·decay).
 */
export function scaleByLearningRate(decay = 0): GradientTransformation {
  return {
    init: () => ({}),
    update(updates, _state, _params, ctx) {
      const k = -ctx.lr / (1 + (ctx.step - 1) * decay);
      for (const u of updates) for (let j = 0; j < u.length; j++) u[j] *= k;
    },
  };
}

/** u ← lr·u, for optimizers whose updates already point downhill (vSGD). */
export function multiplyByLearningRate(): GradientTransformation {
  return {
    init: () => ({}),
    update(updates, _state, _params, ctx) {
      if (ctx.lr === 1) return;
      for (const u of updates) for (let j = 0; j < u.length; j++) u[j] *= ctx.lr;
    },
  };
}
