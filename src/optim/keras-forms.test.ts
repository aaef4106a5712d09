/**
 * The `form: "keras"` optimizers against Keras' update rules (keras/src/optimizers/*.py), with
 * the first steps computed by hand. Parameter θ = [1, −2], gradients g₁ = [0.5, −1],
 * g₂ = [0.25, 0.5] (as if the loss were fixed in time), Keras' defaults.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSpec } from '../spec/load.js';
import { optimizerTransform } from './optimizers.js';

function run(optimizer: unknown, grads: number[][]): number[][] {
  const spec = parseSpec({ data: { source: 'mnist-sample' }, model: { layers: [{ type: 'dense', units: 10 }] }, optimizer });
  const t = optimizerTransform(spec.optimizer);
  const theta = Float32Array.of(1, -2);
  const state = t.init([theta]);
  return grads.map((g, i) => {
    const u = [Float32Array.from(g)];
    t.update(u, state, [theta], { step: i + 1, lr: spec.optimizer.lr, batchSize: 1 });
    for (let j = 0; j < theta.length; j++) theta[j] += u[0][j];
    return Array.from(theta);
  });
}

function assertSteps(actual: number[][], expected: number[][]) {
  actual.forEach((row, i) =>
    row.forEach((v, j) => assert.ok(Math.abs(v - expected[i][j]) < 1e-6, `step ${i + 1}[${j}]: ${v} vs ${expected[i][j]}`)),
  );
}

const g1 = [0.5, -1];
const g2 = [0.25, 0.5];

test('Adagrad, Keras: accumulator starts at 0.1, ε inside the root', () => {
  // s₁ = 0.1 + g₁² = [0.35, 1.1]; θ₁ = θ − 1e-3·g₁/√(s₁ + 1e-7)
  const s1 = [0.35, 1.1];
  const t1 = [1 - (1e-3 * 0.5) / Math.sqrt(s1[0] + 1e-7), -2 + 1e-3 / Math.sqrt(s1[1] + 1e-7)];
  const s2 = [s1[0] + 0.0625, s1[1] + 0.25];
  const t2 = [t1[0] - (1e-3 * 0.25) / Math.sqrt(s2[0] + 1e-7), t1[1] - (1e-3 * 0.5) / Math.sqrt(s2[1] + 1e-7)];
  assertSteps(run({ type: 'adagrad', form: 'keras' }, [g1, g2]), [t1, t2]);
});

test('RMSprop, Keras: ρ 0.9, ε inside the root, the learning rate inside the momentum buffer', () => {
  // v₁ = 0.1·g₁²; inc₁ = lr·g₁/√(v₁ + ε); m₁ = inc₁; θ₁ = θ − m₁
  const lr = 0.01;
  const v1 = g1.map((g) => 0.1 * g * g);
  const m1 = g1.map((g, j) => (lr * g) / Math.sqrt(v1[j] + 1e-7));
  const t1 = [1 - m1[0], -2 - m1[1]];
  const v2 = g2.map((g, j) => 0.9 * v1[j] + 0.1 * g * g);
  const m2 = g2.map((g, j) => 0.5 * m1[j] + (lr * g) / Math.sqrt(v2[j] + 1e-7));
  const t2 = [t1[0] - m2[0], t1[1] - m2[1]];
  assertSteps(run({ type: 'rmsprop', form: 'keras', lr, momentum: 0.5 }, [g1, g2]), [t1, t2]);
});

test('RMSprop, Keras, centered: ε added to v − ḡ² inside the root', () => {
  const v1 = g1.map((g) => 0.1 * g * g);
  const a1 = g1.map((g) => 0.1 * g);
  const t1 = g1.map((g, j) => [1, -2][j] - (1e-3 * g) / Math.sqrt(v1[j] - a1[j] ** 2 + 1e-7));
  assertSteps(run({ type: 'rmsprop', form: 'keras', centered: true }, [g1]), [t1]);
});

test('Adadelta, Keras: ρ 0.95, ε 1e-7, learning rate 1e-3', () => {
  // E[g²]₁ = 0.05·g₁²; Δ₁ = √(0 + ε)/√(E[g²]₁ + ε)·g₁; θ₁ = θ − 1e-3·Δ₁
  const eg = g1.map((g) => 0.05 * g * g);
  const delta = g1.map((g, j) => (Math.sqrt(1e-7) / Math.sqrt(eg[j] + 1e-7)) * g);
  assertSteps(run({ type: 'adadelta', form: 'keras' }, [g1]), [[1 - 1e-3 * delta[0], -2 - 1e-3 * delta[1]]]);
});

test("Adam, Keras: the ε-hat form, lr·√(1−β₂ᵗ)/(1−β₁ᵗ) · m/(√v + ε)", () => {
  // step 1: m = 0.1·g, v = 0.001·g², α = 1e-3·√0.001/0.1; θ₁ = θ − α·m/(√v + 1e-7)
  const alpha1 = (1e-3 * Math.sqrt(1 - 0.999)) / (1 - 0.9);
  const m1 = g1.map((g) => 0.1 * g);
  const v1 = g1.map((g) => 0.001 * g * g);
  const t1 = m1.map((m, j) => [1, -2][j] - (alpha1 * m) / (Math.sqrt(v1[j]) + 1e-7));
  const alpha2 = (1e-3 * Math.sqrt(1 - 0.999 ** 2)) / (1 - 0.9 ** 2);
  const m2 = g2.map((g, j) => 0.9 * m1[j] + 0.1 * g);
  const v2 = g2.map((g, j) => 0.999 * v1[j] + 0.001 * g * g);
  const t2 = m2.map((m, j) => t1[j] - (alpha2 * m) / (Math.sqrt(v2[j]) + 1e-7));
  assertSteps(run({ type: 'adam', form: 'keras' }, [g1, g2]), [t1, t2]);
});

test('Nadam, Keras: μₜ = β₁(1 − ½·0.96ᵗ), ε 1e-7', () => {
  // μ₁ = 0.9(1 − 0.48) = 0.468, μ₂ = 0.9(1 − 0.5·0.9216) = 0.48528; Π₁ = μ₁, Π₂ = μ₁μ₂
  const mu1 = 0.9 * (1 - 0.5 * 0.96);
  const mu2 = 0.9 * (1 - 0.5 * 0.96 ** 2);
  const m = g1.map((g) => 0.1 * g);
  const v = g1.map((g) => 0.001 * g * g);
  const mhat = g1.map((g, j) => (mu2 * m[j]) / (1 - mu1 * mu2) + ((1 - mu1) * g) / (1 - mu1));
  const t1 = mhat.map((mh, j) => [1, -2][j] - (1e-3 * mh) / (Math.sqrt(v[j] / 0.001) + 1e-7));
  assertSteps(run({ type: 'nadam', form: 'keras' }, [g1]), [t1]);
});
