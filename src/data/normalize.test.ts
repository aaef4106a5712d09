import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizer } from './normalize.js';

test('normalizing image bytes by table gives each value as x / 255 (or x) rounded once to float32, as the loop over float64 values does', () => {
  const bytes = Uint8Array.from({ length: 512 }, (_, i) => (i * 7) % 256);
  const floats = Float64Array.from(bytes);
  for (const [how, divisor] of [['scale01', 255], ['none', 1]] as const) {
    const dataset = (x: Uint8Array | Float64Array) => ({ x, y: new Int32Array(2), n: 2, sampleShape: [256] });
    const viaTable = normalizer(how, dataset(bytes))(dataset(bytes));
    const viaLoop = normalizer(how, dataset(floats))(dataset(floats));
    assert.deepEqual(viaTable.x, Float32Array.from(bytes, (b) => b / divisor), how);
    assert.deepEqual(viaTable.x, viaLoop.x, how);
  }
});

test('normalized features and labels live in shared memory, so trial threads can share one copy', () => {
  const raw = { x: Uint8Array.from([0, 51, 255, 102]), y: Int32Array.from([3, 1]), n: 2, sampleShape: [2] };
  const ds = normalizer('scale01', raw)(raw);
  assert.ok(ds.x.buffer instanceof SharedArrayBuffer);
  assert.ok(ds.y.buffer instanceof SharedArrayBuffer);
  assert.deepEqual(Array.from(ds.y), [3, 1]);
  assert.deepEqual(Array.from(ds.x), [0, 0.2, 1, 0.4].map(Math.fround));
});
