import type { Tensor } from '../tensor/tensor.js';
import { flatten } from '../tensor/ops/shape.js';
import type { Layer } from './layer.js';

/** [N, C, H, W] → [N, C·H·W], PyTorch's order (channel first). */
export class Flatten implements Layer {
  readonly type = 'flatten';
  readonly parameters = new Map<string, Tensor>();
  readonly buffers = new Map<string, Tensor>();
  readonly activation = null;
  readonly outputShape: readonly number[];

  constructor(inputShape: readonly number[]) {
    this.outputShape = [inputShape.reduce((a, b) => a * b, 1)];
  }

  forward(x: Tensor): Tensor {
    return flatten(x);
  }
}
