import { allocPersistent } from '../tensor/memory.js';
import type { Tensor } from '../tensor/tensor.js';
import type { GradientTransformation, State, StepContext } from './transform.js';

/**
 * Binds a transformation to a model's parameters, like torch.optim.Optimizer: `step()` turns
 * the gradients into updates and adds them to the parameters. Updates live in buffers of their
 * own (allocated once), so `.grad` still holds the gradient after a step, as in PyTorch.
 */
export class Optimizer {
  state: State;
  /** Updates taken so far. */
  steps = 0;
  /** The update of the last step, per parameter (what was added to it). */
  readonly updates: Float32Array[];

  constructor(
    readonly params: readonly Tensor[],
    readonly transform: GradientTransformation,
  ) {
    this.state = transform.init(params.map((p) => p.data));
    this.updates = params.map((p) => allocPersistent(p.size));
  }

  /** One update from the current gradients (a missing gradient counts as zero). */
  step(ctx: Omit<StepContext, 'step'>): void {
    this.steps++;
    const updates = this.updates;
    this.params.forEach((p, i) => {
      if (p.grad === null) updates[i].fill(0);
      else updates[i].set(p.grad.data);
    });
    const values = this.params.map((p) => p.data);
    this.transform.update(updates, this.state, values, { ...ctx, step: this.steps });
    values.forEach((v, i) => {
      const u = updates[i];
      for (let j = 0; j < v.length; j++) v[j] += u[j];
    });
  }

  zeroGrad(): void {
    for (const p of this.params) p.grad = null;
  }
}
