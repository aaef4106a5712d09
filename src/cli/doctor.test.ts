/**
 * `remedy doctor` end to end on two fast synthetic runs: one too small for its data (repaired,
 * the change shown as a diff) and one healthy (left alone). The JSON has the contract's shape.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../testing/cli.js';
import { repoPath } from '../testing/paths.js';

const dir = mkdtempSync(path.join(tmpdir(), 'remedy-doctor-'));

function doctor(specFile: string, ...flags: string[]) {
  const json = path.join(dir, `${path.basename(specFile)}.doctor.json`);
  const saved = path.join(dir, `${path.basename(specFile)}.fixed.json`);
  const run = runCli(['doctor', specFile, '--json', json, '--save-spec', saved, ...flags]);
  assert.equal(run.code, 0, run.stderr);
  return { run, result: JSON.parse(readFileSync(json, 'utf8')), saved: JSON.parse(readFileSync(saved, 'utf8')) };
}

test('a network too small for its data: diagnosed, repaired by widening, within the budget', () => {
  const { run, result, saved } = doctor(repoPath('test/faults/spirals-too-small.json'), '--budget', '40', '--target', '0.95');
  assert.equal(result.verdict, 'repaired');
  assert.deepEqual(result.diagnoses.map((d: { symptom: string }) => d.symptom), ['underfitting_capacity']);
  assert.equal(result.diagnoses[0].phase, 'train');
  assert.ok(result.best.valAcc >= 0.95);
  assert.ok(result.epochsSpent <= 40);
  for (const key of ['change', 'spec', 'epochs', 'trainAcc', 'valAcc']) assert.ok(key in result.trials[0], key);
  assert.ok(saved.model.layers[0].units > 3, 'the saved spec is the repaired one');
  assert.match(run.stdout, /model\.layers\[0\]\.units: 3 → \d+/);
});

test('a healthy run is said to be healthy and its spec left unchanged', () => {
  const specFile = repoPath('test/faults-heldout-2/healthy-spirals.json');
  const { run, result, saved } = doctor(specFile);
  assert.equal(result.verdict, 'healthy');
  assert.deepEqual(result.diagnoses, []);
  assert.equal(result.best.change, 'no change');
  const written = JSON.parse(readFileSync(specFile, 'utf8'));
  assert.equal(saved.model.layers[0].units, written.model.layers[0].units);
  assert.deepEqual(saved.optimizer, { ...saved.optimizer, ...written.optimizer });
  assert.match(run.stdout, /verdict: healthy/);
});

test('bad flags are refused before any work', () => {
  const spec = path.join(dir, 'x.json');
  writeFileSync(spec, '{}');
  const r = runCli(['doctor', repoPath('test/faults/healthy.json'), '--budget', '0']);
  assert.equal(r.code, 2);
  assert.equal(runCli(['doctor', spec]).code, 2);
});
