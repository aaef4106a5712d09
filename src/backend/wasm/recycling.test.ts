import assert from 'node:assert/strict';
import { test } from 'node:test';
import { wasmRuntime } from './index.js';
import { RecyclingAllocator } from './recycling.js';

test('a freed block is handed out again to the next request of its size class', () => {
  const pool = new RecyclingAllocator(wasmRuntime().heap);
  const a = pool.alloc(1000);
  const b = pool.alloc(1000);
  assert.notEqual(a.byteOffset, b.byteOffset);
  pool.free(a);
  const c = pool.alloc(900); // same 4 KiB class
  assert.equal(c.byteOffset, a.byteOffset);
  pool.free(new Float32Array(4)); // not ours: ignored
  pool.free(c);
  pool.free(c); // twice: the second is ignored, so the block is not handed out twice
  const d = pool.alloc(1000);
  const e = pool.alloc(1000);
  assert.notEqual(d.byteOffset, e.byteOffset);
});
