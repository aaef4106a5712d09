import { buffers, zerosLike, type GradientTransformation, type State } from './transform.js';

/** Options of {@link adasecant}; the defaults are those of the reference code. */
export interface AdasecantOptions {
  /** ρ: decay of the running E[g] and E[g²] used for variance reduction and outliers. Default 0.95. */
  decay?: number;
  /** Upper bound on the variance-reduction weight γ; null leaves γ unbounded. Default 1.8. */
  gammaClip?: number | null;
  /**
   * The code's ε (`damping`): added to the block norm, to the denominator of γ and of the τ
   * update, and the value most accumulators start from. Default 1e-7.
   */
  damping?: number;
  /** The memory τ starts at slowConstant·(1 + ε). Default 2.1. */
  slowConstant?: number;
  /** τ is kept within [lowerBoundTau, upperBoundTau]. Defaults 1.5 and 1e8. */
  lowerBoundTau?: number;
  upperBoundTau?: number;
  /** Step along the variance-reduced gradient g̃ (true) or the block-normalised g. Default true. */
  useCorrectedGrad?: boolean;
  /** Updates (counted from 0) before variance reduction starts. Default 0. */
  startVarReduction?: number;
  /** Divide the step by max(1, √Σg̃²), the paper's clipped Adagrad, to force convergence. Default false. */
  useAdagrad?: boolean;
}

/**
 * AdaSecant (Gulcehre, Moczulski & Bengio 2014, "ADASECANT: Robust adaptive secant method for
 * stochastic gradient"), ported from the authors' Theano code (caglar/adasecant_wshp_paper,
 * adasecant/codes/learning_rule.py), which differs from the paper; the author warns that the
 * accumulators' initial values matter, so they are the code's. Per parameter tensor, then per
 * element, with τ the element's memory and every "new" value computed from the old ones:
 *
 *   g = ∇ / (‖∇‖₂ + ε)                                        block normalisation
 *   E[g] ← ρE[g] + (1 − ρ)g,   E[g²] ← ρE[g²] + (1 − ρ)g²
 *   γ = min(√num / √(den + ε), γ_clip)                         from the previous num, den
 *   num ← (1 − 1/τ)num + ((g − g̃′)(g̃′ − E[g]))²/τ,   den ← (1 − 1/τ)den + ((E[g] − g)(g̃′ − E[g]))²/τ
 *   g̃ = (g + γE[g]) / (1 + γ)                                 variance-reduced gradient
 *   α = g − g′                                                 secant: change of g since the last update
 *   E[α] ← (1 − 1/τ)E[α] + α/τ,   E[α²] ← (1 − 1/τ)E[α²] + α²/τ
 *   Δ = −(√(E[Δ²] + lr) / √(E[α²] + lr) − E[αΔ] / (E[α²] + lr))·g̃
 *   τ ← (1 − E[Δ]²/(E[Δ²] + ε))·τ + 1 + ε
 *   outlier if |g − E[g]| > 2√(E[g²] − E[g]²) or |α − E[α]| > 2√(E[α²] − E[α]²):
 *     τ ← 2.5 if τ > 2.5, else τ + 1 + ε;     then τ ← clip(τ, lowerBoundTau, upperBoundTau)
 *   E[Δ²] ← (1 − 1/τ)E[Δ²] + Δ²/τ,  E[Δ] ← (1 − 1/τ)E[Δ] + Δ/τ,  E[αΔ] ← (1 − 1/τ)E[αΔ] + αΔ/τ
 *   θ ← θ + Δ;   g′ ← g;   g̃′ ← g̃
 *
 * (τ in the last line and in every average is the value before this update's change.) On the
 * first update E[Δ²] and E[Δ] are taken as g² and g, the code's guess of a first step.
 *
 * `lr` is the spec's learning rate, and the code uses it the same way: pylearn2 hands its
 * learning rate to the rule, which adds it inside both square roots and to E[α²] in the
 * covariance term as a damping; the step's scale itself is 1. The authors ran with lr = 1e-7.
 * No extra gradient is evaluated: α compares consecutive mini-batches, not two points on one.
 *
 * Deviations of the code from the paper, all kept:
 * - γ: the paper's is E[(g − g′)(g − E[g])] / E[(g − E[g])(g′ − E[g])]; the code takes root mean
 *   squares of the products (always positive), with the previous corrected gradient for g′.
 * - α: the paper's is ∇f(θ + Δ) − ∇f(θ) on one mini-batch; the code's the change of the
 *   normalised gradient between consecutive updates (different mini-batches).
 * - The step: the paper's √E[Δ²]/√E[α²] − E[αΔ]/E[α²] gains the damping lr, and mixes the
 *   previous E[Δ²], E[αΔ] with this update's E[α²].
 * - The paper's block normalisation divides by ‖∇‖₂ (or ‖∇‖₂² in its §5); the code by ‖∇‖₂ + ε.
 * - Outliers: the paper resets τ to 2.2; the code caps it at 2.5 or adds one, and keeps τ in
 *   [1.5, 1e8] (very large τ made deep networks unstable, its comment says). Its gradient test
 *   uses the ρ-averages, not the τ ones.
 * - E[g], E[g²] decay at the fixed ρ; the τ update gains ε.
 * - Clipped Adagrad (useAdagrad) accumulates the corrected gradients g̃², the paper raw ones.
 * - Not ported (off by default in the code): `grad_clip` and `delta_clip` (for RNNs) and
 *   `skip_nan_inf`. The code's `use_corrected_grad = False` does not run (it reads an undefined
 *   `old_grad`); here false means what its docstring says, stepping along g instead of g̃.
 *
 * State, per parameter: the code's accumulators, camel-cased (`mean_grad` → meanGrad, …,
 * `taus_x_t` → taus; sumSquareGrad only with useAdagrad).
 */
