import { backend } from '../../backend/backend.js';
import { alloc } from '../memory.js';
import { Tensor } from '../tensor.js';

/** a[m,k] · b[k,n]. */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 2 || b.ndim !== 2 || a.shape[1] !== b.shape[0]) {
    throw new Error(`matmul: cannot multiply [${a.shape.join(', ')}] by [${b.shape.join(', ')}]`);
  }
  const [m, k] = a.shape;
  const n = b.shape[1];
  const out = alloc(m * n);
  backend().matmul(a.data, b.data, out, m, n, k, false, false, false);
  return Tensor.result(out, [m, n], [a, b], (g) => {
    a.sendGrad((ga, acc) => backend().matmul(g, b.data, ga, m, k, n, false, true, acc));
    b.sendGrad((gb, acc) => backend().matmul(a.data, g, gb, k, n, m, true, false, acc));
  });
}

/**
 * PyTorch's linear layer: y = x·Wᵀ + b, with x [N, in], W [out, in], b [out].
 * Backward: dx = dy·W, dW = dyᵀ·x, db = Σₙ dy.
 */
export function linear(x: Tensor, weight: Tensor, bias: Tensor | null): Tensor {
  const [rows, inFeatures] = x.shape;
  const [outFeatures, wIn] = weight.shape;
  if (x.ndim !== 2 || wIn !== inFeatures) {
    throw new Error(`linear: input [${x.shape.join(', ')}] does not fit weight [${weight.shape.join(', ')}]`);
  }
  const k = backend();
  const y = alloc(rows * outFeatures);
  k.matmul(x.data, weight.data, y, rows, outFeatures, inFeatures, false, true, false);
  if (bias !== null) k.addBias(y, bias.data, y, rows, outFeatures, 1);
  const inputs = bias === null ? [x, weight] : [x, weight, bias];
  return Tensor.result(y, [rows, outFeatures], inputs, (g) => {
    x.sendGrad((gx, acc) => k.matmul(g, weight.data, gx, rows, inFeatures, outFeatures, false, false, acc));
    weight.sendGrad((gw, acc) => k.matmul(g, x.data, gw, outFeatures, inFeatures, rows, true, false, acc));
    bias?.sendGrad((gb, acc) => k.biasGrad(g, gb, rows, outFeatures, 1, acc));
  });
}
