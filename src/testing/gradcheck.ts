import { Tensor } from '../tensor/tensor.js';
import { Random } from '../util/random.js';

/**
 * Compares autograd's gradients with central finite differences. The op's output is reduced to
 * a scalar with fixed random weights (a plain sum would hide errors that cancel). Returns the
 * worst relative error over all inputs: ‖analytic − numeric‖ / max(‖numeric‖, 1e-3).
 */
export function gradCheck(f: (inputs: Tensor[]) => Tensor, inputs: Tensor[], eps = 1e-2, seed = 7): number {
  const rng = new Random(seed);
  let weights: Float64Array | null = null;
  const scalar = (): number => {
    const out = f(inputs);
    weights ??= Float64Array.from({ length: out.size }, () => rng.range(-1, 1));
    let s = 0;
    for (let i = 0; i < out.size; i++) s += weights[i] * out.data[i];
    return s;
  };
  scalar();
  for (const t of inputs) {
    t.requiresGrad = true;
    t.grad = null;
  }
  const out = f(inputs);
  const seedGrad = new Tensor(Float32Array.from(weights!), out.shape);
  // d(Σ wᵢ·outᵢ)/d(inputs) = backward of out with upstream gradient w
  const loss = weightedSum(out, seedGrad);
  loss.backward();
  let worst = 0;
  for (const t of inputs) {
    const analytic = Float64Array.from(t.grad!.data);
    const numeric = new Float64Array(t.size);
    for (let i = 0; i < t.size; i++) {
      const saved = t.data[i];
      t.data[i] = saved + eps;
      const up = scalar();
      t.data[i] = saved - eps;
      const down = scalar();
      t.data[i] = saved;
      numeric[i] = (up - down) / (2 * eps);
    }
    let diff = 0;
    let norm = 0;
    for (let i = 0; i < t.size; i++) {
      diff += (analytic[i] - numeric[i]) ** 2;
      norm += numeric[i] ** 2;
    }
    worst = Math.max(worst, Math.sqrt(diff) / Math.max(Math.sqrt(norm), 1e-3));
  }
  return worst;
}

function weightedSum(out: Tensor, w: Tensor): Tensor {
  const value = new Float32Array(1);
  for (let i = 0; i < out.size; i++) value[0] += out.data[i] * w.data[i];
  return Tensor.result(value, [], [out], (g) => out.sendGrad((go, acc) => {
    for (let i = 0; i < go.length; i++) go[i] = (acc ? go[i] : 0) + g[0] * w.data[i];
  }));
}

/** A tensor of uniform values in [lo, hi) from a seeded stream. */
export function randomTensor(shape: number[], seed: number, lo = -1, hi = 1): Tensor {
  const rng = new Random(seed);
  const t = Tensor.zeros(shape);
  for (let i = 0; i < t.size; i++) t.data[i] = rng.range(lo, hi);
  return t;
}
