import { backend, type UnaryFn } from '../../backend/backend.js';
import { alloc } from '../memory.js';
import { Tensor } from '../tensor.js';

/** y = f(x) element-wise through the backend, with f's derivative on the way back. */
export function unaryOp(fn: UnaryFn, x: Tensor, alpha = 0): Tensor {
  const y = alloc(x.size);
  backend().unary(fn, x.data, y, alpha);
  return Tensor.result(y, x.shape, [x], (g) => {
    x.sendGrad((gx, acc) => backend().unaryBackward(fn, x.data, y, g, gx, alpha, acc));
  });
}

export const exp = (x: Tensor): Tensor => unaryOp('exp', x);
export const log = (x: Tensor): Tensor => unaryOp('log', x);
export const neg = (x: Tensor): Tensor => unaryOp('neg', x);
export const abs = (x: Tensor): Tensor => unaryOp('abs', x);
export const sqrt = (x: Tensor): Tensor => unaryOp('sqrt', x);
export const square = (x: Tensor): Tensor => unaryOp('square', x);
export const sigmoid = (x: Tensor): Tensor => unaryOp('sigmoid', x);
export const tanh = (x: Tensor): Tensor => unaryOp('tanh', x);
export const relu = (x: Tensor): Tensor => unaryOp('relu', x);
/** max(x, slope·x); PyTorch's default slope is 0.01. */
export const leakyRelu = (x: Tensor, slope = 0.01): Tensor => unaryOp('leaky_relu', x, slope);
export const elu = (x: Tensor, alpha = 1): Tensor => unaryOp('elu', x, alpha);
export const selu = (x: Tensor): Tensor => unaryOp('selu', x);
export const softplus = (x: Tensor): Tensor => unaryOp('softplus', x);
