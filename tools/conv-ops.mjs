#!/usr/bin/env node
// Each convolution of the CNN workload (forward, weight gradient, input gradient; batch 64) on one
// thread of the blas backend, on the BLAS's own kernel and as cblas_sgemm products, taken in turn:
// the best of 7 rounds of 20 calls, in ms (docs/BENCHMARKS.md).
//   node tools/conv-ops.mjs
import { createWasmRuntime, createWasmAllocators } from '../dist/backend/wasm/index.js';
import { createBlasBackend, loadBlas } from '../dist/backend/blas/index.js';
const lib = loadBlas(undefined);
if ('unavailable' in lib) {
  console.error(`no BLAS: ${lib.unavailable}`);
  process.exit(2);
}
const rt = createWasmRuntime({ threads: 1 });
const { persistent } = createWasmAllocators(rt);
const variants = { kernel: createBlasBackend(lib, () => rt), products: createBlasBackend({ ...lib, packed: null }, () => rt) };
const layers = [
  { batch: 64, inChannels: 1, inHeight: 28, inWidth: 28, outChannels: 16, kernelHeight: 5, kernelWidth: 5, stride: 1, padding: 2, outHeight: 28, outWidth: 28 },
  { batch: 64, inChannels: 16, inHeight: 14, inWidth: 14, outChannels: 32, kernelHeight: 5, kernelWidth: 5, stride: 1, padding: 2, outHeight: 14, outWidth: 14 },
];
for (const g of layers) {
  const x = persistent.alloc(g.batch * g.inChannels * g.inHeight * g.inWidth).map(() => Math.random());
  const w = persistent.alloc(g.outChannels * g.inChannels * 25).map(() => Math.random());
  const y = persistent.alloc(g.batch * g.outChannels * g.outHeight * g.outWidth).map(() => Math.random());
  const dw = persistent.alloc(w.length), dx = persistent.alloc(x.length);
  const ops = { fwd: (be) => be.conv2d(x, w, y, g), dW: (be) => be.conv2dBackwardWeight(y, x, dw, g, false), dx: (be) => be.conv2dBackwardInput(y, w, dx, g, false) };
  const best = {};
  for (let round = 0; round < 7; round++) for (const [op, f] of Object.entries(ops)) for (const [name, be] of Object.entries(variants)) {
    f(be); const t = performance.now(); for (let i = 0; i < 20; i++) f(be); const ms = (performance.now() - t) / 20;
    const key = `${op} ${name}`; best[key] = Math.min(best[key] ?? Infinity, ms);
  }
  console.log(`C${g.inChannels}:`, Object.entries(best).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', '));
}
process.exit(0);
