import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadBlas } from './library.js';

test('REMEDY_BLAS=off turns the BLAS off, and says so', () => {
  for (const setting of ['off', 'OFF', 'none', '0']) assert.deepEqual(loadBlas(setting), { unavailable: `REMEDY_BLAS=${setting}` });
});

test('REMEDY_BLAS naming a missing library: the reason names the setting, and nothing else is tried', () => {
  const library = loadBlas('/no/such/libopenblas.so.0');
  assert.ok('unavailable' in library);
  assert.match(library.unavailable, /^REMEDY_BLAS=\/no\/such\/libopenblas\.so\.0: cannot load it \(/);
});

test("by default the machine's BLAS loads and names itself (CI installs libopenblas0-pthread)", () => {
  const library = loadBlas(undefined);
  assert.ok(!('unavailable' in library), 'unavailable' in library ? library.unavailable : '');
  if (library.config?.startsWith('OpenBLAS')) {
    assert.match(library.name, /^OpenBLAS \d+\.\d+/);
    assert.ok(library.kernel !== null && library.kernel.length > 0, 'OpenBLAS names the kernels it chose');
  }
  const c = new Float32Array(1);
  library.sgemm(false, false, 1, 1, 2, Float32Array.from([1, 2]), 2, Float32Array.from([3, 4]), 1, 0, c, 1);
  assert.equal(c[0], 11);
});
