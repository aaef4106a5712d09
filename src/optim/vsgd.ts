import { buffers, zerosLike, type GradientTransformation, type State } from './transform.js';

/** Options of {@link vsgd}; the defaults are those of the reference code. */
export interface VsgdOptions {
  /**
   * C: the slow start multiplies its estimate of E[g²] by C, so the first learning rates
   * (ḡ²/v̄) are small until real statistics replace it. Reference `slow_constant`, default 2.
   */
  slowConstant?: number;
  /**
   * n₀: updates spent estimating ḡ, v̄, h̄ and v̄ʰ before the parameters first move (0 starts
   * at once from ḡ = 0, v̄ = ε, h̄ = 0, v̄ʰ = ε, as the reference does). Reference
   * `init_samples`, default 10.
   */
  initSamples?: number;
  /** ε: keeps divisions finite and offsets the finite-difference probe. Reference `epsilon`, default 1e-9. */
  epsilon?: number;
  /**
   * L: a gradient or curvature more than L standard deviations from its running mean is an
   * outlier and lengthens that parameter's memory τ by one; null turns the detection off (the
   * 2012 algorithm, the reference's `vSGD_original`). Reference `outlier_level`, default 1.
   */
  outlierLevel?: number | null;
}

/**
 * vSGD, the variance-based SGD of Schaul, Zhang & LeCun 2013 ("No more pesky learning rates",
 * ICML), element-wise (vSGD-l), with the finite-difference curvature of Schaul & LeCun 2013
 * ("Adaptive learning rates and parallelization for stochastic, sparse, non-smooth gradients",
 * ICLR). A port of `vSGDfd` in schaul/py-optim (PyOptim/algorithms/vsgd.py, latest revision, and
 * `FiniteDifferenceHessians` in PyOptim/core/gradientalgos.py). Not the variational "VSGD" of
 * 2024, a different algorithm.
 *
 * Every parameter has its own learning rate, set from running averages whose memory τ adapts:
 *
 *   δ = ḡ + ε,   h = |g(θ) − g(θ + δ)| / |δ|            (curvature along δ: one more gradient)
 *   outlier if (g − ḡ)² > L²(v̄ − ḡ²) or (h − h̄)² > L²(v̄ʰ − h̄²):  τ ← τ + 1
 *   ḡ ← (1 − 1/τ)ḡ + g/τ        v̄ ← (1 − 1/τ)v̄ + g²/τ + ε
 *   h̄ ← (1 − 1/τ)h̄ + h/τ        v̄ʰ ← (1 − 1/τ)v̄ʰ + h²/τ
 *   η = ḡ²/v̄ · (h̄ + ε)/(v̄ʰ + ε)
 *   τ ← (1 − ḡ²/v̄)·τ + 1 + ε
 *   θ ← θ − η·g
 *
 * The paper's η = ḡ²/(v̄·h̄) takes 1/h̄ for the inverse curvature; the finite-difference variant
 * uses h̄/v̄ʰ ≈ E[h]/E[h²] = 1/(h̄ + Var h/h̄), the more cautious the noisier h is (the
 * reference's `vSGDfd.learning_rate`, which it attributes to Schaul & LeCun 2013).
 *
 * The curvature comes from `ctx.gradientAt`, the gradient of the same mini-batch (same
 * examples, same dropout masks) at θ + δ: one extra forward and backward pass per update, slow
 * start included. The paper's other estimator, bbprop (a Gauss-Newton diagonal
 * back-propagated through squared weights), would need a second backward pass the engine does
 * not offer. h is the curvature along δ, which is the diagonal Hessian only when the Hessian is
 * diagonal; the papers accept this.
 *
 * Slow start: the first n₀ updates leave θ where it is (their steps are zero) and collect
 * ḡ = mean g, v̄ = C·(mean g² + ε), h̄ = mean h, v̄ʰ = mean h², probing along each update's own
 * g + ε since there is no ḡ yet; then τ = 2. (The reference draws n₀ mini-batches as one batch
 * at θ₀ and probes along its mean gradient; here they arrive one update at a time. The paper
 * and an earlier revision of the code start τ at n₀ and multiply h̄ by C too; the latest code
 * starts τ at 2 and does not, and we follow it.)
 *
 * Mini-batches: the reference sees every example's gradient, so its v̄ is a per-example E[g²]
 * and it corrects for a batch of B with ḡ²/(v̄/B + (B − 1)/B·ḡ²), its outlier test with
 * (v̄ − ḡ²)/B. The engine gives only the mini-batch mean gradient, whose expected square is
 * E[g²]/B + (B − 1)/B·ḡ² for independently drawn examples, so v̄ here estimates the corrected
 * denominator directly, v̄ − ḡ² is already the variance of a batch mean, and the formulas carry
 * no B (`ctx.batchSize` is unused): applying the correction again would count it twice. h and
 * v̄ʰ are likewise per batch (|mean Δg| rather than the reference's mean |Δg|; they agree
 * where the examples' gradient changes share a sign).
 *
 * There is no learning rate ("no more pesky learning rates"): `ctx.lr` is ignored, as the
 * reference has no global rate either (its `learning_rate` is the η above).
 *
 * State, per parameter: ḡ, v̄, h̄, v̄ʰ and τ (during the slow start ḡ, v̄, h̄, v̄ʰ hold sums).
 */
