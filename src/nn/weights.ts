import { Tensor } from '../tensor/tensor.js';
import type { Random } from '../util/random.js';
import { initialize, type Fans, type InitScheme } from './init.js';

/**
 * A weight of `shape` ([out, …]) and a bias of [out], initialised by `init`, with the map of them
 * under PyTorch's names that dense, maxout and conv2d layers expose.
 */
export function weightAndBias(shape: number[], fans: Fans, init: InitScheme, rng: Random) {
  const weight = Tensor.parameter(shape);
  const bias = Tensor.parameter([shape[0]]);
  initialize(init, weight, bias, fans, rng);
  const parameters = new Map([
    ['weight', weight],
    ['bias', bias],
  ]);
  return { weight, bias, parameters };
}
