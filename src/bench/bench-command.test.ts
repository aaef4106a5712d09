import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { benchCommand } from '../cli/bench.js';
import { InputError } from '../errors.js';
import { repoPath, repoRoot } from '../testing/paths.js';
import { TORCH_REF } from './defaults.js';
import { probeTorch, referenceEnvironment } from './python.js';
import type { BenchReport } from './report.js';
import { isSkipped } from './skipped.js';
import { timeRemedyEpochs } from './workload.js';

/** A stand-in for mlp-fashion.json that trains in milliseconds, through the same code path. */
const dir = mkdtempSync(path.join(tmpdir(), 'remedy-bench-'));
const tinySpec = {
  name: 'tiny-blobs',
  seed: 0,
  data: { source: 'synthetic:blobs', samples: 200, validationSplit: 0 },
  model: { layers: [{ type: 'dense', units: 8, activation: 'relu' }, { type: 'dense', units: 3 }] },
  optimizer: { type: 'adam', lr: 0.01 },
  batchSize: 32,
  epochs: 1,
};
writeFileSync(path.join(dir, 'mlp-fashion.json'), JSON.stringify(tinySpec));
const missingPython = path.join(dir, 'no-such-python3');

/** Runs `fn` with console.log collected instead of printed. */
async function printed(fn: () => Promise<unknown>): Promise<string> {
  const lines: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => lines.push(args.join(' '));
  try {
    await fn();
  } finally {
    console.log = log;
  }
  return lines.join('\n');
}

test("a workload's epochs are timed through createTrainer and fit(1), the median reported", async () => {
  const r = await timeRemedyEpochs(path.join(dir, 'mlp-fashion.json'), 3);
  assert.equal(r.name, 'tiny-blobs');
  assert.equal(r.steps, Math.ceil(200 / 32));
  assert.equal(r.runs.length, 3);
  const sorted = r.runs.map((run) => run.seconds).sort((a, b) => a - b);
  assert.equal(r.seconds, sorted[1]);
  assert.ok(r.testAcc !== null && r.testAcc >= 0 && r.testAcc <= 1);
  assert.ok(r.runs.every((run) => Number.isFinite(run.trainLoss)));
});

test('--compare without torch: a clear note in the output and the JSON, remedy and TF.js still timed', async () => {
  const json = path.join(dir, 'out.json');
  const flags = { specs: dir, compare: true, python: missingPython, tfjsSteps: 2, json };
  let code: number | undefined;
  const output = await printed(async () => (code = await benchCommand('mlp', flags)));
  assert.equal(code, 0);
  assert.match(output, new RegExp(`no PyTorch comparison: ${missingPython} not found`));
  assert.match(output, /mlp\s+remedy\s+\S+/);
  const report = JSON.parse(readFileSync(json, 'utf8')) as BenchReport;
  assert.equal(report.command, 'remedy bench mlp --compare');
  assert.ok(report.torch !== undefined && isSkipped(report.torch));
  const [mlp] = report.workloads;
  assert.ok(mlp.torch !== undefined && isSkipped(mlp.torch) && mlp.torch.skipped.includes('not found'));
  assert.ok(mlp.remedy.seconds > 0);
  assert.equal(mlp.ratios.remedyOverTorch, undefined);
  assert.ok(mlp.tfjs !== undefined && !isSkipped(mlp.tfjs));
  const wasm = mlp.tfjs.wasm!;
  assert.ok(!isSkipped(wasm), `TF.js wasm ran: ${JSON.stringify(wasm)}`);
  assert.equal(wasm.stepsTimed, 2);
  assert.equal(wasm.epochSeconds, wasm.secondsPerStep * wasm.stepsPerEpoch);
  assert.ok(wasm.loss.last < wasm.loss.first, `the twin learns: ${JSON.stringify(wasm.loss)}`);
});

test('--quiet prints nothing; an unknown workload is bad input', async () => {
  const output = await printed(() => benchCommand('mlp', { specs: dir, quiet: true }));
  assert.equal(output, '');
  await assert.rejects(benchCommand('gpu', {}), (e) => e instanceof InputError && /mlp, cnn, matmul, all/.test(e.message));
});

test('torch is looked for with the given python, and the reference runs without the OpenBLAS overrides', () => {
  const missing = probeTorch(missingPython);
  assert.ok(isSkipped(missing) && missing.skipped.includes('not found'));
  const broken = probeTorch('/bin/false');
  assert.ok(isSkipped(broken) && broken.skipped.includes('cannot import torch'));
  const env = referenceEnvironment({ OPENBLAS_CORETYPE: 'Haswell', OPENBLAS_L2_SIZE: '262144', PATH: '/usr/bin' });
  assert.deepEqual(env, { PATH: '/usr/bin' });
});

test('--compare finds the PyTorch twin inside the package: tools/torch_ref.py, listed in package.json "files"', () => {
  assert.equal(path.relative(repoRoot, TORCH_REF), path.join('tools', 'torch_ref.py'));
  assert.ok(existsSync(TORCH_REF));
  assert.ok(JSON.parse(readFileSync(repoPath('package.json'), 'utf8')).files.includes('tools/torch_ref.py'));
});
