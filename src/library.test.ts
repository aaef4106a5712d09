/**
 * doctor() and experiment() return exactly what `remedy doctor --json` and `remedy experiment
 * --json` write (timings aside), on a fast synthetic spec: a one-unit sigmoid classifier of the
 * circles that learns too slowly with plain SGD.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { doctor, experiment, InputError, type SpecInput } from './index.js';
import { runCli } from './testing/cli.js';

const SPEC: SpecInput = {
  data: { source: 'synthetic:circles', samples: 400 },
  model: { layers: [{ type: 'dense', units: 8, activation: 'sigmoid' }, { type: 'dense', units: 1, activation: 'sigmoid' }] },
  loss: 'binary_cross_entropy',
  optimizer: { type: 'sgd', lr: 0.01 },
  epochs: 4,
};

/** The document without its wall-clock times, which differ from run to run. */
function untimed(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === 'seconds' ? undefined : v)));
}

function specFile(folder: string): string {
  const file = path.join(folder, 'slow-circles.json');
  fs.writeFileSync(file, JSON.stringify(SPEC));
  return file;
}

test('doctor(spec) returns what remedy doctor --json writes', async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'remedy-library-'));
  const file = specFile(folder);
  const lines: string[] = [];
  const fromFile = await doctor(file, { budget: 10, onProgress: (line) => lines.push(line) });
  const fromObject = await doctor(SPEC, { budget: 10 });
  const out = path.join(folder, 'doctor.json');
  const run = runCli(['doctor', file, '--budget', '10', '--json', out, '--quiet']);
  assert.equal(run.code, 0, run.stderr);
  const written = JSON.parse(fs.readFileSync(out, 'utf8'));
  assert.deepEqual(untimed(fromFile), untimed(written));
  assert.deepEqual(untimed(fromObject), untimed(written));
  assert.ok(fromFile.trials.length > 0 && typeof fromFile.seconds === 'number');
  assert.match(lines[0], /^pre-flight/);
});

test('doctor() refuses a bad spec with an InputError (and leaves no threads running)', async () => {
  await assert.rejects(doctor({ ...SPEC, data: { source: 'synthetic:moons' } }), (e: InputError) => e instanceof InputError && e.field === 'data.source');
  await assert.rejects(doctor({ ...SPEC, data: { source: 'csv:missing.csv' } }), InputError);
});

test("experiment('faults') returns what remedy experiment faults --json writes", async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'remedy-library-'));
  specFile(folder);
  const expectations = { 'slow-circles': { phase: 'train', symptoms: ['slow_convergence'], target: { valAcc: 0.9 }, spec: 'slow-circles.json' } };
  fs.writeFileSync(path.join(folder, 'expectations.json'), JSON.stringify(expectations));
  const lines: string[] = [];
  const document = await experiment('faults', { faults: folder, budget: 8, onProgress: (line) => lines.push(line) });
  const out = path.join(folder, 'faults.json');
  const run = runCli(['experiment', 'faults', '--faults', folder, '--budget', '8', '--json', out, '--quiet']);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(untimed(document), untimed(JSON.parse(fs.readFileSync(out, 'utf8'))));
  assert.equal(document.outcomes[0].name, 'slow-circles');
  assert.match(lines.at(-1)!, /of 1 fault cases reach their target within --budget 8/);
  await assert.rejects(experiment('no-such-claim'), InputError);
});
