/**
 * `remedy train --init W --save W2` against PyTorch (float64) on the same specs and initial
 * weights: the fixtures in test/e2e/ come from tools/golden/make_e2e.py (an MLP, an MLP with
 * squared error, a CNN, a one-unit sigmoid binary classifier of circles). The weight update must
 * agree within 5e-4 relative error, on every backend (REMEDY_BACKEND).
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { BACKENDS } from '../backend/select.js';
import { readSafetensors } from '../io/safetensors.js';
import { runCli } from '../testing/cli.js';
import { difference, relativeError } from '../testing/compare.js';
import { repoPath } from '../testing/paths.js';

for (const [name, backend] of ['mlp', 'mlp-adam-mse', 'cnn', 'circles-binary'].flatMap((n) => BACKENDS.map((b) => [n, b]))) {
  test(`remedy train reproduces PyTorch on test/e2e/${name}.json, ${backend} backend`, () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'remedy-e2e-')), 'trained.safetensors');
    const init = repoPath(`test/e2e/${name}.init.safetensors`);
    const run = runCli(['train', repoPath(`test/e2e/${name}.json`), '--init', init, '--save', out, '--quiet'], { env: { REMEDY_BACKEND: backend } });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '', '--quiet prints nothing');
    const ours = readSafetensors(out);
    const start = readSafetensors(init);
    const torch = readSafetensors(repoPath(`test/e2e/${name}.torch.safetensors`));
    assert.deepEqual([...ours.keys()].sort(), [...torch.keys()].sort());
    for (const [key, expected] of torch) {
      const s = start.get(key)!.data;
      const err = relativeError(difference(ours.get(key)!.data, s), difference(expected.data, s));
      assert.ok(err < 5e-4, `${key}: update differs from PyTorch by ${err.toExponential(2)}`);
    }
  });
}
