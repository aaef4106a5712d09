import assert from 'node:assert/strict';
import { test } from 'node:test';
import { referenceBackend } from '../reference/index.js';
import { Random } from '../../util/random.js';
import { assertAgrees, randomArray } from './agreement.js';
import { createWasmAllocators, createWasmBackend, createWasmRuntime } from './index.js';

test('arena buffers live in wasm memory, cache-line aligned, disjoint, and are reused after reset', () => {
  const rt = createWasmRuntime({ threads: 1 });
  const { transient } = createWasmAllocators(rt);
  const sizes = [1, 0, 17, 300000, 5];
  const first = sizes.map((n) => transient.alloc(n));
  for (const view of first) {
    assert.ok(rt.heap.addressOf(view) >= 0);
    assert.equal(view.byteOffset % 64, 0);
  }
  const spans = first.map((v) => [v.byteOffset, v.byteOffset + v.byteLength]).sort((p, q) => p[0] - q[0]);
  for (let i = 1; i < spans.length; i++) assert.ok(spans[i][0] >= spans[i - 1][1], 'buffers overlap');
  transient.reset();
  const second = sizes.map((n) => transient.alloc(n));
  assert.deepEqual(
    second.map((v) => v.byteOffset),
    first.map((v) => v.byteOffset),
  );
  assert.equal(rt.heap.addressOf(new Float32Array(4)), -1);
});

test('growing the memory keeps old buffers valid and recognised, and workers see the new pages', () => {
  const rt = createWasmRuntime({ threads: 2, shareAlways: true });
  rt.team.waitUntilReady();
  const backend = createWasmBackend(() => rt);
  const { persistent } = createWasmAllocators(rt);
  const rng = new Random(1);
  const early = randomArray(rng, 1000, persistent.alloc(1000));
  const copy = Float32Array.from(early);
  // Past the initial 16 MiB: the memory grows and memory.buffer becomes a new object.
  const [m, n, k] = [200, 160, 150];
  const a = randomArray(rng, m * k, persistent.alloc(m * k));
  persistent.alloc(8 << 20);
  const b = randomArray(rng, k * n, persistent.alloc(k * n));
  const c = persistent.alloc(m * n);
  assert.ok(rt.heap.memory.buffer.byteLength > 40 << 20);
  assert.ok(rt.heap.addressOf(early) >= 0 && rt.heap.addressOf(c) > 32 << 20);
  assert.deepEqual(early, copy);
  const expected = new Float32Array(m * n);
  referenceBackend.matmul(a, b, expected, m, n, k, false, false, false);
  backend.matmul(a, b, c, m, n, k, false, false, false);
  assertAgrees(c, expected, Math.sqrt(k) + 1, 'matmul across grown memory');
});
