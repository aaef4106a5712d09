import type { Random } from '../util/random.js';
import type { Tensor } from '../tensor/tensor.js';
import type { Activation } from './activation.js';

export interface ForwardContext {
  training: boolean;
  /** Draws for dropout masks; its state is part of a checkpoint. */
  rng: Random;
  /** Sees each layer's output (after its activation), for training signals. */
  observe?: (layerIndex: number, output: Tensor) => void;
}

/**
 * One entry of `model.layers`. `forward` computes the layer's own op; the model applies
 * `activation` after it, so a loss can absorb a final softmax or sigmoid into a stable fused form.
 */
export interface Layer {
  readonly type: string;
  readonly outputShape: readonly number[];
  /** Trainable tensors by PyTorch name (`weight`, `bias`), in PyTorch's order. */
  readonly parameters: ReadonlyMap<string, Tensor>;
  /** Non-trainable state saved with the weights (batchnorm's running statistics). */
  readonly buffers: ReadonlyMap<string, Tensor>;
  readonly activation: Activation | null;
  forward(x: Tensor, ctx: ForwardContext): Tensor;
}
