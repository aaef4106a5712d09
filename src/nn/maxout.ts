import type { Tensor } from '../tensor/tensor.js';
import { groupMax } from '../tensor/ops/group-max.js';
import { linear } from '../tensor/ops/linear.js';
import { flatten } from '../tensor/ops/shape.js';
import type { Random } from '../util/random.js';
import type { Activation } from './activation.js';
import type { InitScheme } from './init.js';
import { weightAndBias } from './weights.js';
import type { Layer } from './layer.js';

/**
 * Maxout (Goodfellow et al. 2013): `pieces` linear pieces per unit, the unit's output their max.
 * Weight [units·pieces, in]; rows u·pieces … u·pieces + pieces − 1 belong to unit u.
 */
export class Maxout implements Layer {
  readonly type = 'maxout';
  readonly parameters: Map<string, Tensor>;
  readonly buffers = new Map<string, Tensor>();
  readonly outputShape: readonly number[];
  readonly weight: Tensor;
  readonly bias: Tensor;

  constructor(
    inputShape: readonly number[],
    units: number,
    readonly pieces: number,
    readonly activation: Activation | null,
    init: InitScheme,
    rng: Random,
  ) {
    const inFeatures = inputShape.reduce((a, b) => a * b, 1);
    const fans = { fanIn: inFeatures, fanOut: units * pieces };
    ({ weight: this.weight, bias: this.bias, parameters: this.parameters } = weightAndBias([units * pieces, inFeatures], fans, init, rng));
    this.outputShape = [units];
  }

  forward(x: Tensor): Tensor {
    return groupMax(linear(flatten(x), this.weight, this.bias), this.pieces);
  }
}
