import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Random } from '../util/random.js';
import { adasecant } from './adasecant.js';
import type { GradientTransformation, State } from './transform.js';
import { stateFromJson, stateToJson } from '../testing/state-json.js';

const close = (actual: ArrayLike<number>, expected: readonly number[], what: string) =>
  expected.forEach((e, j) => assert.ok(Math.abs(actual[j] - e) <= 1e-5 * Math.max(1, Math.abs(e)), `${what}[${j}]: ${actual[j]} vs ${e}`));

function step(t: GradientTransformation, state: State, theta: Float32Array, grad: readonly number[], k: number, lr = 1e-7): Float32Array {
  const u = Float32Array.from(grad);
  t.update([u], state, [theta], { step: k, lr, batchSize: 1 });
  theta.forEach((_, j) => (theta[j] += u[j]));
  return u;
}

test('adasecant: the first three updates, by hand from the reference code', () => {
  const t = adasecant();
  const theta = Float32Array.of(1, -1);
  const state = t.init([theta]);
  const get = (name: string) => (state[name] as Float32Array[])[0];
  // ε = 1e-7 and lr = 1e-7 below; every accumulator but E[Δ²], E[Δ] starts at ε, τ at 2.1(1 + ε).

  // Update 1: ∇ = (3, 4), g = ∇/(5 + ε) = (0.6, 0.8); E[Δ²] := g² = (0.36, 0.64), E[Δ] := g.
  //   E[g] = 0.95ε + 0.05g = (0.0300001, 0.0400001); E[g²] = 0.95ε + 0.05g² = (0.0180001, 0.0320001).
  //   γ = √ε/√(ε + ε) = 1/√2 = 0.707107 (the initial values decide it);
  //   g̃ = (g + γE[g])/(1 + γ) = (0.6 + 0.0212133)/1.707107 = 0.363898, (0.8 + 0.0282843)/1.707107 = 0.485198.
  //   α = g − ε = (0.5999999, 0.7999999); E[α²] = ε(1 − 1/2.1) + α²/2.1 = (0.171429, 0.304762).
  //   step = √(0.36 + lr)/√(0.171429 + lr) − ε/(0.171429 + lr) = √2.1 − 5.8e-7 = 1.449137 (both);
  //   Δ = −1.449137·g̃ = (−0.527338, −0.703118).
  //   τ: (1 − 0.36/(0.36 + ε))·2.1 + 1 + ε = 1.0000007; |g − E[g]| = 0.57 > 2√(0.0180001 − 0.0009) = 0.26:
  //   outlier, τ ≤ 2.5 so τ + 1 = 2.0000008 (element 1 likewise, 2.0000005).
  //   E[Δ²] = 0.36·(1 − 1/2.1) + 0.527338²/2.1 = 0.320993; E[Δ] = 0 + (−0.527338)/2.1 = −0.251114;
  //   E[αΔ] = ε(1 − 1/2.1) + 0.6·(−0.527338)/2.1 = −0.150668.
  close(step(t, state, theta, [3, 4], 1), [-0.527338479, -0.703118142], 'update 1');
  close(get('taus'), [2.00000078, 2.00000053], 'tau');
  close(get('meanSquareDx'), [0.320993269, 0.570654813], 'E[Δ²]');
  close(get('meanDx'), [-0.251113536, -0.334818129], 'E[Δ]');
  close(get('covNum'), [-0.150668041, -0.267854412], 'E[αΔ]');

  // Update 2: ∇ = (−4, 3), g = (−0.8, 0.6). Element 0, with 1/τ = 0.4999998:
  //   E[g] = 0.95·0.0300001 + 0.05·(−0.8) = −0.0114999; E[g²] = 0.95·0.0180001 + 0.05·0.64 = 0.0491001;
  //   γ from update 1's num, den: √1.543380e-4/√(1.392951e-4 + ε) = 1.052235;
  //   g̃ = (−0.8 + 1.052235·(−0.0114999))/2.052235 = −0.395715;
  //   α = −0.8 − 0.6 = −1.4; E[α] = 0.5·0.285714 − 0.7 = −0.557143; E[α²] = 0.5·0.171429 + 1.96/2 = 1.065714;
  //   step = √(0.320993 + lr)/√(1.065714 + lr) − (−0.150668)/1.065714 = 0.548817 + 0.141378 = 0.690195;
  //   Δ = −0.690195·(−0.395715) = 0.273121.
  //   τ: (1 − 0.251114²/0.320993)·2.0000008 + 1 + ε = 2.607108; |g − E[g]| = 0.7885 > 2√(0.0491001 − 0.000132) = 0.4426:
  //   outlier, τ > 2.5 so τ = 2.5 (element 1: 2.607107 and an outlier too, 2.5).
  // Element 1: E[g] = 0.0680001, γ = 1.052506, g̃ = 0.327195, α = −0.2, E[α²] = 0.172381,
  //   step = √0.570655/√0.172381 + 0.267854/0.172381 = 1.819458 + 1.553852 = 3.37331, Δ = −1.103731.
  close(step(t, state, theta, [-4, 3], 2), [0.273120597, -1.10373103], 'update 2');
  close(get('taus'), [2.5, 2.5], 'tau');

  // Update 3: ∇ = (1, 2), g = (0.447214, 0.894427), 1/τ = 0.4 for both.
  // Element 0: E[g] = 0.0114358, E[g²] = 0.0566451, γ = √0.0955290/√(0.0438781 + ε) = 1.475514,
  //   g̃ = (0.447214 + 1.475514·0.0114358)/2.475514 = 0.187471; α = 0.447214 + 0.8 = 1.247214;
  //   E[α] = 0.6·(−0.557143) + 0.4·1.247214 = 0.164600; E[α²] = 0.6·1.065714 + 0.4·1.555542 = 1.261645;
  //   step = √0.197794/√1.261645 − (−0.266518)/1.261645 = 0.395948 + 0.211247 = 0.607195; Δ = −0.113831;
  //   τ: (1 − 0.0110034²/0.197794)·2.5 + 1 + ε = 3.498470; |g − E[g]| = 0.4358 ≤ 2√(0.0566451 − 0.000131) = 0.4755
  //   and |α − E[α]| = 1.0826 ≤ 2.2222: no outlier, τ = 3.498470.
  // Element 1: E[g] = 0.109321, γ = √0.00139081/√(0.0248508 + ε) = 0.236572, g̃ = 0.744226,
  //   α = 0.294427, E[α²] = 0.138104, step = √0.894438/√0.138104 + 0.0235542/0.138104 = 2.544912 + 0.170554 = 2.715466,
  //   Δ = −2.020921; τ: (1 − 0.719274²/0.894438)·2.5 + 1 + ε = 2.053965, |g − E[g]| = 0.7851 > 0.5442:
  //   outlier, τ + 1 = 3.053965.
  close(step(t, state, theta, [1, 2], 3), [-0.113831438, -2.02092144], 'update 3');
  close(get('taus'), [3.49846978, 3.05396515], 'tau');
  close(theta, [0.63195068, -4.82777062], 'theta');
});

