import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { InputError } from '../errors.js';
import { loadSpec, parseSpec } from './load.js';

const valid = {
  data: { source: 'mnist-sample' },
  model: { layers: [{ type: 'dense', units: 10, activation: 'softmax' }] },
  optimizer: { type: 'sgd', lr: 0.1 },
};

function refusal(raw: unknown): InputError {
  try {
    parseSpec(raw, 'run.json');
  } catch (e) {
    assert.ok(e instanceof InputError, `expected an InputError, got ${e}`);
    return e;
  }
  assert.fail('the spec was accepted');
}

test('a valid spec gets PyTorch defaults filled in', () => {
  const spec = parseSpec(valid);
  assert.equal(spec.seed, 0);
  assert.equal(spec.loss, 'cross_entropy');
  assert.equal(spec.data.validationSplit, 0.1);
  assert.equal(spec.data.shuffle, true);
  assert.deepEqual(spec.optimizer, { type: 'sgd', lr: 0.1, momentum: 0, dampening: 0, nesterov: false, weight_decay: 0 });
  const adam = parseSpec({ ...valid, optimizer: { type: 'adam' } }).optimizer;
  assert.deepEqual(adam, { type: 'adam', form: 'pytorch', lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0 });
  const keras = parseSpec({ ...valid, optimizer: { type: 'adam', form: 'keras', betas: [0.8, 0.9] } }).optimizer;
  assert.deepEqual(keras, { type: 'adam', form: 'keras', lr: 1e-3, betas: [0.8, 0.9], eps: 1e-7, weight_decay: 0 });
});

test('each refusal names the file, the JSON path, what was expected and what was found', () => {
  const cases: [unknown, string, RegExp][] = [
    [{ ...valid, model: { layers: [{ type: 'conv', units: 3 }] } }, 'model.layers[0].type', /expected one of "dense", "conv2d".*found "conv"/],
    [{ ...valid, optimizer: { type: 'adamax' } }, 'optimizer.type', /found "adamax"/],
    [{ ...valid, batchSize: 0 }, 'batchSize', /expected a value >= 1; found 0/],
    [{ ...valid, batchSize: 2.5 }, 'batchSize', /expected int; found 2.5/],
    [{ ...valid, optimizer: { type: 'sgd', lr: -1 } }, 'optimizer.lr', /> 0; found -1/],
    [{ ...valid, data: { source: 'mnist-sample', validationSplit: 1 } }, 'data.validationSplit', /< 1; found 1/],
    [{ ...valid, data: { source: 'imagenet' } }, 'data.source', /expected "mnist-sample"/],
    [{ ...valid, data: { sourse: 'mnist-sample' } }, 'data.source', /required/],
    [{ ...valid, model: { layers: [{ type: 'dense', units: 10, activaton: 'relu' }] } }, 'model.layers[0].activaton', /unknown field/],
    [{ ...valid, model: { layers: [{ type: 'dense', units: 10, activation: 'swish' }] } }, 'model.layers[0].activation', /found "swish"/],
    [{ ...valid, model: { layers: [] } }, 'model.layers', /length >= 1/],
    [{ ...valid, loss: 'nll' }, 'loss', /found "nll"/],
    [[1, 2], '(top level)', /expected object/],
  ];
  for (const [raw, field, detail] of cases) {
    const e = refusal(raw);
    assert.equal(e.file, 'run.json');
    assert.equal(e.field, field, e.message);
    assert.match(e.detail, detail);
    assert.ok(!e.message.includes('\n'), 'one line');
  }
});

test('files: malformed JSON gives line and column; a folder and a missing file are refused', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'remedy-spec-'));
  const bad = path.join(dir, 'bad.json');
  writeFileSync(bad, '{\n  "seed": 1,\n  "data": { "source": "mnist-sample" }\n  "model": {}\n}');
  assert.throws(() => loadSpec(bad), (e: InputError) => e.file === bad && /not valid JSON \(line 4, column 3/.test(e.detail));
  assert.throws(() => loadSpec(dir), (e: InputError) => /is a folder/.test(e.detail));
  assert.throws(() => loadSpec(path.join(dir, 'none.json')), (e: InputError) => /no such file/.test(e.detail));
});
