import type { GradientTransformation } from './transform.js';

/**
 * Gradient clipping by global norm, PyTorch's clip_grad_norm_: when ‖g‖ over all parameters
 * exceeds `maxNorm`, every gradient is scaled by maxNorm / (‖g‖ + 1e-6). Goes first in a chain.
 */
export function clipByGlobalNorm(maxNorm: number): GradientTransformation {
  return {
    init: () => ({}),
    update(updates) {
      let sq = 0;
      for (const u of updates) for (let j = 0; j < u.length; j++) sq += u[j] * u[j];
      const norm = Math.sqrt(sq);
      if (norm <= maxNorm) return;
      const k = maxNorm / (norm + 1e-6);
      for (const u of updates) for (let j = 0; j < u.length; j++) u[j] *= k;
    },
  };
}
