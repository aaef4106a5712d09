import { Tensor } from '../tensor/tensor.js';
import { batchNorm } from '../tensor/ops/batchnorm.js';
import type { ForwardContext, Layer } from './layer.js';

/**
 * PyTorch's BatchNorm1d after a flat layer, BatchNorm2d after a convolution (per channel).
 * weight γ = 1, bias β = 0, running mean 0 and variance 1 at the start.
 */
export class BatchNorm implements Layer {
  readonly type = 'batchnorm';
  readonly parameters: Map<string, Tensor>;
  readonly buffers: Map<string, Tensor>;
  readonly activation = null;
  readonly weight: Tensor;
  readonly bias: Tensor;
  readonly runningMean: Tensor;
  readonly runningVar: Tensor;

  constructor(
    readonly outputShape: readonly number[],
    private readonly momentum: number,
    readonly eps: number,
  ) {
    const channels = outputShape[0];
    this.weight = Tensor.parameter([channels]);
    this.weight.data.fill(1);
    this.bias = Tensor.parameter([channels]);
    this.bias.data.fill(0);
    this.runningMean = Tensor.zeros([channels]);
    this.runningVar = Tensor.full([channels], 1);
    this.parameters = new Map([
      ['weight', this.weight],
      ['bias', this.bias],
    ]);
    this.buffers = new Map([
      ['running_mean', this.runningMean],
      ['running_var', this.runningVar],
    ]);
  }

  forward(x: Tensor, ctx: ForwardContext): Tensor {
    const state = { runningMean: this.runningMean.data, runningVar: this.runningVar.data, momentum: this.momentum, eps: this.eps };
    return batchNorm(x, this.weight, this.bias, state, ctx.training);
  }
}
