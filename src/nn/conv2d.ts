import type { Tensor } from '../tensor/tensor.js';
import { conv2d, convOutputSize } from '../tensor/ops/conv.js';
import type { Random } from '../util/random.js';
import type { Activation } from './activation.js';
import type { InitScheme } from './init.js';
import { weightAndBias } from './weights.js';
import type { Layer } from './layer.js';

export interface Conv2dOptions {
  filters: number;
  kernel: number;
  stride: number;
  /** `same` pads ⌊kernel/2⌋ on every side (odd kernels only), `valid` pads nothing. */
  padding: 'same' | 'valid';
}

/** PyTorch's Conv2d with square kernels: weight [filters, in, k, k], bias [filters]. */
export class Conv2d implements Layer {
  readonly type = 'conv2d';
  readonly parameters: Map<string, Tensor>;
  readonly buffers = new Map<string, Tensor>();
  readonly outputShape: readonly number[];
  readonly weight: Tensor;
  readonly bias: Tensor;
  readonly stride: number;
  readonly pad: number;

  constructor(
    inputShape: readonly number[],
    options: Conv2dOptions,
    readonly activation: Activation | null,
    init: InitScheme,
    rng: Random,
  ) {
    const [channels, height, width] = inputShape;
    const { filters, kernel, stride } = options;
    this.stride = stride;
    this.pad = options.padding === 'same' ? Math.floor(kernel / 2) : 0;
    const area = kernel * kernel;
    const fans = { fanIn: channels * area, fanOut: filters * area };
    ({ weight: this.weight, bias: this.bias, parameters: this.parameters } = weightAndBias([filters, channels, kernel, kernel], fans, init, rng));
    this.outputShape = [
      filters,
      convOutputSize(height, kernel, stride, this.pad),
      convOutputSize(width, kernel, stride, this.pad),
    ];
  }

  forward(x: Tensor): Tensor {
    return conv2d(x, this.weight, this.bias, this.stride, this.pad);
  }
}
