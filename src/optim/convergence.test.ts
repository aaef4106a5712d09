import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Random } from '../util/random.js';
import { adasecant } from './adasecant.js';
import type { GradientTransformation } from './transform.js';
import { vsgd } from './vsgd.js';

/**
 * The learning-rate-free optimizers on two problems, with their defaults and nothing tuned:
 * each must reach the problem's target within its budget of updates. `gradientAt` is the
 * analytic gradient with the same noise draw as the update's own gradient (one mini-batch).
 */
interface Problem {
  name: string;
  start: number[];
  gradient(theta: Float32Array): Float32Array;
  /** Noise added to every gradient of an update, or 0. */
  noise: number;
  /** How far from the optimum, and the bound the run must get under. */
  error(theta: Float32Array): number;
  target: number;
  steps: number;
}

const curvatures = [0.1, 0.3, 1, 3, 10];

const problems: Problem[] = [
  {
    // f = ½Σaᵢθᵢ², aᵢ over two orders of magnitude, gradients with N(0, 0.1²) noise; f(θ₀) = 7.2.
    name: 'noisy quadratic, f < 1e-3',
    start: [1, 1, 1, 1, 1],
    gradient: (theta) => Float32Array.from(theta, (x, i) => curvatures[i] * x),
    noise: 0.1,
    error: (theta) => theta.reduce((f, x, i) => f + 0.5 * curvatures[i] * x * x, 0),
    target: 1e-3,
    steps: 10_000,
  },
  {
    // f = (1 − x)² + 100(y − x²)² from (−1.2, 1), exact gradients; distance to (1, 1) in max norm.
    name: 'Rosenbrock, |θ − (1, 1)|∞ < 1e-2',
    start: [-1.2, 1],
    gradient: ([x, y]) => Float32Array.of(-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)),
    noise: 0,
    error: ([x, y]) => Math.max(Math.abs(x - 1), Math.abs(y - 1)),
    target: 1e-2,
    steps: 10_000,
  },
];

/** Updates until the error first falls under the target (or null), and the final error. */
function run(optimizer: GradientTransformation, p: Problem): { reached: number | null; final: number } {
  const theta = [Float32Array.from(p.start)];
  const state = optimizer.init(theta);
  const rng = new Random(1);
  let reached: number | null = null;
  for (let step = 1; step <= p.steps; step++) {
    const noise = p.start.map(() => p.noise * rng.normal());
    const gradientAt = (at: readonly Float32Array[]) => [p.gradient(at[0]).map((g, i) => g + noise[i])];
    const updates = gradientAt(theta);
    optimizer.update(updates, state, theta, { step, lr: 1e-7, batchSize: 1, gradientAt });
    theta[0].forEach((_, j) => (theta[0][j] += updates[0][j]));
    if (reached === null && p.error(theta[0]) < p.target) reached = step;
  }
  return { reached, final: p.error(theta[0]) };
}

// lr 1e-7 above is AdaSecant's damping (the authors' value); vSGD ignores it.
const optimizers: [string, () => GradientTransformation][] = [
  ['vsgd', () => vsgd()],
  ['adasecant', () => adasecant()],
];

for (const [name, make] of optimizers) {
  test(`${name} converges on every problem of the table without a tuned learning rate`, (t) => {
    for (const p of problems) {
      const { reached, final } = run(make(), p);
      t.diagnostic(`${name} | ${p.name} | first under target at update ${reached} of ${p.steps} | final ${final.toExponential(2)}`);
      assert.ok(final < p.target, `${name} on ${p.name}: final error ${final}`);
    }
  });
}
