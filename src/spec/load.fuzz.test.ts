/**
 * Fuzzing the spec loader (fast-check): random JSON, deeply nested values, odd Unicode, valid
 * specs with one field replaced by anything, and damaged text either load or are refused with an
 * InputError naming the file.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { test } from 'node:test';
import { InputError } from '../errors.js';
import { assertLoadsOrRefuses, damaged, fuzzOptions, oddText } from '../testing/fuzz.js';
import { parseSpecText } from './load.js';

const FILE = 'fuzz-spec.json';

const validSpec = {
  name: 'fuzz',
  seed: 1,
  data: { source: 'synthetic:blobs', samples: 100, validationSplit: 0.1, normalize: 'standardize' },
  model: { layers: [{ type: 'dense', units: 8, activation: 'relu' }, { type: 'dropout', rate: 0.5 }, { type: 'dense', units: 3, activation: 'softmax' }], init: 'he_normal' },
  loss: 'cross_entropy',
  optimizer: { type: 'adam', lr: 0.001, betas: [0.9, 0.999], form: 'keras' },
  schedule: { type: 'cosine', warmupEpochs: 1 },
  batchSize: 16,
  epochs: 2,
  regularization: { weightDecay: { mode: 'l2', value: 1e-4 }, clipNorm: 1 },
  earlyStopping: { monitor: 'val_loss', patience: 2 },
};

/** Every path to a value in `v`, as keys and indices. */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (typeof v !== 'object' || v === null) return [at];
  const keys = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
  return [at, ...keys.flatMap((k) => paths((v as Record<string | number, unknown>)[k], [...at, k]))];
}
const allPaths = paths(validSpec).filter((p) => p.length > 0);

function replaced(path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(validSpec) as Record<string | number, unknown>;
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
  return copy;
}

const anything = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom(-1, 0, 1e308, -1e-308, 2 ** 53, 0.5, '', 'NaN', null, [], {}),
  oddText,
);
/** The valid spec's text with `value` (JSON text, perhaps too deep to stringify) at a field. */
const deepAtField = fc
  .tuple(fc.constantFrom('"units":8', '"lr":0.001', '"model":', '"source":"synthetic:blobs"'), fc.nat(20_000))
  .map(([field, depth]) => JSON.stringify(validSpec).replace(field, `${field.split(':')[0]}:${'['.repeat(depth)}${']'.repeat(depth)}${field.endsWith(':') ? ',"x":' : ''}`));
const text = fc.oneof(
  fc.tuple(fc.constantFrom(...allPaths), anything).map(([p, v]) => JSON.stringify(replaced(p, v))),
  deepAtField,
  fc.jsonValue({ maxDepth: 8 }).map((v) => JSON.stringify(v)),
  fc.nat(20_000).chain((depth) => fc.constantFrom('[', '{"a":').map((open) => open.repeat(depth))),
  fc.nat(20_000).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  damaged(fc.constant(new TextEncoder().encode(JSON.stringify(validSpec)))).map((b) => Buffer.from(b).toString('utf8')),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

test('random, nested, odd and damaged spec text loads or is refused naming the file', () => {
  fc.assert(
    fc.property(text, (t) => assertLoadsOrRefuses(() => parseSpecText(t, FILE), FILE)),
    fuzzOptions(),
  );
});

test('the fuzzer starts from a spec that loads', () => {
  assert.equal(parseSpecText(JSON.stringify(validSpec), FILE).name, 'fuzz');
  assert.throws(() => parseSpecText('[' .repeat(100_000) + ']'.repeat(100_000), FILE), InputError);
});
