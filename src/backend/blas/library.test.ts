import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kernelAgrees, loadBlas, panelWidths } from './library.js';

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

test("OpenBLAS's own kernel is found, its panels read off its copy routines, and refused when fed panels of another width", () => {
  const library = loadBlas(undefined);
  assert.ok(!('unavailable' in library));
  if (!library.config?.startsWith('OpenBLAS')) return;
  const { packed } = library;
  assert.ok(packed !== null, `Debian's OpenBLAS exports the ${library.kernel} kernel and its copy routines`);
  for (const unroll of [packed.unrollA, packed.unrollB]) assert.ok(unroll >= 2 && (unroll & (unroll - 1)) === 0, `panel width ${unroll}`);
  assert.ok(kernelAgrees(packed));
  assert.equal(kernelAgrees({ ...packed, unrollA: packed.unrollA * 2 }), false);
  assert.equal(kernelAgrees({ ...packed, unrollB: packed.unrollB / 2 }), false);
});

test('panels: full widths while they fit, then halving widths', () => {
  assert.deepEqual(panelWidths(196, 16), [...Array(12).fill(16), 4]);
  assert.deepEqual(panelWidths(25, 16), [16, 8, 1]);
  assert.deepEqual(panelWidths(7, 4), [4, 2, 1]);
  assert.deepEqual(panelWidths(0, 8), []);
});
