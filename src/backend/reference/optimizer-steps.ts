import type { AdamConstants, RmspropConstants, SgdConstants } from '../backend.js';

/**
 * Whole optimizer steps, written as the formulas in backend.ts read, one element at a time. The
 * arithmetic is JavaScript's float64 with float32 storage, as in the transformations of src/optim.
 */

/** g + λθ, leaving g alone when λ = 0 (so an infinite θ does not make 0·θ a NaN). */
function decayed(g: number, p: number, weightDecay: number): number {
  return weightDecay === 0 ? g : g + weightDecay * p;
}

export function sgdStep(
  params: readonly Float32Array[],
  grads: readonly Float32Array[],
  momentumBuffers: readonly Float32Array[] | null,
  updates: readonly Float32Array[],
  c: SgdConstants,
): void {
  params.forEach((p, i) => {
    const grad = grads[i];
    const b = momentumBuffers?.[i];
    const u = updates[i];
    for (let j = 0; j < p.length; j++) {
      const g = decayed(grad[j], p[j], c.weightDecay);
      let step = g;
      if (b !== undefined) {
        b[j] = c.firstStep ? g : c.momentum * b[j] + (1 - c.dampening) * g;
        step = c.nesterov ? g + c.momentum * b[j] : b[j];
      }
      u[j] = -c.lr * step;
      p[j] += u[j];
    }
  });
}

export function adamStep(
  params: readonly Float32Array[],
  grads: readonly Float32Array[],
  m: readonly Float32Array[],
  v: readonly Float32Array[],
  updates: readonly Float32Array[],
  c: AdamConstants,
): void {
  params.forEach((p, i) => {
    const grad = grads[i];
    const mi = m[i];
    const vi = v[i];
    const u = updates[i];
    for (let j = 0; j < p.length; j++) {
      const g = decayed(grad[j], p[j], c.weightDecay);
      mi[j] = c.beta1 * mi[j] + (1 - c.beta1) * g;
      vi[j] = c.beta2 * vi[j] + (1 - c.beta2) * g * g;
      const step = (c.gradientStep * g + c.momentStep * mi[j]) / (c.rootCorrection * Math.sqrt(vi[j]) + c.eps);
      u[j] = -(step + c.decoupledDecay * p[j]);
      p[j] += u[j];
    }
  });
}

export function rmspropStep(
  params: readonly Float32Array[],
  grads: readonly Float32Array[],
  squares: readonly Float32Array[],
  means: readonly Float32Array[] | null,
  momentumBuffers: readonly Float32Array[] | null,
  updates: readonly Float32Array[],
  c: RmspropConstants,
): void {
  params.forEach((p, i) => {
    const grad = grads[i];
    const sq = squares[i];
    const mean = means?.[i];
    const b = momentumBuffers?.[i];
    const u = updates[i];
    for (let j = 0; j < p.length; j++) {
      const g = decayed(grad[j], p[j], c.weightDecay);
      sq[j] = c.alpha * sq[j] + (1 - c.alpha) * g * g;
      let variance = sq[j];
      if (mean !== undefined) {
        mean[j] = c.alpha * mean[j] + (1 - c.alpha) * g;
        variance -= mean[j] * mean[j];
      }
      let step = g / (Math.sqrt(variance) + c.eps);
      if (b !== undefined) {
        b[j] = c.firstStep ? step : c.momentum * b[j] + step;
        step = b[j];
      }
      u[j] = -c.lr * step;
      p[j] += u[j];
    }
  });
}

export function addInPlace(target: Float32Array, addend: Float32Array): void {
  for (let j = 0; j < target.length; j++) target[j] += addend[j];
}
