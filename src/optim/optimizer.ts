import { backend } from '../backend/backend.js';
import { allocPersistent } from '../tensor/memory.js';
import type { Tensor } from '../tensor/tensor.js';
import type { FusableTransformation } from './fused.js';
import type { GradientTransformation, State, StepContext } from './transform.js';

/**
 * Binds a transformation to a model's parameters, like torch.optim.Optimizer: `step()` turns
 * the gradients into updates and adds them to the parameters, in one pass when the
 * transformation has a fused step (fused.ts). Updates live in buffers of their own (allocated
 * once), so `.grad` still holds the gradient after a step, as in PyTorch.
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
    const context = { ...ctx, step: this.steps };
    const values = this.params.map((p) => p.data);
    const { fusedStep } = this.transform as FusableTransformation;
    if (fusedStep !== undefined) {
      // the zeroed update buffer stands in for a missing gradient: kernels read it before writing
      const grads = this.params.map((p, i) => p.grad?.data ?? this.updates[i].fill(0));
      fusedStep(grads, this.state, values, this.updates, context);
      return;
    }
    this.params.forEach((p, i) => {
      if (p.grad === null) this.updates[i].fill(0);
      else this.updates[i].set(p.grad.data);
    });
    this.transform.update(this.updates, this.state, values, context);
    values.forEach((v, i) => backend().addInPlace(v, this.updates[i]));
  }

  zeroGrad(): void {
    for (const p of this.params) p.grad = null;
  }
}
