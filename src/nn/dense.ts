import { Tensor } from '../tensor/tensor.js';
import { linear } from '../tensor/ops/linear.js';
import { flatten } from '../tensor/ops/shape.js';
import type { Random } from '../util/random.js';
import type { Activation } from './activation.js';
import { initialize, type InitScheme } from './init.js';
import type { Layer } from './layer.js';

/** A fully connected layer, PyTorch's Linear: y = x·Wᵀ + b, W [units, in]. Flattens its input. */
export class Dense implements Layer {
  readonly type = 'dense';
  readonly parameters: Map<string, Tensor>;
  readonly buffers = new Map<string, Tensor>();
  readonly outputShape: readonly number[];
  readonly weight: Tensor;
  readonly bias: Tensor;

  constructor(
    inputShape: readonly number[],
    units: number,
    readonly activation: Activation | null,
    init: InitScheme,
    rng: Random,
  ) {
    const inFeatures = inputShape.reduce((a, b) => a * b, 1);
    this.weight = Tensor.parameter([units, inFeatures]);
    this.bias = Tensor.parameter([units]);
    initialize(init, this.weight, this.bias, { fanIn: inFeatures, fanOut: units }, rng);
    this.parameters = new Map([
      ['weight', this.weight],
      ['bias', this.bias],
    ]);
    this.outputShape = [units];
  }

  forward(x: Tensor): Tensor {
    return linear(flatten(x), this.weight, this.bias);
  }
}
