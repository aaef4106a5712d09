import { Tensor, sizeOf, type Shape } from '../tensor.js';

/** The same storage seen with another shape; one dimension may be -1 (inferred). */
export function reshape(x: Tensor, shape: Shape): Tensor {
  const known = shape.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
  const resolved = shape.map((d) => (d === -1 ? x.size / known : d));
  if (sizeOf(resolved) !== x.size || !resolved.every(Number.isInteger)) {
    throw new Error(`cannot reshape [${x.shape.join(', ')}] to [${shape.join(', ')}]`);
  }
  return Tensor.result(x.data, resolved, [x], (g) => {
    x.sendGrad((gx, acc) => {
      if (acc) for (let i = 0; i < gx.length; i++) gx[i] += g[i];
      else gx.set(g);
    });
  });
}

/** [N, ...] → [N, product of the rest]. */
export function flatten(x: Tensor): Tensor {
  return x.ndim === 2 ? x : reshape(x, [x.shape[0], -1]);
}
