import type { Tensor } from '../tensor/tensor.js';
import { elu, leakyRelu, relu, selu, sigmoid, softplus, tanh } from '../tensor/ops/unary.js';
import { softmax } from '../tensor/ops/softmax.js';
import type { Layer } from './layer.js';

export const ACTIVATIONS = ['sigmoid', 'tanh', 'relu', 'leaky_relu', 'elu', 'selu', 'softplus', 'linear', 'softmax'] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

export interface Activation {
  readonly name: ActivationName;
  /** The slope of leaky_relu or α of elu, as applied. */
  readonly alpha?: number;
  apply(x: Tensor): Tensor;
}

/**
 * The activations of the spec, with PyTorch's defaults: leaky_relu slope 0.01, elu α 1, softplus
 * β 1 (threshold 20), softmax over the last axis. `alpha` overrides the slope or α where one exists.
 */
export function activation(name: ActivationName, alpha?: number): Activation | null {
  switch (name) {
    case 'linear':
      return null;
    case 'sigmoid':
      return { name, apply: sigmoid };
    case 'tanh':
      return { name, apply: tanh };
    case 'relu':
      return { name, apply: relu };
    case 'leaky_relu': {
      const slope = alpha ?? 0.01;
      return { name, alpha: slope, apply: (x) => leakyRelu(x, slope) };
    }
    case 'elu': {
      const a = alpha ?? 1;
      return { name, alpha: a, apply: (x) => elu(x, a) };
    }
    case 'selu':
      return { name, apply: selu };
    case 'softplus':
      return { name, apply: softplus };
    case 'softmax':
      return { name, apply: softmax };
  }
}

/** The `activation` layer: no op of its own, only the function. */
export class ActivationLayer implements Layer {
  readonly type = 'activation';
  readonly parameters = new Map<string, Tensor>();
  readonly buffers = new Map<string, Tensor>();
  constructor(
    readonly outputShape: readonly number[],
    readonly activation: Activation | null,
  ) {}

  forward(x: Tensor): Tensor {
    return x;
  }
}
