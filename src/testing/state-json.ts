import type { State } from '../optim/transform.js';

/** An optimizer state as a checkpoint would hold it: Float32Array buffers as arrays of numbers. */
export const stateToJson = (s: State) => JSON.stringify(s, (_, v) => (v instanceof Float32Array ? { f32: [...v] } : v));

/** The state back from stateToJson. */
export const stateFromJson = (text: string): State => JSON.parse(text, (_, v) => (v?.f32 ? Float32Array.from(v.f32) : v));
