import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createWasmAllocators, createWasmRuntime } from './index.js';

test('jobs of different chunk counts back to back run every chunk exactly once', () => {
  // A worker late to notice that a 2-chunk job was over could once claim chunk 2 of it after the
  // next job (13 chunks) had set its count: that chunk then ran twice, or the job never finished.
  const rt = createWasmRuntime({ threads: 2, shareAlways: true });
  assert.equal(rt.team.waitUntilReady(), 2);
  const { persistent } = createWasmAllocators(rt);
  const n = 13 * 16;
  const target = persistent.alloc(n);
  const ones = persistent.alloc(n).fill(1);
  const [pTarget, pOnes] = [rt.heap.addressOf(target), rt.heap.addressOf(ones)];
  const split = (chunks: number) =>
    Array.from({ length: chunks }, (_, i) => {
      const [start, end] = [Math.floor((n * i) / chunks), Math.floor((n * (i + 1)) / chunks)];
      return [pTarget + 4 * start, pOnes + 4 * start, end - start];
    });
  const [small, large] = [split(2), split(13)];
  let jobs = 0;
  for (const deadline = performance.now() + 300; performance.now() < deadline; jobs += 2) {
    rt.team.run('addInPlace', small, n);
    rt.team.run('addInPlace', large, n);
  }
  target.forEach((v, i) => assert.equal(v, jobs, `element ${i}`));
});
