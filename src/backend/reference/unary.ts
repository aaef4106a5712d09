import type { UnaryFn } from '../backend.js';

/** SELU's constants, from Klambauer et al. 2017 (the values PyTorch uses). */
export const SELU_SCALE = 1.0507009873554804934193349852946;
export const SELU_ALPHA = 1.6732632423543772848170429916717;
/** PyTorch's softplus returns x itself above this, where log(1+eˣ) = x in float32. */
const SOFTPLUS_THRESHOLD = 20;

export function unary(fn: UnaryFn, x: Float32Array, y: Float32Array, alpha: number): void {
  const n = x.length;
  switch (fn) {
    case 'sigmoid':
      for (let i = 0; i < n; i++) y[i] = 1 / (1 + Math.exp(-x[i]));
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) y[i] = Math.tanh(x[i]);
      return;
    case 'relu':
      for (let i = 0; i < n; i++) y[i] = x[i] > 0 ? x[i] : 0;
      return;
    case 'leaky_relu':
      for (let i = 0; i < n; i++) y[i] = x[i] > 0 ? x[i] : alpha * x[i];
      return;
    case 'elu':
      for (let i = 0; i < n; i++) y[i] = x[i] > 0 ? x[i] : alpha * Math.expm1(x[i]);
      return;
    case 'selu':
      for (let i = 0; i < n; i++) y[i] = SELU_SCALE * (x[i] > 0 ? x[i] : SELU_ALPHA * Math.expm1(x[i]));
      return;
    case 'softplus':
      for (let i = 0; i < n; i++) y[i] = x[i] > SOFTPLUS_THRESHOLD ? x[i] : Math.log1p(Math.exp(x[i]));
      return;
    case 'exp':
      for (let i = 0; i < n; i++) y[i] = Math.exp(x[i]);
      return;
    case 'log':
      for (let i = 0; i < n; i++) y[i] = Math.log(x[i]);
      return;
    case 'neg':
      for (let i = 0; i < n; i++) y[i] = -x[i];
      return;
    case 'abs':
      for (let i = 0; i < n; i++) y[i] = Math.abs(x[i]);
      return;
    case 'sqrt':
      for (let i = 0; i < n; i++) y[i] = Math.sqrt(x[i]);
      return;
    case 'square':
      for (let i = 0; i < n; i++) y[i] = x[i] * x[i];
      return;
  }
}

/** The derivative of each function, written with whichever of x and y = f(x) is cheaper. */
function derivative(fn: UnaryFn, x: number, y: number, alpha: number): number {
  switch (fn) {
    case 'sigmoid':
      return y * (1 - y);
    case 'tanh':
      return 1 - y * y;
    case 'relu':
      return x > 0 ? 1 : 0;
    case 'leaky_relu':
      return x > 0 ? 1 : alpha;
    case 'elu':
      return x > 0 ? 1 : y + alpha;
    case 'selu':
      return x > 0 ? SELU_SCALE : y + SELU_SCALE * SELU_ALPHA;
    case 'softplus':
      return x > SOFTPLUS_THRESHOLD ? 1 : 1 / (1 + Math.exp(-x));
    case 'exp':
      return y;
    case 'log':
      return 1 / x;
    case 'neg':
      return -1;
    case 'abs':
      return Math.sign(x);
    case 'sqrt':
      return 0.5 / y;
    case 'square':
      return 2 * x;
  }
}

export function unaryBackward(
  fn: UnaryFn,
  x: Float32Array,
  y: Float32Array,
  dy: Float32Array,
  dx: Float32Array,
  alpha: number,
  accumulate: boolean,
): void {
  const n = dy.length;
  if (accumulate) for (let i = 0; i < n; i++) dx[i] += derivative(fn, x[i], y[i], alpha) * dy[i];
  else for (let i = 0; i < n; i++) dx[i] = derivative(fn, x[i], y[i], alpha) * dy[i];
}
