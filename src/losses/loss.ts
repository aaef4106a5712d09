import type { Tensor } from '../tensor/tensor.js';

/**
 * A loss of the spec: the mean over the batch of a per-example loss between the network's
 * output [N, C] and integer labels. `fuses` names the final activation the loss computes itself
 * in a stable fused form when the model ends in it (the model then hands over pre-activations).
 */
export interface Loss {
  readonly name: string;
  readonly fuses: 'softmax' | 'sigmoid' | null;
  /** `fused` is true when the model skipped its final `fuses` activation. */
  compute(output: Tensor, labels: Int32Array, fused: boolean): Tensor;
  /**
   * A one-unit output for two classes (Keras' Dense(1)): the value of the output the loss sees
   * above which class 1 is predicted; null when the loss needs one output per class.
   */
  readonly oneUnitThreshold: ((fused: boolean) => number) | null;
}

export function checkOutput(name: string, output: Tensor, labels: Int32Array): [number, number] {
  if (output.ndim !== 2 || output.shape[0] !== labels.length) {
    throw new Error(`${name}: output [${output.shape.join(', ')}] does not match ${labels.length} labels`);
  }
  return [output.shape[0], output.shape[1]];
}
