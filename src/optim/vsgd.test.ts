import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Random } from '../util/random.js';
import type { GradientTransformation, State, StepContext } from './transform.js';
import { vsgd } from './vsgd.js';
import { stateFromJson, stateToJson } from '../testing/state-json.js';

const close = (actual: ArrayLike<number>, expected: readonly number[], what: string) =>
  expected.forEach((e, j) => assert.ok(Math.abs(actual[j] - e) <= 1e-5 * Math.max(1, Math.abs(e)), `${what}[${j}]: ${actual[j]} vs ${e}`));

/**
 * Mini-batch k has loss Σᵢ ½Aₖᵢθᵢ² + bₖᵢθᵢ, gradient Aₖθ + bₖ, so the finite difference gives
 * h = Aₖ exactly. One 2-element parameter, θ₀ = (1, 1), n₀ = 2 slow-start updates.
 */
const A = [[1, 2], [3, 6], [2, 4], [1, 4]];
const b = [[1, 0], [-2, -4], [0, 1], [0, 0]];
const gradient = (k: number, theta: Float32Array) => Float32Array.from(theta, (x, j) => A[k][j] * x + b[k][j]);

function step(t: GradientTransformation, state: State, theta: Float32Array, k: number, lr = 0.01): Float32Array {
  const u = gradient(k, theta);
  const ctx: StepContext = { step: k + 1, lr, batchSize: 4, gradientAt: (p) => [gradient(k, p[0])] };
  t.update([u], state, [theta], ctx);
  theta.forEach((_, j) => (theta[j] += u[j]));
  return u;
}

test('vsgd: slow start and two updates, by hand from the reference rules', () => {
  const t = vsgd({ initSamples: 2 });
  const theta = Float32Array.of(1, 1);
  const state = t.init([theta]);
  const get = (name: string) => (state[name] as Float32Array[])[0];

  // Slow start, θ does not move. Update 1: g = (1·1 + 1, 2·1 + 0) = (2, 2), h = (1, 2);
  // update 2: g = (3 − 2, 6 − 4) = (1, 2), h = (3, 6).
  assert.deepEqual([...step(t, state, theta, 0)], [0, 0]);
  assert.deepEqual([...step(t, state, theta, 1)], [0, 0]);
  // ḡ = ((2 + 1)/2, (2 + 2)/2) = (1.5, 2); v̄ = C·mean g² = 2·((4 + 1)/2, (4 + 4)/2) = (5, 8);
  // h̄ = ((1 + 3)/2, (2 + 6)/2) = (2, 4); v̄ʰ = ((1 + 9)/2, (4 + 36)/2) = (5, 20); τ = 2.
  close(get('gbar'), [1.5, 2], 'gbar');
  close(get('vbar'), [5, 8], 'vbar');
  close(get('hbar'), [2, 4], 'hbar');
  close(get('vhbar'), [5, 20], 'vhbar');
  close(get('tau'), [2, 2], 'tau');
  assert.deepEqual([...theta], [1, 1]);

  // Update 3: g = (2·1 + 0, 4·1 + 1) = (2, 5), probe along ḡ, h = (2, 4).
  // Element 0: (g − ḡ)² = 0.25 ≤ v̄ − ḡ² = 2.75 and (h − h̄)² = 0 ≤ 5 − 4: no outlier, 1/τ = 1/2;
  //   ḡ = (1.5 + 2)/2 = 7/4, v̄ = (5 + 4)/2 = 9/2, h̄ = 2, v̄ʰ = (5 + 4)/2 = 9/2;
  //   η = (49/16)/(9/2) · 2/(9/2) = 49/72 · 4/9 = 49/162; step −2·49/162 = −49/81 = −0.604938;
  //   τ = (1 − 49/72)·2 + 1 = 59/36 = 1.638889.
  // Element 1: (5 − 2)² = 9 > 8 − 4 = 4: an outlier, τ = 3, 1/τ = 1/3;
  //   ḡ = (2/3)·2 + 5/3 = 3, v̄ = (2/3)·8 + 25/3 = 41/3, h̄ = 4, v̄ʰ = (2/3)·20 + 16/3 = 56/3;
  //   η = 9/(41/3) · 4/(56/3) = 27/41 · 3/14 = 81/574; step −5·81/574 = −405/574 = −0.705575;
  //   τ = (1 − 27/41)·3 + 1 = 83/41 = 2.024390.
  close(step(t, state, theta, 2), [-49 / 81, -405 / 574], 'update 3');
  close(get('tau'), [59 / 36, 83 / 41], 'tau');
  close(get('vhbar'), [9 / 2, 56 / 3], 'vhbar');

  // Update 4 at θ = (32/81, 169/574): A = (1, 4), b = 0, so g = (0.395062, 1.177700), h = (1, 4).
  // Element 0: (0.395062 − 1.75)² = 1.835858 > 4.5 − 3.0625 = 1.4375: outlier, τ = 95/36, 1/τ = 36/95;
  //   ḡ = (59/95)·1.75 + (36/95)·0.395062 = 1.236550; v̄ = (59/95)·4.5 + (36/95)·0.156074 = 2.853881;
  //   h̄ = (59/95)·2 + 36/95 = 1.621053; v̄ʰ = (59/95)·4.5 + 36/95 = 3.173684;
  //   η = (1.236550²/2.853881)·(1.621053/3.173684) = 0.535781·0.510779 = 0.273666;
  //   θ = 0.395062 − 0.273666·0.395062 = 0.286947; τ = (1 − 0.535781)·95/36 + 1 = 2.225022.
  // Element 1: (1.177700 − 3)² = 3.320776 ≤ 41/3 − 9 = 4.666667 and (4 − 4)² = 0 ≤ 56/3 − 16: no
  //   outlier, 1/τ = 41/83; ḡ = (42/83)·3 + (41/83)·1.177700 = 2.099828;
  //   v̄ = (42/83)·(41/3) + (41/83)·1.386978 = 7.600796; h̄ = 4; v̄ʰ = (42/83)·(56/3) + (41/83)·16 = 17.349398;
  //   η = (2.099828²/7.600796)·(4/17.349398) = 0.580107·0.230556 = 0.133747;
  //   θ = 0.294425 − 0.133747·1.177700 = 0.136911; τ = (1 − 0.580107)·83/41 + 1 = 1.850027.
  step(t, state, theta, 3);
  close(theta, [0.286947, 0.136911], 'theta');
  close(get('tau'), [2.225022, 1.850027], 'tau');
});

