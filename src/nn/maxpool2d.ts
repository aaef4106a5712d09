import type { Tensor } from '../tensor/tensor.js';
import { maxPool2d } from '../tensor/ops/pool.js';
import type { Layer } from './layer.js';

/** PyTorch's MaxPool2d(size): windows of size×size, stride size, remainder rows dropped. */
export class MaxPool2d implements Layer {
  readonly type = 'maxpool2d';
  readonly parameters = new Map<string, Tensor>();
  readonly buffers = new Map<string, Tensor>();
  readonly activation = null;
  readonly outputShape: readonly number[];

  constructor(
    inputShape: readonly number[],
    readonly size: number,
  ) {
    const [channels, height, width] = inputShape;
    this.outputShape = [channels, Math.floor(height / size), Math.floor(width / size)];
  }

  forward(x: Tensor): Tensor {
    return maxPool2d(x, this.size);
  }
}
