import type { GradientTransformation, State, StepContext } from './transform.js';

/**
 * A whole optimizer step in one pass over memory: gradient in, state and parameters updated, the
 * change written to `updates`. A chain of transformations reads and writes every parameter-sized
 * buffer once per link; a fused step, one backend kernel, does it once in all. The chain stays
 * the definition: a fused step must leave the same state (the layout `init` made, so checkpoints
 * and the generic path stay interchangeable) and the same parameters, up to float32 rounding, as
 * `update` followed by adding the updates. `grads[i]` may be `updates[i]` itself.
 */
export type FusedStep = (
  grads: readonly Float32Array[],
  state: State,
  params: readonly Float32Array[],
  updates: readonly Float32Array[],
  ctx: StepContext,
) => void;

export interface FusableTransformation extends GradientTransformation {
  readonly fusedStep?: FusedStep;
}

export function withFusedStep(t: GradientTransformation, fusedStep: FusedStep): FusableTransformation {
  return { init: t.init, update: t.update, fusedStep };
}

/** The state of the part of a chain's state ({ parts }) that holds `key`. */
export function partHolding(state: State, key: string): State {
  const part = (state.parts as State[]).find((s) => key in s);
  if (part === undefined) throw new Error(`no part of this chain's state holds "${key}"`);
  return part;
}
