import { alloc } from '../memory.js';
import { Tensor, sizeOf } from '../tensor.js';
import { broadcastShapes, forEachBroadcast } from './broadcast.js';

type Operand = Tensor | number;

const asTensor = (v: Operand): Tensor => (typeof v === 'number' ? Tensor.from(v) : v);

/**
 * An element-wise binary op with broadcasting. `da` and `db` give ∂f/∂a and ∂f/∂b at (a, b);
 * gradients of a broadcast input are summed over the dimensions it was stretched along.
 */
function binary(
  left: Operand,
  right: Operand,
  f: (a: number, b: number) => number,
  da: (a: number, b: number) => number,
  db: (a: number, b: number) => number,
): Tensor {
  const a = asTensor(left);
  const b = asTensor(right);
  const shape = broadcastShapes(a.shape, b.shape);
  const out = alloc(sizeOf(shape));
  const x = a.data;
  const y = b.data;
  forEachBroadcast(shape, a.shape, b.shape, (o, ia, ib) => {
    out[o] = f(x[ia], y[ib]);
  });
  return Tensor.result(out, shape, [a, b], (g) => {
    a.sendGrad((ga, acc) => {
      if (!acc) ga.fill(0);
      forEachBroadcast(shape, a.shape, b.shape, (o, ia, ib) => {
        ga[ia] += da(x[ia], y[ib]) * g[o];
      });
    });
    b.sendGrad((gb, acc) => {
      if (!acc) gb.fill(0);
      forEachBroadcast(shape, a.shape, b.shape, (o, ia, ib) => {
        gb[ib] += db(x[ia], y[ib]) * g[o];
      });
    });
  });
}

export const add = (a: Operand, b: Operand): Tensor =>
  binary(a, b, (x, y) => x + y, () => 1, () => 1);

export const sub = (a: Operand, b: Operand): Tensor =>
  binary(a, b, (x, y) => x - y, () => 1, () => -1);

export const mul = (a: Operand, b: Operand): Tensor =>
  binary(a, b, (x, y) => x * y, (_x, y) => y, (x) => x);

export const div = (a: Operand, b: Operand): Tensor =>
  binary(a, b, (x, y) => x / y, (_x, y) => 1 / y, (x, y) => -x / (y * y));

/** xᵖ for a constant exponent p. */
export const pow = (a: Tensor, p: number): Tensor =>
  binary(a, p, (x) => x ** p, (x) => p * x ** (p - 1), () => 0);

export const maximum = (a: Operand, b: Operand): Tensor =>
  binary(a, b, (x, y) => Math.max(x, y), (x, y) => (x >= y ? 1 : 0), (x, y) => (x >= y ? 0 : 1));

/** c·x for a constant c. */
export function scale(x: Tensor, c: number): Tensor {
  const out = alloc(x.size);
  for (let i = 0; i < x.size; i++) out[i] = x.data[i] * c;
  return Tensor.result(out, x.shape, [x], (g) => {
    x.sendGrad((gx, acc) => {
      for (let i = 0; i < gx.length; i++) gx[i] = (acc ? gx[i] : 0) + g[i] * c;
    });
  });
}
