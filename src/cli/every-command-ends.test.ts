/**
 * Every command ends on bad input: exit 2 within seconds, one line naming the culprit, no stack
 * trace, and no --json written, also where the command had already started worker threads
 * (the doctor's trials, the experiments' runs) when the input turned out bad.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { assertRefused } from '../testing/cli.js';
import { freePort } from '../testing/redis-server.js';

const dir = mkdtempSync(path.join(tmpdir(), 'remedy-ends-'));
const file = (name: string, content: string | object) => {
  const p = path.join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
};
const spec = (source: string, extra: object = {}) => ({
  data: { source, validationSplit: 0 },
  model: { layers: [{ type: 'dense', units: 4, activation: 'relu' }, { type: 'dense', units: 3 }] },
  optimizer: { type: 'sgd', lr: 0.1 },
  batchSize: 2,
  epochs: 2,
  ...extra,
});
file('ok.csv', '0,1,2\n1,3,4\n2,5,6\n0,7,8\n');
file('cell.csv', '0,1,2\n1,x,4\n');
file('labels.csv', '0,1,2\n4,3,4\n');

const bad = {
  missingData: file('missing-data.json', spec('csv:nothing.csv')),
  cell: file('cell.json', spec('csv:cell.csv')),
  output: file('output.json', spec('csv:labels.csv')),
  malformed: file('malformed.json', '{ "data": { "source": "csv:ok.csv" }, }'),
  field: file('field.json', spec('csv:ok.csv', { optimizer: { type: 'adamax' } })),
  missingSpec: path.join(dir, 'no-spec.json'),
};
const good = file('good.json', spec('csv:ok.csv'));

/** Refused as assertRefused says, and `--json` (given last) not written. */
function assertRefusedWithoutJson(args: string[], ...mentions: (string | RegExp)[]) {
  const json = path.join(dir, 'out.json');
  assertRefused([...args, '--json', json], ...mentions);
  assert.equal(existsSync(json), false, `${args.join(' ')} wrote --json`);
}

test('doctor: ten bad inputs, each refused at once (its trial threads closed), naming the culprit', () => {
  assertRefusedWithoutJson(['doctor', bad.missingData], 'nothing.csv');
  assertRefusedWithoutJson(['doctor', bad.cell], 'cell.csv', /row 2, column 2/);
  assertRefusedWithoutJson(['doctor', bad.output], 'model.layers[1].units', /5 classes/);
  assertRefusedWithoutJson(['doctor', bad.malformed], 'malformed.json', 'not valid JSON');
  assertRefusedWithoutJson(['doctor', bad.field], 'optimizer.type', '"adamax"');
  assertRefusedWithoutJson(['doctor', bad.missingSpec], 'no-spec.json', 'no such file');
  assertRefusedWithoutJson(['doctor', dir], 'is a folder');
  assertRefusedWithoutJson(['doctor', good, '--budget', '0'], '--budget', /positive integer/);
  assertRefusedWithoutJson(['doctor', good, '--target', '2'], '--target', /accuracy/);
  assertRefusedWithoutJson(['doctor', good, '--frobnicate'], /unknown option/);
  assertRefused(['doctor', good, '--json', path.join(dir, 'no-folder', 'out.json')], 'no-folder');
});

test('experiment: unknown names, bad flags and broken fault suites are refused, threads and all', () => {
  assertRefusedWithoutJson(['experiment', 'nope'], 'nope', 'unknown experiment');
  assertRefusedWithoutJson(['experiment', 'loss', '--budget', 'x'], '--budget');
  assertRefusedWithoutJson(['experiment', 'doctor-vs-search', '--seeds', '0'], '--seeds');
  assertRefusedWithoutJson(['experiment', 'loss', '--frobnicate'], /unknown option/);
  assertRefusedWithoutJson(['experiment', 'faults', '--report', path.join(dir, 'r.html')], '--report');
  assertRefusedWithoutJson(['experiment', 'faults', '--faults', path.join(dir, 'no-faults')], 'expectations.json', 'no such file');
  assertRefused(['experiment', 'loss', '--json', path.join(dir, 'no-folder', 'out.json')], 'no-folder');
  // fault cases whose data is bad: the doctor has started its trial threads when the data fails
  for (const [name, specFile, culprit] of [
    ['cell', bad.cell, 'cell.csv'],
    ['output', bad.output, 'model.layers[1].units'],
    ['missing', bad.missingData, 'nothing.csv'],
  ]) {
    const folder = path.join(dir, `faults-${name}`);
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'expectations.json'), JSON.stringify({ broken: { phase: 'train', symptoms: [], spec: path.relative(folder, specFile) } }));
    assertRefusedWithoutJson(['experiment', 'faults', '--faults', folder, '--budget', '4'], culprit);
    assertRefusedWithoutJson(['experiment', 'doctor-vs-search', '--faults', folder, '--budget', '4', '--seeds', '1'], culprit);
  }
});

test('train: bad spec, data, weights and flags are refused without --json', () => {
  assertRefusedWithoutJson(['train', bad.missingSpec], 'no-spec.json');
  assertRefusedWithoutJson(['train', bad.cell], 'cell.csv');
  assertRefusedWithoutJson(['train', bad.output], 'model.layers[1].units');
  assertRefusedWithoutJson(['train', good, '--init', file('broken.safetensors', 'not a safetensors file')], 'broken.safetensors');
  assertRefusedWithoutJson(['train', good, '--resume', path.join(dir, 'no-checkpoint')], 'no-checkpoint');
  assertRefusedWithoutJson(['train', good, '--epochs', '-1'], '--epochs');
});

test('bench: unknown workloads, bad flags and bad specs are refused without --json', () => {
  assertRefusedWithoutJson(['bench', 'gpu'], 'gpu', 'unknown workload');
  assertRefusedWithoutJson(['bench', 'mlp', '--repeat', '0'], '--repeat');
  assertRefusedWithoutJson(['bench', 'mlp', '--backend', 'gpu'], '--backend');
  assertRefusedWithoutJson(['bench', 'mlp', '--specs', path.join(dir, 'no-specs')], 'mlp-fashion.json');
  const specs = path.join(dir, 'specs');
  mkdirSync(specs);
  writeFileSync(path.join(specs, 'mlp-fashion.json'), JSON.stringify(spec('csv:../cell.csv')));
  assertRefusedWithoutJson(['bench', 'mlp', '--specs', specs], 'cell.csv');
});

test('schema: stray arguments are refused', () => {
  assertRefused(['schema', 'extra'], /too many arguments|unknown/);
});

test('worker: a missing, malformed or unreachable --redis is refused at once', async () => {
  assertRefused(['worker'], /--redis/);
  assertRefused(['worker', '--redis', 'localhost'], '--redis', /redis:\/\/HOST:PORT/);
  assertRefused(['worker', '--redis', `redis://127.0.0.1:${await freePort()}`], '--redis', 'cannot reach Redis');
  assertRefused(['doctor', good, '--run-id', 'x'], '--run-id', 'needs --redis');
});
