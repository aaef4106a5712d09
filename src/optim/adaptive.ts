import { buffers, zerosLike, type GradientTransformation, type State } from './transform.js';

/** 1/(√x + ε) as PyTorch places ε, or 1/√(x + ε) as Keras does. */
const inverseRoot = (epsInside: boolean, eps: number) =>
  epsInside ? (x: number) => 1 / Math.sqrt(x + eps) : (x: number) => 1 / (Math.sqrt(x) + eps);

/**
 * Adagrad's scaling (Duchi et al. 2011): s ← s + g², u = g / (√s + ε) (PyTorch), or
 * g / √(s + ε) (Keras, `epsInside`). The note's example of an adaptive rate: steps shrink as
 * squared gradients pile up.
 */
export function scaleByRss(initialAccumulator: number, eps: number, epsInside = false): GradientTransformation {
  const inv = inverseRoot(epsInside, eps);
  return {
    init: (params) => ({ sum: zerosLike(params, initialAccumulator) }),
    update(updates, state) {
      buffers(state, 'sum').forEach((s, i) => {
        const u = updates[i];
        for (let j = 0; j < u.length; j++) {
          s[j] += u[j] * u[j];
          u[j] *= inv(s[j]);
        }
      });
    },
  };
}

/**
 * RMSprop's scaling (Hinton's lecture 6e): v ← α·v + (1 − α)·g²; centered also tracks
 * m ← α·m + (1 − α)·g and uses v − m²; u = g / (√v + ε) (PyTorch) or g / √(v + ε) (Keras).
 */
export function scaleByRms(alpha: number, eps: number, centered: boolean, epsInside = false): GradientTransformation {
  const inv = inverseRoot(epsInside, eps);
  return {
    init: (params): State => (centered ? { sq: zerosLike(params), mean: zerosLike(params) } : { sq: zerosLike(params) }),
    update(updates, state) {
      const means = centered ? buffers(state, 'mean') : null;
      buffers(state, 'sq').forEach((v, i) => {
        const u = updates[i];
        const m = means?.[i];
        for (let j = 0; j < u.length; j++) {
          const g = u[j];
          v[j] = alpha * v[j] + (1 - alpha) * g * g;
          let denom = v[j];
          if (m) {
            m[j] = alpha * m[j] + (1 - alpha) * g;
            denom -= m[j] * m[j];
          }
          u[j] = g * inv(denom);
        }
      });
    },
  };
}

/**
 * Adadelta (Zeiler 2012): E[g²] ← ρ·E[g²] + (1 − ρ)·g²; d = √(E[Δ²] + ε)/√(E[g²] + ε)·g;
 * E[Δ²] ← ρ·E[Δ²] + (1 − ρ)·d²; u = d. Units match the parameters', so lr 1 is the default.
 */
export function scaleByAdadelta(rho: number, eps: number): GradientTransformation {
  return {
    init: (params) => ({ sqGrad: zerosLike(params), sqDelta: zerosLike(params) }),
    update(updates, state) {
      const deltas = buffers(state, 'sqDelta');
      buffers(state, 'sqGrad').forEach((eg, i) => {
        const u = updates[i];
        const ed = deltas[i];
        for (let j = 0; j < u.length; j++) {
          const g = u[j];
          eg[j] = rho * eg[j] + (1 - rho) * g * g;
          const d = (Math.sqrt(ed[j] + eps) / Math.sqrt(eg[j] + eps)) * g;
          ed[j] = rho * ed[j] + (1 - rho) * d * d;
          u[j] = d;
        }
      });
    },
  };
}

/**
 * Adam (Kingma & Ba 2015): m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g²; PyTorch's form
 * u = (m/(1 − β₁ᵗ)) / (√v/√(1 − β₂ᵗ) + ε), or with `epsHat` Keras' form (the paper's ε̂, just
 * before its section 2.1) u = m·√(1 − β₂ᵗ)/(1 − β₁ᵗ) / (√v + ε).
 */
export function scaleByAdam(beta1: number, beta2: number, eps: number, epsHat = false): GradientTransformation {
  return {
    init: (params) => ({ m: zerosLike(params), v: zerosLike(params) }),
    update(updates, state, _params, ctx) {
      const bc1 = 1 - beta1 ** ctx.step;
      const bc2Sqrt = Math.sqrt(1 - beta2 ** ctx.step);
      const vs = buffers(state, 'v');
      buffers(state, 'm').forEach((m, i) => {
        const u = updates[i];
        const v = vs[i];
        for (let j = 0; j < u.length; j++) {
          const g = u[j];
          m[j] = beta1 * m[j] + (1 - beta1) * g;
          v[j] = beta2 * v[j] + (1 - beta2) * g * g;
          u[j] = epsHat ? (m[j] * bc2Sqrt) / bc1 / (Math.sqrt(v[j]) + eps) : m[j] / bc1 / (Math.sqrt(v[j]) / bc2Sqrt + eps);
        }
      });
    },
  };
}

/** Nadam's momentum schedule μₜ = β₁(1 − ½·0.96^(tψ)). */
export function nadamMomentum(beta1: number, momentumDecay: number): (t: number) => number {
  return (t) => beta1 * (1 - 0.5 * 0.96 ** (t * momentumDecay));
}

/**
 * Nadam (Dozat 2016) with momentum decay ψ: μₜ = β₁(1 − ½·0.96^(tψ)) (PyTorch ψ = 0.004;
 * Keras' schedule is ψ = 1),
 * u = (1 − μₜ)·g/(1 − Πᵢ≤ₜ μᵢ)/d + μₜ₊₁·m/(1 − Πᵢ≤ₜ₊₁ μᵢ)/d, d = √(v/(1 − β₂ᵗ)) + ε.
 * (PyTorch before 2.0 multiplied μₜ into the second product twice; this is the fixed form.)
 */
export function scaleByNadam(beta1: number, beta2: number, eps: number, momentumDecay: number): GradientTransformation {
  const mu = nadamMomentum(beta1, momentumDecay);
  return {
    init: (params) => ({ m: zerosLike(params), v: zerosLike(params), muProduct: 1 }),
    update(updates, state, _params, ctx) {
      const t = ctx.step;
      const muProduct = (state.muProduct as number) * mu(t);
      state.muProduct = muProduct;
      const gradScale = (1 - mu(t)) / (1 - muProduct);
      const momentumScale = mu(t + 1) / (1 - muProduct * mu(t + 1));
      const bc2 = 1 - beta2 ** t;
      const vs = buffers(state, 'v');
      buffers(state, 'm').forEach((m, i) => {
        const u = updates[i];
        const v = vs[i];
        for (let j = 0; j < u.length; j++) {
          const g = u[j];
          m[j] = beta1 * m[j] + (1 - beta1) * g;
          v[j] = beta2 * v[j] + (1 - beta2) * g * g;
          u[j] = (gradScale * g + momentumScale * m[j]) / (Math.sqrt(v[j] / bc2) + eps);
        }
      });
    },
  };
}
