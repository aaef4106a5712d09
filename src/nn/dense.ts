import type { Tensor } from '../tensor/tensor.js';
import { linear } from '../tensor/ops/linear.js';
import { flatten } from '../tensor/ops/shape.js';
import type { Random } from '../util/random.js';
import type { Activation } from './activation.js';
import type { InitScheme } from './init.js';
import { weightAndBias } from './weights.js';
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
    ({ weight: this.weight, bias: this.bias, parameters: this.parameters } = weightAndBias([units, inFeatures], { fanIn: inFeatures, fanOut: units }, init, rng));
    this.outputShape = [units];
  }

  forward(x: Tensor): Tensor {
    return linear(flatten(x), this.weight, this.bias);
  }
}
