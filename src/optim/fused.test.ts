/**
 * Each fused optimizer step against the chain it stands for: the same gradients through both
 * paths for several steps (a varying learning rate, a missing gradient on one step), then the
 * parameters, the updates and every buffer and number of the state must agree, on each backend.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BACKENDS, useBackend } from '../backend/select.js';
import { parseSpec } from '../spec/load.js';
import { allocPersistent } from '../tensor/memory.js';
import { Tensor } from '../tensor/tensor.js';
import { relativeError } from '../testing/compare.js';
import { Random } from '../util/random.js';
import type { FusableTransformation } from './fused.js';
import { Optimizer } from './optimizer.js';
import { optimizerTransform } from './optimizers.js';
import type { State } from './transform.js';

const TOLERANCE = 1e-5;
const STEPS = 4;
/** Odd sizes, one a single element, and enough in all for the wasm backend to share a step between threads. */
const SHAPES = [[300, 250], [37, 13], [13], [1]];

const FUSED: Record<string, unknown>[] = [
  { type: 'sgd', lr: 0.1 },
  { type: 'sgd', lr: 0.1, weight_decay: 0.01 },
  { type: 'sgd', momentum: 0.9, dampening: 0.1, weight_decay: 0.01 },
  { type: 'sgd', momentum: 0.8, nesterov: true },
  { type: 'momentum' },
  { type: 'nesterov', weight_decay: 1e-3 },
  { type: 'adam' },
  { type: 'adam', betas: [0.8, 0.99], weight_decay: 0.01 },
  { type: 'adamw' },
  { type: 'adamw', weight_decay: 0.1, eps: 1e-6 },
  { type: 'rmsprop' },
  { type: 'rmsprop', centered: true, momentum: 0.9, weight_decay: 0.01 },
  { type: 'rmsprop', momentum: 0.5 },
  { type: 'nadam' },
  { type: 'nadam', weight_decay: 0.01, form: 'keras' },
];

const GENERIC_ONLY: Record<string, unknown>[] = [{ type: 'adam', form: 'keras' }, { type: 'rmsprop', form: 'keras' }, { type: 'adagrad' }, { type: 'vsgd' }];

function transformOf(optimizer: Record<string, unknown>): FusableTransformation {
  const spec = parseSpec({ data: { source: 'mnist-sample' }, model: { layers: [{ type: 'dense', units: 10 }] }, optimizer });
  return optimizerTransform(spec.optimizer);
}

function parameters(rng: Random): Tensor[] {
  return SHAPES.map((shape) => {
    const p = Tensor.parameter(shape);
    for (let j = 0; j < p.size; j++) p.data[j] = rng.range(-1, 1);
    return p;
  });
}

/** Asserts that every buffer and number of two states of the same layout agree. */
function assertStatesAgree(fused: State, generic: State, path: string): void {
  for (const [key, value] of Object.entries(generic)) {
    const other = fused[key];
    if (typeof value === 'number') assert.ok(Math.abs((other as number) - value) <= TOLERANCE * Math.abs(value), `${path}.${key}`);
    else if (value.length === 0 || value[0] instanceof Float32Array) assertClose(other as Float32Array[], value as Float32Array[], `${path}.${key}`);
    else (value as State[]).forEach((s, i) => assertStatesAgree((other as State[])[i], s, `${path}.${key}.${i}`));
  }
}

/**
 * Relative error over all parameters' buffers at once, as the golden tests measure: one element
 * alone can lose digits to cancellation (β₁m + (1 − β₁)g near zero) in either rounding order.
 */
function assertClose(actual: readonly Float32Array[], expected: readonly Float32Array[], what: string): void {
  const error = relativeError(concatenate(actual), concatenate(expected));
  assert.ok(error < TOLERANCE, `${what}: relative error ${error.toExponential(2)}`);
}

function concatenate(buffers: readonly Float32Array[]): number[] {
  return buffers.flatMap((b) => Array.from(b));
}

for (const backendName of BACKENDS) {
  describe(`fused optimizer steps agree with their chains on the ${backendName} backend`, () => {
    for (const optimizer of FUSED) {
      test(JSON.stringify(optimizer), () => {
        useBackend(backendName);
        const t = transformOf(optimizer);
        assert.ok(t.fusedStep !== undefined, 'has a fused step');
        const rng = new Random(3);
        const fusedParams = parameters(rng);
        const genericParams = fusedParams.map((p) => {
          const copy = Tensor.parameter(p.shape);
          copy.data.set(p.data);
          return copy;
        });
        const fused = new Optimizer(fusedParams, t);
        const generic = new Optimizer(genericParams, { init: t.init, update: t.update });
        for (let step = 1; step <= STEPS; step++) {
          SHAPES.forEach((shape, i) => {
            const missing = step === 2 && i === 1;
            const g = allocPersistent(fusedParams[i].size);
            for (let j = 0; j < g.length; j++) g[j] = rng.range(-1, 1);
            fusedParams[i].grad = missing ? null : new Tensor(g, shape);
            genericParams[i].grad = missing ? null : new Tensor(g, shape);
          });
          const ctx = { lr: 0.01 * (1 + step / 4), batchSize: 8 };
          fused.step(ctx);
          generic.step(ctx);
          const values = (params: Tensor[]) => params.map((p) => p.data);
          assertClose(values(fusedParams), values(genericParams), `step ${step} parameters`);
          assertClose(fused.updates, generic.updates, `step ${step} updates`);
          assertStatesAgree(fused.state, generic.state, `step ${step} state`);
        }
      });
    }
  });
}

test('optimizers without a fused step keep the generic path', () => {
  for (const optimizer of GENERIC_ONLY) assert.equal(transformOf(optimizer).fusedStep, undefined, JSON.stringify(optimizer));
});