test('vsgd: the curvature is a magnitude, so a negative gradient still steps downhill', () => {
  // f = 2θ², θ₀ = −1: g = −4 while θ stays, h = |−4 − 4(−1 + δ)|/|δ| = 4 along δ = ḡ = −4 (the
  // reference's h/δ would be −4). After the slow start ḡ = −4, v̄ = 2·16 = 32, h̄ = 4, v̄ʰ = 16, τ = 2;
  // update 3 (outliers off): ḡ = −4, v̄ = (32 + 16)/2 = 24, h̄ = 4, v̄ʰ = 16,
  // η = 16/24 · 4/16 = 1/6, θ = −1 − (1/6)(−4) = −1/3.
  const t = vsgd({ initSamples: 2, outlierLevel: null });
  const theta = [Float32Array.of(-1)];
  const state = t.init(theta);
  const grad = (p: readonly Float32Array[]) => [Float32Array.from(p[0], (x) => 4 * x)];
  for (let k = 1; k <= 3; k++) {
    const u = grad(theta);
    t.update(u, state, theta, { step: k, lr: 0.01, batchSize: 1, gradientAt: grad });
    theta[0][0] += u[0][0];
  }
  close(theta[0], [-1 / 3], 'theta');
});

test('vsgd ignores the learning rate and needs gradientAt', () => {
  const run = (lr: number) => {
    const t = vsgd({ initSamples: 2 });
    const theta = Float32Array.of(1, 1);
    const state = t.init([theta]);
    for (let k = 0; k < 4; k++) step(t, state, theta, k, lr);
    return [...theta];
  };
  assert.deepEqual(run(1e-3), run(10));
  const t = vsgd();
  const theta = [Float32Array.of(1)];
  assert.throws(() => t.update([Float32Array.of(1)], t.init(theta), theta, { step: 1, lr: 0.1, batchSize: 1 }), /gradientAt/);
});


test('vsgd state is plain data, and a run split in two with the state copied across is the same run', () => {
  const rng = new Random(5);
  const scales = [Float32Array.of(0.5, 2, 8), Float32Array.of(1, 30)];
  const noise = Array.from({ length: 40 }, () => scales.map((s) => Float32Array.from(s, () => 0.3 * rng.normal())));
  const grad = (k: number, p: readonly Float32Array[]) =>
    p.map((x, i) => Float32Array.from(x, (v, j) => scales[i][j] * v + noise[k][i][j]));
  const run = (from: number, to: number, theta: Float32Array[], state: State) => {
    const t = vsgd({ initSamples: 3 });
    for (let k = from; k < to; k++) {
      const u = grad(k, theta);
      t.update(u, state, theta, { step: k + 1, lr: 0.1, batchSize: 8, gradientAt: (p) => grad(k, p) });
      theta.forEach((x, i) => x.forEach((_, j) => (x[j] += u[i][j])));
    }
  };
  const start = () => [Float32Array.of(1, -1, 0.5), Float32Array.of(2, -0.2)];
  const whole = start();
  const wholeState = vsgd({ initSamples: 3 }).init(whole);
  run(0, 40, whole, wholeState);

  const split = start();
  const firstHalf = vsgd({ initSamples: 3 }).init(split);
  run(0, 20, split, firstHalf);
  assert.deepEqual(stateFromJson(stateToJson(firstHalf)), firstHalf);
  const secondHalf = structuredClone(firstHalf);
  run(20, 40, split, secondHalf);
  assert.deepEqual(split, whole);
  assert.deepEqual(secondHalf, wholeState);
});
