import { alloc } from '../memory.js';
import { Tensor } from '../tensor.js';
import { scale } from './arithmetic.js';

/** Σ of all elements (axis omitted) or along one axis, which is removed from the shape. */
export function sum(x: Tensor, axis?: number): Tensor {
  if (axis === undefined) {
    let s = 0;
    for (let i = 0; i < x.size; i++) s += x.data[i];
    const out = alloc(1);
    out[0] = s;
    return Tensor.result(out, [], [x], (g) => {
      x.sendGrad((gx, acc) => {
        for (let i = 0; i < gx.length; i++) gx[i] = (acc ? gx[i] : 0) + g[0];
      });
    });
  }
  const ax = axis < 0 ? axis + x.ndim : axis;
  if (ax < 0 || ax >= x.ndim) throw new Error(`sum: axis ${axis} is out of range for ${x.ndim} dimensions`);
  const outer = x.shape.slice(0, ax).reduce((a, b) => a * b, 1);
  const len = x.shape[ax];
  const inner = x.shape.slice(ax + 1).reduce((a, b) => a * b, 1);
  const out = alloc(outer * inner);
  out.fill(0);
  for (let o = 0; o < outer; o++)
    for (let k = 0; k < len; k++)
      for (let i = 0, src = (o * len + k) * inner; i < inner; i++) out[o * inner + i] += x.data[src + i];
  const shape = [...x.shape.slice(0, ax), ...x.shape.slice(ax + 1)];
  return Tensor.result(out, shape, [x], (g) => {
    x.sendGrad((gx, acc) => {
      for (let o = 0; o < outer; o++)
        for (let k = 0; k < len; k++)
          for (let i = 0, dst = (o * len + k) * inner; i < inner; i++)
            gx[dst + i] = (acc ? gx[dst + i] : 0) + g[o * inner + i];
    });
  });
}

/** The mean of all elements, or along one axis. */
export function mean(x: Tensor, axis?: number): Tensor {
  const n = axis === undefined ? x.size : x.shape[axis < 0 ? axis + x.ndim : axis];
  return scale(sum(x, axis), 1 / n);
}