export function vsgd(options: VsgdOptions = {}): GradientTransformation {
  const { slowConstant = 2, initSamples = 10, epsilon: eps = 1e-9, outlierLevel = 1 } = options;
  const level2 = outlierLevel === null ? Infinity : outlierLevel * outlierLevel;
  return {
    init(params): State {
      const start = initSamples > 0 ? 0 : eps;
      return {
        gbar: zerosLike(params),
        vbar: zerosLike(params, start),
        hbar: zerosLike(params),
        vhbar: zerosLike(params, start),
        tau: zerosLike(params, 2 * (1 + eps)),
      };
    },
    update(updates, state, params, ctx) {
      if (!ctx.gradientAt) throw new Error('vsgd needs ctx.gradientAt: its curvature is a finite difference of gradients');
      const [gbars, vbars, hbars, vhbars, taus] = ['gbar', 'vbar', 'hbar', 'vhbar', 'tau'].map((n) => buffers(state, n));
      // The reference probes along the fresh gradient while it has no ḡ (its `_fdDirection`).
      const probeOwnGradient = ctx.step <= Math.max(initSamples, 1);
      const directions = updates.map((u, i) => (probeOwnGradient ? u : gbars[i]));
      const shifted = ctx.gradientAt(params.map((p, i) => p.map((x, j) => x + directions[i][j] + eps)));
      const slowStart = ctx.step <= initSamples;
      const last = ctx.step === initSamples;
      updates.forEach((u, i) => {
        const [gbar, vbar, hbar, vhbar, tau, dir, gs] = [gbars[i], vbars[i], hbars[i], vhbars[i], taus[i], directions[i], shifted[i]];
        for (let j = 0; j < u.length; j++) {
          const g = u[j];
          // |δ|: the reference divides by δ itself, which makes h negative wherever ḡ < 0 and
          // with it η, a step uphill; a curvature estimate for a learning rate must be positive.
          const h = Math.abs(g - gs[j]) / Math.abs(dir[j] + eps);
          if (slowStart) {
            gbar[j] += g;
            vbar[j] += g * g;
            hbar[j] += h;
            vhbar[j] += h * h;
            if (last) {
              gbar[j] /= initSamples;
              vbar[j] = (vbar[j] / initSamples + eps) * slowConstant;
              hbar[j] /= initSamples;
              vhbar[j] /= initSamples;
            }
            u[j] = 0;
            continue;
          }
          // Outliers are judged against the statistics before this sample; a longer memory
          // keeps one bad sample from dominating the averages (not in the 2012 version, the
          // reference's `vSGD_original`).
          const dg = g - gbar[j];
          const dh = h - hbar[j];
          if (dg * dg > level2 * (vbar[j] - gbar[j] * gbar[j]) || dh * dh > level2 * (vhbar[j] - hbar[j] * hbar[j])) tau[j] += 1;
          const f = 1 / tau[j];
          gbar[j] = (1 - f) * gbar[j] + f * g;
          vbar[j] = (1 - f) * vbar[j] + f * g * g + eps;
          hbar[j] = (1 - f) * hbar[j] + f * h;
          vhbar[j] = (1 - f) * vhbar[j] + f * h * h;
          const vpart = (gbar[j] * gbar[j]) / vbar[j];
          const hpart = (hbar[j] + eps) / (vhbar[j] + eps);
          tau[j] = (1 - vpart) * tau[j] + 1 + eps;
          u[j] = -vpart * hpart * g;
        }
      });
    },
  };
}
