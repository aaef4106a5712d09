import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeChange, specDiff } from './spec-diff.js';

const lines = (a: unknown, b: unknown) => specDiff(a, b).map((c) => describeChange(c));

const dense = (units: number, activation?: string) => ({ type: 'dense', units, ...(activation ? { activation } : {}) });

test('equal documents have no changes, whatever the key order', () => {
  assert.deepEqual(specDiff({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }), []);
});

test('a changed leaf reads path: old → new, with JSON values', () => {
  const before = { model: { layers: [dense(64, 'sigmoid'), dense(10, 'softmax')] }, optimizer: { type: 'sgd', lr: 0.1 } };
  const after = { model: { layers: [dense(64, 'relu'), dense(10, 'softmax')] }, optimizer: { type: 'sgd', lr: 0.001 } };
  assert.deepEqual(lines(before, after), ['model.layers[0].activation: "sigmoid" → "relu"', 'optimizer.lr: 0.1 → 0.001']);
});

test('added and removed properties, including whole objects and undefined as absent', () => {
  const before = { loss: 'mse', clipNorm: 1, earlyStopping: undefined };
  const after = { loss: 'cross_entropy', earlyStopping: { monitor: 'val_loss', patience: 3 } };
  assert.deepEqual(specDiff(before, after), [
    { kind: 'changed', path: 'loss', before: 'mse', after: 'cross_entropy' },
    { kind: 'removed', path: 'clipNorm', before: 1 },
    { kind: 'added', path: 'earlyStopping', after: { monitor: 'val_loss', patience: 3 } },
  ]);
  assert.deepEqual(lines(before, after).slice(1), ['clipNorm: removed 1', 'earlyStopping: added {"monitor":"val_loss","patience":3}']);
});

test('an inserted layer is one addition, not every later layer changed', () => {
  const before = { layers: [dense(32, 'relu'), dense(32, 'relu'), dense(3)] };
  const after = { layers: [dense(32, 'relu'), { type: 'batchnorm' }, dense(32, 'relu'), dense(3)] };
  assert.deepEqual(lines(before, after), ['layers[1]: inserted {"type":"batchnorm"}']);
  assert.deepEqual(lines(after, before), ['layers[1]: removed {"type":"batchnorm"}']);
});

test('a widened layer next to an inserted one: the leftovers pair up in order', () => {
  const before = { layers: [dense(3, 'tanh'), dense(3, 'softmax')] };
  const after = { layers: [dense(48, 'tanh'), { type: 'dropout', rate: 0.2 }, dense(3, 'softmax')] };
  assert.deepEqual(lines(before, after), ['layers[0].units: 3 → 48', 'layers[1]: inserted {"type":"dropout","rate":0.2}']);
});

test('batchnorm after each hidden layer: the dense layers change, batchnorm and activation are inserted', () => {
  const before = { layers: [dense(32, 'relu'), dense(32, 'relu'), dense(3, 'softmax')] };
  const bn = { type: 'batchnorm' };
  const act = { type: 'activation', fn: 'relu' };
  const after = { layers: [dense(32, 'linear'), bn, act, dense(32, 'linear'), bn, act, dense(3, 'softmax')] };
  assert.deepEqual(lines(before, after), [
    'layers[0].activation: "relu" → "linear"',
    'layers[1]: inserted {"type":"batchnorm"}',
    'layers[2]: inserted {"type":"activation","fn":"relu"}',
    'layers[3].activation: "relu" → "linear"',
    'layers[4]: inserted {"type":"batchnorm"}',
    'layers[5]: inserted {"type":"activation","fn":"relu"}',
  ]);
});

test('equal-length arrays compare element by element; a type change is a plain change', () => {
  assert.deepEqual(lines({ w: [1, 2, 3] }, { w: [1, 5, 3] }), ['w[1]: 2 → 5']);
  assert.deepEqual(lines({ init: 'default' }, { init: { type: 'he_uniform' } }), ['init: "default" → {"type":"he_uniform"}']);
  assert.deepEqual(lines({ x: null }, { x: 0 }), ['x: null → 0']);
});

test('keys that are not identifiers are quoted in the path', () => {
  assert.deepEqual(lines({ 'a b': 1 }, { 'a b': 2 }), ['["a b"]: 1 → 2']);
  assert.deepEqual(lines({ o: { 'x-y': 1 } }, { o: {} }), ['o["x-y"]: removed 1']);
});

test('an object of another type is one change, not a field-by-field edit', () => {
  const before = { optimizer: { type: 'sgd', lr: 0.1, momentum: 0, nesterov: false } };
  const after = { optimizer: { type: 'adam', lr: 0.001, betas: [0.9, 0.999] } };
  assert.deepEqual(specDiff(before, after).map((c) => describeChange(c)), [
    'optimizer: {"type":"sgd","lr":0.1,"momentum":0,"nesterov":false} → {"type":"adam","lr":0.001,"betas":[0.9,0.999]}',
  ]);
});
