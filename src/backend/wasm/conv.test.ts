import { test } from 'node:test';
import { assertConvAgrees, CONV_GEOMETRIES } from './agreement.js';
import { createWasmAllocators, createWasmBackend, createWasmRuntime } from './index.js';

test('conv2d and its gradients agree with the reference', () => {
  const rt = createWasmRuntime({ threads: 2, shareAlways: true });
  rt.team.waitUntilReady();
  const { transient } = createWasmAllocators(rt);
  assertConvAgrees(createWasmBackend(() => rt), (n) => transient.alloc(n), () => transient.reset(), CONV_GEOMETRIES, 'wasm');
});