test('adasecant: the learning rate is the damping inside both square roots', () => {
  // lr = 1 in update 1: step = √(0.36 + 1)/√(0.171429 + 1) − ε/1.171429 = 1.077486; Δ₀ = −1.077486·0.363898.
  const t = adasecant();
  const theta = Float32Array.of(1, -1);
  close(step(t, t.init([theta]), theta, [3, 4], 1, 1), [-0.392095218], 'update 1');
});


test('adasecant state is plain data, and a run split in two with the state copied across is the same run', () => {
  const rng = new Random(9);
  const scales = [Float32Array.of(0.5, 2, 8), Float32Array.of(1, 30)];
  const noise = Array.from({ length: 40 }, () => scales.map((s) => Float32Array.from(s, () => 0.3 * rng.normal())));
  const options = { useAdagrad: true, startVarReduction: 5 };
  const run = (from: number, to: number, theta: Float32Array[], state: State) => {
    const t = adasecant(options);
    for (let k = from; k < to; k++) {
      const u = theta.map((x, i) => Float32Array.from(x, (v, j) => scales[i][j] * v + noise[k][i][j]));
      t.update(u, state, theta, { step: k + 1, lr: 1e-7, batchSize: 8 });
      theta.forEach((x, i) => x.forEach((_, j) => (x[j] += u[i][j])));
    }
  };
  const start = () => [Float32Array.of(1, -1, 0.5), Float32Array.of(2, -0.2)];
  const whole = start();
  const wholeState = adasecant(options).init(whole);
  run(0, 40, whole, wholeState);

  const split = start();
  const firstHalf = adasecant(options).init(split);
  run(0, 20, split, firstHalf);
  assert.deepEqual(stateFromJson(stateToJson(firstHalf)), firstHalf);
  const secondHalf = structuredClone(firstHalf);
  run(20, 40, split, secondHalf);
  assert.deepEqual(split, whole);
  assert.deepEqual(secondHalf, wholeState);
});
