import { InputError } from '../errors.js';
import type { Tensor } from '../tensor/tensor.js';
import type { Activation } from './activation.js';
import type { ForwardContext, Layer } from './layer.js';

/**
 * A stack of layers, as `model.layers` lists them. Parameter names follow PyTorch's state dict
 * for a ModuleList: `layers.<index>.weight`, so weights move between remedy and PyTorch as is.
 */
export class Model {
  constructor(
    readonly layers: readonly Layer[],
    readonly inputShape: readonly number[],
  ) {}

  /** The activation the network ends in (null for linear). */
  get finalActivation(): Activation | null {
    return this.layers[this.layers.length - 1].activation;
  }

  /**
   * Runs the network on x [N, ...inputShape]. With `skipFinal` set to the name of the final
   * activation, that activation is left out (a loss computes it fused with itself).
   */
  forward(x: Tensor, ctx: ForwardContext, skipFinal: string | null = null): Tensor {
    let h = x;
    this.layers.forEach((layer, i) => {
      h = layer.forward(h, ctx);
      const last = i === this.layers.length - 1;
      if (layer.activation !== null && !(last && layer.activation.name === skipFinal)) h = layer.activation.apply(h);
      ctx.observe?.(i, h);
    });
    return h;
  }

  /** Trainable tensors with their PyTorch names, in order. */
  parameters(): [string, Tensor][] {
    return this.layers.flatMap((layer, i) => [...layer.parameters].map(([name, t]): [string, Tensor] => [`layers.${i}.${name}`, t]));
  }

  /** Parameters and buffers: everything a weights file holds. */
  stateDict(): Map<string, Tensor> {
    const out = new Map<string, Tensor>();
    this.layers.forEach((layer, i) => {
      for (const [name, t] of [...layer.parameters, ...layer.buffers]) out.set(`layers.${i}.${name}`, t);
    });
    return out;
  }

  /**
   * Copies tensors into the model, strictly as PyTorch's load_state_dict does: every tensor must
   * be present with its exact shape, and nothing else may be. `file` labels the errors.
   */
  loadStateDict(tensors: ReadonlyMap<string, { shape: readonly number[]; data: Float32Array }>, file: string): void {
    const own = this.stateDict();
    for (const name of tensors.keys()) {
      if (!own.has(name)) throw new InputError(`unexpected tensor; this model has ${[...own.keys()].join(', ')}`, file, name);
    }
    for (const [name, t] of own) {
      const given = tensors.get(name);
      if (given === undefined) throw new InputError('missing from the weights file', file, name);
      if (given.shape.length !== t.shape.length || given.shape.some((d, i) => d !== t.shape[i])) {
        throw new InputError(`expected shape [${t.shape.join(', ')}], found [${given.shape.join(', ')}]`, file, name);
      }
    }
    for (const [name, t] of own) t.data.set(tensors.get(name)!.data);
  }

  /** The width of the output: classes, or 1 for a binary output. */
  get outputUnits(): number {
    return this.layers[this.layers.length - 1].outputShape[0];
  }

  /** Number of trainable scalars. */
  get parameterCount(): number {
    return this.parameters().reduce((n, [, t]) => n + t.size, 0);
  }
}
