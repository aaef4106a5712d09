import { alloc } from '../memory.js';
import { Tensor } from '../tensor.js';

/**
 * Maxout's reduction: x [N, units·pieces] seen as [N, units, pieces], the max over pieces.
 * Unit u takes columns u·pieces … u·pieces + pieces − 1. The gradient goes to the first maximum.
 */
export function groupMax(x: Tensor, pieces: number): Tensor {
  const [rows, cols] = x.shape;
  if (x.ndim !== 2 || cols % pieces !== 0) {
    throw new Error(`groupMax: [${x.shape.join(', ')}] does not split into groups of ${pieces}`);
  }
  const units = cols / pieces;
  const y = alloc(rows * units);
  const argmax = new Int32Array(rows * units);
  const d = x.data;
  for (let o = 0; o < rows * units; o++) {
    let at = o * pieces;
    for (let p = 1; p < pieces; p++) if (d[o * pieces + p] > d[at]) at = o * pieces + p;
    y[o] = d[at];
    argmax[o] = at;
  }
  return Tensor.result(y, [rows, units], [x], (g) => {
    x.sendGrad((gx, acc) => {
      if (!acc) gx.fill(0);
      for (let o = 0; o < g.length; o++) gx[argmax[o]] += g[o];
    });
  });
}
