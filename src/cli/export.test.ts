/**
 * `remedy export` and `remedy train --onnx` through the real command: the same file either way,
 * one that onnxruntime loads; bad input exits 2 with one line and writes nothing.
 */
import assert from 'node:assert/strict';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import * as ort from 'onnxruntime-node';
import { runCli } from '../testing/cli.js';
import { repoPath } from '../testing/paths.js';

const dir = mkdtempSync(path.join(tmpdir(), 'remedy-export-'));
chmodSync(dir, 0o755); // readable by the unprivileged user one test runs as
const spec = repoPath('test/e2e/mlp.json');
const weights = repoPath('test/e2e/mlp.torch.safetensors');

test('train --onnx writes the trained network; export of the saved weights writes the same file, which onnxruntime runs', async () => {
  const saved = path.join(dir, 'trained.safetensors');
  const fromTrain = path.join(dir, 'train.onnx');
  const train = runCli(['train', spec, '--init', repoPath('test/e2e/mlp.init.safetensors'), '--epochs', '1', '--save', saved, '--onnx', fromTrain, '--quiet']);
  assert.equal(train.code, 0, train.stderr);
  const fromExport = path.join(dir, 'export.onnx');
  const run = runCli(['export', spec, '--weights', saved, '--onnx', fromExport]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, `${fromExport}: ONNX opset 17, input "input" [batch, 784], output "output" [batch, 10]\n`);
  assert.deepEqual(readFileSync(fromExport), readFileSync(fromTrain));
  const session = await ort.InferenceSession.create(fromExport);
  const { output } = await session.run({ input: new ort.Tensor('float32', new Float32Array(2 * 784).fill(0.5), [2, 784]) });
  assert.deepEqual(output.dims, [2, 10]);
  const sum = (output.data as Float32Array).subarray(0, 10).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - 1) < 1e-5, 'the output is the softmax the spec ends in');
});

const refusals: { name: string; args: (out: string) => string[]; stderr: RegExp; unprivileged?: boolean }[] = [
  {
    name: 'a missing weights file',
    args: (out) => ['export', spec, '--weights', path.join(dir, 'none.safetensors'), '--onnx', out],
    stderr: /^remedy: --weights: .*none\.safetensors: no such file$/,
  },
  {
    name: 'weights of another network',
    args: (out) => ['export', spec, '--weights', repoPath('test/e2e/cnn.init.safetensors'), '--onnx', out],
    stderr: /^remedy: .*cnn\.init\.safetensors: layers\.5\.bias: unexpected tensor; this model has layers\.0\.weight, /,
  },
  {
    name: 'weights of the wrong shape',
    args: (out) => ['export', spec, '--weights', repoPath('test/e2e/mlp-adam-mse.init.safetensors'), '--onnx', out],
    stderr: /^remedy: .*mlp-adam-mse\.init\.safetensors: layers\.0\.weight: expected shape \[32, 784\], found \[24, 784\]$/,
  },
  {
    name: 'an output folder that does not exist',
    args: () => ['export', spec, '--weights', weights, '--onnx', path.join(dir, 'missing', 'model.onnx')],
    stderr: /^remedy: --onnx: .*model\.onnx: folder .*missing does not exist$/,
  },
  {
    name: 'a read-only output folder',
    // nobody cannot enter a checkout in a private folder: it reads copies in the shared one
    args: (out) => ['export', readableCopy('mlp.json'), '--weights', readableCopy('mlp.torch.safetensors'), '--onnx', out],
    stderr: /^remedy: --onnx: .*model\.onnx: cannot write to /,
    unprivileged: true,
  },
];

/** A file of test/e2e copied (with the digits its spec reads) into the folder every user can read. */
function readableCopy(file: string): string {
  for (const f of [file, 'digits.csv']) copyFileSync(repoPath(`test/e2e/${f}`), path.join(dir, f));
  return path.join(dir, file);
}

for (const { name, args, stderr, unprivileged } of refusals) {
  test(`export refuses ${name}: exit 2, one line, nothing written`, () => {
    const folder = path.join(dir, name.replaceAll(' ', '-'));
    mkdirSync(folder, { mode: unprivileged ? 0o555 : 0o755 });
    const r = runCli(args(path.join(folder, 'model.onnx')), { unprivileged });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr.trimEnd(), stderr);
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    assert.deepEqual(readdirSync(folder), []);
  });
}

test('export without --onnx is a usage error (exit 2)', () => {
  const r = runCli(['export', spec, '--weights', weights]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /required option '--onnx <file>'/);
});
