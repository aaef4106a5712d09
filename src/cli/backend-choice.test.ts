/**
 * Which backend `remedy train` runs on and why, as --verbose prints it: the BLAS where one loads
 * (CI installs libopenblas0-pthread), the wasm kernels when REMEDY_BLAS points at a missing
 * library or turns it off.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../testing/cli.js';
import { repoPath } from '../testing/paths.js';

const train = (env: NodeJS.ProcessEnv) =>
  runCli(['train', repoPath('test/e2e/mlp.json'), '--epochs', '1', '--verbose'], { env: { REMEDY_BACKEND: undefined, REMEDY_BLAS: undefined, ...env } });

test("by default, the machine's BLAS for the products and wasm for the rest", () => {
  const run = train({});
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^backend: blas \(\S+ [^,]+, (\S+ kernels, )?(convolutions in \d+×\d+ panels, )?1 thread per wasm thread\) \+ wasm \((relaxed|baseline) SIMD, \d threads?\); the BLAS loaded from \S+$/m);
});

test('REMEDY_BLAS pointing at a missing library: the wasm backend trains, and says why', () => {
  const run = train({ REMEDY_BLAS: '/no/such/libopenblas.so.0' });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^backend: wasm \((relaxed|baseline) SIMD, \d threads?\); no BLAS: REMEDY_BLAS=\/no\/such\/libopenblas\.so\.0: cannot load it \(.+\)$/m);
  assert.match(run.stdout, /^epoch 1\/1  loss \d/m);
});

test('REMEDY_BLAS=off: the wasm backend; asking for blas then is bad input, in one line', () => {
  const off = train({ REMEDY_BLAS: 'off' });
  assert.equal(off.code, 0, off.stderr);
  assert.match(off.stdout, /^backend: wasm .*; no BLAS: REMEDY_BLAS=off$/m);
  const asked = train({ REMEDY_BLAS: 'off', REMEDY_BACKEND: 'blas' });
  assert.equal(asked.code, 2);
  assert.equal(asked.stderr, 'remedy: REMEDY_BACKEND=blas: no BLAS: REMEDY_BLAS=off\n');
});
