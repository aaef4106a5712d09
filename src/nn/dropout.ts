import type { Tensor } from '../tensor/tensor.js';
import { dropout, type DropoutMode } from '../tensor/ops/dropout.js';
import type { ForwardContext, Layer } from './layer.js';

/** Dropout in the `inverted` (PyTorch) or `classic` (the training tips') mode: see tensor/ops/dropout.ts. */
export class Dropout implements Layer {
  readonly type = 'dropout';
  readonly parameters = new Map<string, Tensor>();
  readonly buffers = new Map<string, Tensor>();
  readonly activation = null;

  constructor(
    readonly outputShape: readonly number[],
    readonly rate: number,
    readonly mode: DropoutMode,
  ) {}

  forward(x: Tensor, ctx: ForwardContext): Tensor {
    return dropout(x, this.rate, this.mode, ctx.training, ctx.rng);
  }
}
