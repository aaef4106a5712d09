/**
 * The kernels behind the tensor ops. Every buffer is a dense row-major Float32Array; shapes come
 * as plain numbers. A kernel writes every element of its output, or, when `accumulate` is true,
 * adds into it (gradients of a tensor used twice add up). The reference backend is the readable
 * oracle; a fast backend overrides whatever it speeds up and must agree with it.
 */
import { referenceBackend } from './reference/index.js';

/** Element-wise functions with a known derivative, used by activations. */
export type UnaryFn =
  | 'sigmoid'
  | 'tanh'
  | 'relu'
  | 'leaky_relu'
  | 'elu'
  | 'selu'
  | 'softplus'
  | 'exp'
  | 'log'
  | 'neg'
  | 'abs'
  | 'sqrt'
  | 'square';

export interface ConvGeometry {
  batch: number;
  inChannels: number;
  inHeight: number;
  inWidth: number;
  outChannels: number;
  kernelHeight: number;
  kernelWidth: number;
  stride: number;
  padding: number;
  outHeight: number;
  outWidth: number;
}

export interface PoolGeometry {
  /** batch * channels: pooling treats each plane alike. */
  planes: number;
  inHeight: number;
  inWidth: number;
  size: number;
  outHeight: number;
  outWidth: number;
}

/**
 * PyTorch's SGD (torch/optim/sgd.py): g ← g + λθ; with momentum μ, b ← g on the first step and
 * b ← μb + (1 − dampening)·g after, the step being b, or g + μb with Nesterov; θ ← θ − lr·step.
 */
export interface SgdConstants {
  lr: number;
  /** λ, coupled: added to the gradient before everything else. */
  weightDecay: number;
  momentum: number;
  dampening: number;
  nesterov: boolean;
  /** Whether this is the momentum buffer's first step. */
  firstStep: boolean;
}

/**
 * The Adam family: g ← g + λθ, m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g²,
 * θ ← θ − (a·g + b·m)/(c·√v + ε) − d·θ. Adam is a = 0, b = lr/(1 − β₁ᵗ), c = 1/√(1 − β₂ᵗ);
 * Nadam weighs the gradient and the momentum by its schedule; d is AdamW's decoupled lr·λ.
 */
export interface AdamConstants {
  beta1: number;
  beta2: number;
  eps: number;
  /** λ, coupled. */
  weightDecay: number;
  /** a */
  gradientStep: number;
  /** b */
  momentStep: number;
  /** c */
  rootCorrection: number;
  /** d */
  decoupledDecay: number;
}

/**
 * PyTorch's RMSprop (torch/optim/rmsprop.py): g ← g + λθ, v ← αv + (1 − α)g²; centered also
 * m ← αm + (1 − α)g and uses v − m²; s = g/(√v + ε); with momentum μ, b ← s on the first step
 * and b ← μb + s after, the step being b; θ ← θ − lr·step.
 */
export interface RmspropConstants {
  lr: number;
  alpha: number;
  eps: number;
  /** λ, coupled. */
  weightDecay: number;
  momentum: number;
  /** Whether this is the momentum buffer's first step. */
  firstStep: boolean;
}

export interface Backend {
  readonly name: string;

  /** C[m,n] (+)= op(A)[m,k] · op(B)[k,n]; op(A) = Aᵀ when `transA` (A stored as [k,m]). */
  matmul(
    a: Float32Array,
    b: Float32Array,
    c: Float32Array,
    m: number,
    n: number,
    k: number,
    transA: boolean,
    transB: boolean,
    accumulate: boolean,
  ): void;

  /** out[r, c, i] = x[r, c, i] + bias[c] for r < rows, c < channels, i < inner. */
  addBias(x: Float32Array, bias: Float32Array, out: Float32Array, rows: number, channels: number, inner: number): void;
  /** db[c] (+)= Σ_{r,i} dy[r, c, i]. */
  biasGrad(dy: Float32Array, db: Float32Array, rows: number, channels: number, inner: number, accumulate: boolean): void;

  /** y = f(x) element-wise; `alpha` is the slope or scale some functions take. */
  unary(fn: UnaryFn, x: Float32Array, y: Float32Array, alpha: number): void;
  /** dx (+)= f'(x)·dy, given both x and y = f(x) so each function can use the cheaper one. */
  unaryBackward(
    fn: UnaryFn,
    x: Float32Array,
    y: Float32Array,
    dy: Float32Array,
    dx: Float32Array,
    alpha: number,
    accumulate: boolean,
  ): void;

  /** Cross-correlation, as PyTorch's conv2d: out[b,o,i,j] = Σ w[o,c,p,q]·x[b,c,i·s+p−pad,j·s+q−pad]. */
  conv2d(x: Float32Array, w: Float32Array, out: Float32Array, g: ConvGeometry): void;
  conv2dBackwardInput(dy: Float32Array, w: Float32Array, dx: Float32Array, g: ConvGeometry, accumulate: boolean): void;
  conv2dBackwardWeight(dy: Float32Array, x: Float32Array, dw: Float32Array, g: ConvGeometry, accumulate: boolean): void;

  /** Max over size×size windows with stride size; `argmax` gets the flat input index of each max. */
  maxPool2d(x: Float32Array, out: Float32Array, argmax: Int32Array, g: PoolGeometry): void;
  /**
   * dx (+)= dy scattered to the `argmax` positions. `g`, the forward's geometry, lets a backend
   * write dx window by window, in one pass, instead of clearing it and scattering.
   */
  maxPool2dBackward(dy: Float32Array, argmax: Int32Array, dx: Float32Array, accumulate: boolean, g: PoolGeometry): void;

  /*
   * Whole optimizer steps, gradient to state to parameter in one pass over memory (the fused
   * path of src/optim/fused.ts). Every list holds one buffer per parameter, of that parameter's
   * length; state buffers are updated in place, parameters move by `updates[i]`, which receives
   * the change. A gradient may be the update buffer itself: each element is read before written.
   */
  sgdStep(
    params: readonly Float32Array[],
    grads: readonly Float32Array[],
    momentumBuffers: readonly Float32Array[] | null,
    updates: readonly Float32Array[],
    c: SgdConstants,
  ): void;
  adamStep(
    params: readonly Float32Array[],
    grads: readonly Float32Array[],
    m: readonly Float32Array[],
    v: readonly Float32Array[],
    updates: readonly Float32Array[],
    c: AdamConstants,
  ): void;
  rmspropStep(
    params: readonly Float32Array[],
    grads: readonly Float32Array[],
    squares: readonly Float32Array[],
    means: readonly Float32Array[] | null,
    momentumBuffers: readonly Float32Array[] | null,
    updates: readonly Float32Array[],
    c: RmspropConstants,
  ): void;
  /** target += addend, element-wise: how an optimizer applies its updates. */
  addInPlace(target: Float32Array, addend: Float32Array): void;

  /**
   * [Σx², the count of exact zeros]: the training signals' norms. The sum is in float64 and may
   * add in any order (the reference adds left to right).
   */
  squaresAndZeros(x: Float32Array): [number, number];
}

let current: Backend = referenceBackend;

/** The backend the ops run on. */
export function backend(): Backend {
  return current;
}

export function setBackend(b: Backend): void {
  current = b;
}
