import { allocPersistent } from '../tensor/memory.js';

/**
 * Optimizers as composable gradient transformations, after optax: a transformation has
 * `init(params) → state` and `update(updates, state, params, ctx)`, which rewrites the updates
 * (they arrive as gradients and leave as the step to add to the parameters) and advances its
 * state. Optimizers are `chain`s of small transformations. For speed, updates and state are
 * changed in place; state is plain data (numbers and one buffer per parameter) so a checkpoint
 * can store it and a resumed run continue bit for bit.
 */
export interface State {
  [name: string]: number | Float32Array[] | State[];
}

export interface StepContext {
  /** 1 on the first update, as PyTorch counts. */
  step: number;
  /** The learning rate for this step (after any schedule). */
  lr: number;
  /** Examples in this step's mini-batch. */
  batchSize: number;
  /**
   * The gradient of this step's mini-batch loss at other parameter values (same examples, same
   * dropout masks), for optimizers that estimate curvature from a finite difference of
   * gradients. Each call costs a forward and backward pass.
   */
  gradientAt?: (params: readonly Float32Array[]) => Float32Array[];
}

export interface GradientTransformation {
  init(params: readonly Float32Array[]): State;
  update(updates: Float32Array[], state: State, params: readonly Float32Array[], ctx: StepContext): void;
}

/** Applies transformations one after the other, each with its own state. */
export function chain(...parts: GradientTransformation[]): GradientTransformation {
  return {
    init: (params) => ({ parts: parts.map((t) => t.init(params)) }),
    update(updates, state, params, ctx) {
      const states = state.parts as State[];
      parts.forEach((t, i) => t.update(updates, states[i], params, ctx));
    },
  };
}

/** One zeroed buffer per parameter, for moment estimates and accumulators. */
export function zerosLike(params: readonly Float32Array[], value = 0): Float32Array[] {
  return params.map((p) => allocPersistent(p.length).fill(value));
}

export const buffers = (state: State, name: string): Float32Array[] => state[name] as Float32Array[];