export function adasecant(options: AdasecantOptions = {}): GradientTransformation {
  const {
    decay = 0.95,
    gammaClip = 1.8,
    damping: eps = 1e-7,
    slowConstant = 2.1,
    lowerBoundTau = 1.5,
    upperBoundTau = 1e8,
    useCorrectedGrad = true,
    startVarReduction = 0,
    useAdagrad = false,
  } = options;
  const names = [
    'meanGrad', 'meanSquareGrad', 'gammaNumeSqr', 'gammaDenoSqr', 'covNum', 'meanSquareDx',
    'meanDx', 'oldGrad', 'oldPlainGrad', 'meanCurvature', 'meanCurvatureSqr', 'taus',
  ] as const;
  return {
    init(params): State {
      const state: State = {
        meanGrad: zerosLike(params, eps),
        meanSquareGrad: zerosLike(params, eps),
        gammaNumeSqr: zerosLike(params, eps),
        gammaDenoSqr: zerosLike(params, eps),
        covNum: zerosLike(params, eps),
        meanSquareDx: zerosLike(params),
        meanDx: zerosLike(params),
        oldGrad: zerosLike(params, eps),
        oldPlainGrad: zerosLike(params, eps),
        meanCurvature: zerosLike(params, eps),
        meanCurvatureSqr: zerosLike(params, eps),
        taus: zerosLike(params, (1 + eps) * slowConstant),
      };
      if (useAdagrad) state.sumSquareGrad = zerosLike(params);
      return state;
    },
    update(updates, state, _params, ctx) {
      const [mgs, mgsqs, nums, dens, covs, msdxs, mdxs, olds, oldPlains, mcs, mcsqs, taus] = names.map((n) => buffers(state, n));
      const sums = useAdagrad ? buffers(state, 'sumSquareGrad') : null;
      const first = ctx.step === 1;
      const reduce = useCorrectedGrad && ctx.step - 1 >= startVarReduction;
      const lr = ctx.lr;
      updates.forEach((u, i) => {
        let sq = 0;
        for (let j = 0; j < u.length; j++) sq += u[j] * u[j];
        const norm = Math.sqrt(sq) + eps;
        const [mg, mgsq, num, den, cov, msd, md, old, oldPlain, mc, mcsq, tau] = [
          mgs[i], mgsqs[i], nums[i], dens[i], covs[i], msdxs[i], mdxs[i], olds[i], oldPlains[i], mcs[i], mcsqs[i], taus[i],
        ];
        const sum = sums?.[i];
        for (let j = 0; j < u.length; j++) {
          const g = u[j] / norm;
          const t = tau[j];
          const keep = 1 - 1 / t;
          const msdx = first ? g * g : msd[j];
          const mdx = first ? g : md[j];
          const m = decay * mg[j] + (1 - decay) * g;
          const m2 = decay * mgsq[j] + (1 - decay) * g * g;
          let gamma = Math.sqrt(num[j]) / Math.sqrt(den[j] + eps);
          if (gammaClip !== null) gamma = Math.min(gamma, gammaClip);
          const o = old[j];
          num[j] = keep * num[j] + ((g - o) * (o - m)) ** 2 / t;
          den[j] = keep * den[j] + ((m - g) * (o - m)) ** 2 / t;
          const gc = reduce ? (g + gamma * m) / (1 + gamma) : g;
          const a = g - oldPlain[j];
          const ca = keep * mc[j] + a / t;
          const ca2 = keep * mcsq[j] + (a * a) / t;
          let dx = -(Math.sqrt(msdx + lr) / Math.sqrt(ca2 + lr) - cov[j] / (ca2 + lr)) * gc;
          if (sum) {
            sum[j] += gc * gc;
            dx /= Math.max(Math.sqrt(sum[j]), 1);
          }
          let next = (1 - (mdx * mdx) / (msdx + eps)) * t + 1 + eps;
          // NaN (a negative variance from rounding) fails both tests, as in Theano.
          if (Math.abs(g - m) > 2 * Math.sqrt(m2 - m * m) || Math.abs(a - ca) > 2 * Math.sqrt(ca2 - ca * ca)) {
            next = next > 2.5 ? 2.5 : next + 1 + eps;
          }
          tau[j] = Math.min(Math.max(next, lowerBoundTau), upperBoundTau);
          msd[j] = keep * msdx + (dx * dx) / t;
          // E[Δ] decays from the stored value even on the first update (the code's `mean_dx`, not `mdx`).
          md[j] = keep * md[j] + dx / t;
          cov[j] = keep * cov[j] + (dx * a) / t;
          mg[j] = m;
          mgsq[j] = m2;
          mc[j] = ca;
          mcsq[j] = ca2;
          oldPlain[j] = g;
          old[j] = gc;
          u[j] = dx;
        }
      });
    },
  };
}
