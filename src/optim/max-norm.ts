import type { GradientTransformation } from './transform.js';

/**
 * The max-norm constraint (Srivastava et al. 2014; Keras' MaxNorm): after the step, each unit's
 * incoming weight vector has norm at most c. Written as a transformation, it rewrites the update
 * so that θ + u lies in the constraint set; goes last in a chain. `rowLengths[i]` is the length
 * of one unit's weight vector in parameter i (`in` for dense [out, in], `in·kh·kw` for conv), or
 * null for parameters it leaves alone (biases, batchnorm).
 */
export function maxNorm(c: number, rowLengths: readonly (number | null)[]): GradientTransformation {
  return {
    init: () => ({}),
    update(updates, _state, params) {
      updates.forEach((u, i) => {
        const len = rowLengths[i];
        if (len === null) return;
        const p = params[i];
        for (let row = 0; row < u.length; row += len) {
          let sq = 0;
          for (let j = row; j < row + len; j++) sq += (p[j] + u[j]) ** 2;
          const norm = Math.sqrt(sq);
          if (norm <= c) continue;
          // Keras scales by c / (ε + norm), ε = 1e-7
          const k = c / (1e-7 + norm);
          for (let j = row; j < row + len; j++) u[j] = (p[j] + u[j]) * k - p[j];
        }
      });
    },
  };
}
