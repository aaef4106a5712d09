import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { assertRefused, runCli } from '../testing/cli.js';
import { repoRoot } from '../testing/paths.js';

const dir = mkdtempSync(path.join(tmpdir(), 'remedy-cli-'));
const file = (name: string, content: string | object) => {
  const p = path.join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};

const csvSpec = (source: string, units = 3, extra: object = {}) => ({
  data: { source, validationSplit: 0 },
  model: { layers: [{ type: 'dense', units: 4, activation: 'relu' }, { type: 'dense', units }] },
  optimizer: { type: 'sgd', lr: 0.1 },
  batchSize: 2,
  epochs: 2,
  ...extra,
});
file('ok.csv', '0,1,2\n1,3,4\n2,5,6\n0,7,8\n');

// The bin is run directly, not through npx: npx's first run in a checkout installs it and runs
// its `prepare` script, which rebuilds dist/ under the tests running beside this one.
test('the package bin is an executable that runs (what npx remedy starts)', () => {
  const bin = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).bin.remedy as string;
  const r = spawnSync(path.join(repoRoot, bin), ['--help'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Usage: remedy/);
});

test('bad specs are refused with exit code 2, naming the file and the field', () => {
  const malformed = file('malformed.json', '{ "data": { "source": "mnist-sample" }, }');
  assertRefused(['train', malformed], malformed, 'not valid JSON');
  const layer = file('layer.json', { ...csvSpec('csv:ok.csv'), model: { layers: [{ type: 'dense2', units: 3 }] } });
  assertRefused(['train', layer], layer, 'model.layers[0].type', '"dense2"');
  const optimizer = file('opt.json', { ...csvSpec('csv:ok.csv'), optimizer: { type: 'adamax' } });
  assertRefused(['train', optimizer], 'optimizer.type', '"adamax"');
  const range = file('range.json', { ...csvSpec('csv:ok.csv'), optimizer: { type: 'sgd', lr: -0.1 } });
  assertRefused(['train', range], 'optimizer.lr', '-0.1');
  assertRefused(['train', path.join(dir, 'missing.json')], 'missing.json', 'no such file');
  assertRefused(['train', dir], 'is a folder');
});

test('bad data is refused: missing files, non-numeric cells, labels beyond the output layer, broken IDX', () => {
  const missing = file('missing-data.json', csvSpec('csv:nothing.csv'));
  assertRefused(['train', missing], 'nothing.csv');
  file('cell.csv', '0,1,2\n1,x,4\n');
  assertRefused(['train', file('cell.json', csvSpec('csv:cell.csv'))], 'cell.csv', /row 2/, /column 2/);
  file('labels.csv', '0,1,2\n4,3,4\n');
  assertRefused(['train', file('labels.json', csvSpec('csv:labels.csv'))], 'model.layers[1].units', /5 classes/);
  mkdirSync(path.join(dir, 'idx'));
  for (const stem of ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte']) {
    writeFileSync(path.join(dir, 'idx', stem), Buffer.from([0, 0, 8, 3, 0x7f, 0xff, 0xff, 0xff, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2, 3]));
  }
  assertRefused(['train', file('idx.json', csvSpec('idx:idx', 10))], 'train-images-idx3-ubyte');
});

test('bad weights and flags are refused before any training', () => {
  const spec = file('good.json', csvSpec('csv:ok.csv'));
  const broken = file('broken.safetensors', 'not a safetensors file at all');
  assertRefused(['train', spec, '--init', broken], 'broken.safetensors');
  assertRefused(['train', spec, '--init', path.join(dir, 'none.safetensors')], 'none.safetensors', 'no such file');
  const saved = path.join(dir, 'saved.safetensors');
  assert.equal(runCli(['train', spec, '--save', saved, '--quiet']).code, 0);
  const other = file('other.json', { ...csvSpec('csv:ok.csv'), model: { layers: [{ type: 'dense', units: 5 }, { type: 'dense', units: 3 }] } });
  assertRefused(['train', other, '--init', saved], 'layers.0.weight', 'expected shape [5, 2], found [4, 2]');
  assertRefused(['train', spec, '--frobnicate'], /unknown option/);
  assertRefused(['train', spec, '--epochs', '0'], /positive integer/);
  const nowhere = path.join(dir, 'no-such-folder', 'w.safetensors');
  assertRefused(['train', spec, '--save', nowhere], 'no-such-folder');
  assert.equal(existsSync(nowhere), false);
});

test('experiment faults: a folder without expectations, or a case without its spec, is refused', () => {
  assertRefused(['experiment', 'faults', '--faults', path.join(dir, 'no-faults')], 'expectations.json', 'no such file');
  mkdirSync(path.join(dir, 'faults'));
  const expectations = path.join(dir, 'faults', 'expectations.json');
  writeFileSync(expectations, JSON.stringify({ broken: { phase: 'train', symptoms: [] } }));
  assertRefused(['experiment', 'faults', '--faults', path.join(dir, 'faults')], expectations, 'broken.spec');
});

test('--json writes the contract shape; a diverging run exits 1 and says so', () => {
  const spec = file('json.json', csvSpec('csv:ok.csv'));
  const out = path.join(dir, 'run.json');
  const r = runCli(['train', spec, '--json', out, '--epochs', '3']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /epoch 3\/3/);
  const json = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(json.epochsRun, 3);
  assert.equal(json.history.length, 3);
  for (const key of ['epoch', 'loss', 'acc', 'valLoss', 'valAcc', 'lr', 'seconds']) assert.ok(key in json.history[0], key);
  assert.equal(json.stoppedEarly, false);
  assert.equal(typeof json.seconds, 'number');

  const wild = file('wild.json', { ...csvSpec('csv:ok.csv'), optimizer: { type: 'sgd', lr: 1e38 } });
  const failed = runCli(['train', wild]);
  assert.equal(failed.code, 1);
  assert.match(failed.stderr, /diverged/);
});

test('--help explains the commands', () => {
  const r = runCli(['train', '--help']);
  assert.equal(r.code, 0);
  for (const flag of ['--init', '--save', '--json', '--epochs', '--quiet']) assert.match(r.stdout, new RegExp(flag));
});
