import type { Tensor } from '../tensor/tensor.js';
import type { GradientTransformation, State } from './transform.js';

/**
 * Binds a transformation to a model's parameters, like torch.optim.Optimizer: `step()` turns
 * the gradients into updates and adds them to the parameters. The gradient buffers are used as
 * the update buffers (no copy), so read gradients before stepping.
 */
export class Optimizer {
  state: State;
  /** Updates taken so far. */
  steps = 0;

  constructor(
    readonly params: readonly Tensor[],
    readonly transform: GradientTransformation,
  ) {
    this.state = transform.init(params.map((p) => p.data));
  }

  step(lr: number): void {
    this.steps++;
    const updates = this.params.map((p) => {
      if (p.grad === null) p.sendGrad((g) => g.fill(0));
      return p.grad!.data;
    });
    const values = this.params.map((p) => p.data);
    this.transform.update(updates, this.state, values, { step: this.steps, lr });
    values.forEach((v, i) => {
      const u = updates[i];
      for (let j = 0; j < v.length; j++) v[j] += u[j];
    });
  }

  zeroGrad(): void {
    for (const p of this.params) p.grad = null;
  }
}
