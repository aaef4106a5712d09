/**
 * Kernel throughput on the shapes of the MLP and CNN workloads, per SIMD variant and thread count
 * (GEMM, convolutions, a whole Adam step over the MLP's parameters, activations):
 *   node dist/backend/wasm/bench.js [--simd relaxed,baseline] [--threads 1,2] [--outside]
 * `--outside` passes plain Float32Arrays, so each call also copies its operands into wasm memory.
 */
import { parseArgs } from 'node:util';
import { MLP_SHAPES, squareShapes, type MatmulShape } from '../../bench/matmul-sweep.js';
import type { Backend, ConvGeometry, UnaryFn } from '../backend.js';
import { createWasmAllocators, createWasmBackend, createWasmRuntime, type SimdVariant } from './index.js';

/** Two large squares and one MLP training step's products: the shapes `remedy bench matmul` times too. */
const SHAPES: MatmulShape[] = [...squareShapes([64, 512, 1024]), ...MLP_SHAPES];

/** The CNN workload's convolutions (5×5, same padding) at batch 64. */
const CONVOLUTIONS: { label: string; g: ConvGeometry }[] = [
  { label: 'conv1 1→16 28×28', g: convolution(1, 28, 16) },
  { label: 'conv2 16→32 14×14', g: convolution(16, 14, 32) },
];

function convolution(inChannels: number, size: number, outChannels: number): ConvGeometry {
  return {
    batch: 64,
    inChannels,
    inHeight: size,
    inWidth: size,
    outChannels,
    kernelHeight: 5,
    kernelWidth: 5,
    stride: 1,
    padding: 2,
    outHeight: size,
    outWidth: size,
  };
}

/** The MLP 784-512-512-10's weights and biases. */
const MLP_PARAMETERS = [784 * 512, 512, 512 * 512, 512, 512 * 10, 10];
const ACTIVATIONS: UnaryFn[] = ['relu', 'sigmoid', 'tanh'];

const { values } = parseArgs({
  options: {
    simd: { type: 'string', default: 'relaxed,baseline' },
    threads: { type: 'string', default: '1,2' },
    outside: { type: 'boolean', default: false },
  },
});

function random(buffer: Float32Array): Float32Array {
  for (let i = 0; i < buffer.length; i++) buffer[i] = Math.random() * 2 - 1;
  return buffer;
}

/** Median rate (G`work`/s) over repeated timed batches, after warm-up that lets V8 tier up to TurboFan. */
function measure(run: () => void, work: number): number {
  const batch = Math.max(1, Math.round(2e8 / work));
  for (let i = 0; i < 3 * batch; i++) run();
  const rates: number[] = [];
  for (let r = 0; r < 7; r++) {
    const start = performance.now();
    for (let i = 0; i < batch; i++) run();
    rates.push((work * batch) / ((performance.now() - start) * 1e6));
  }
  return rates.sort((x, y) => x - y)[3];
}

for (const simd of values.simd.split(',') as SimdVariant[]) {
  for (const threads of values.threads.split(',').map(Number)) {
    const runtime = createWasmRuntime({ simd, threads, shareAlways: true });
    const ready = runtime.team.waitUntilReady();
    const backend = createWasmBackend(() => runtime);
    const { persistent } = createWasmAllocators(runtime);
    const alloc = (n: number) => random(values.outside ? new Float32Array(n) : persistent.alloc(n));
    console.log(`\n${runtime.simd} SIMD, ${ready} thread(s)${values.outside ? ', operands outside wasm memory' : ''}`);
    for (const { label, m, n, k, transA, transB } of SHAPES) {
      const a = alloc(m * k);
      const b = alloc(k * n);
      const c = alloc(m * n);
      report(label, measure(() => backend.matmul(a, b, c, m, n, k, transA, transB, false), 2 * m * n * k));
    }
    for (const { label, g } of CONVOLUTIONS) benchConvolution(backend, alloc, label, g);
    benchAdam(backend, alloc);
    for (const fn of ACTIVATIONS) {
      const [x, y] = [alloc(128 * 512), alloc(128 * 512)];
      report(`${fn} 128×512`, measure(() => backend.unary(fn, x, y, 0), x.length), 'G elements/s');
    }
  }
}

function benchAdam(backend: Backend, alloc: (n: number) => Float32Array): void {
  const buffers = () => MLP_PARAMETERS.map((n) => alloc(n));
  const [p, g, m, v, u] = [buffers(), buffers(), buffers(), buffers().map((b) => b.map(Math.abs)), buffers()];
  const c = { beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, gradientStep: 0, momentStep: 1e-3, rootCorrection: 1, decoupledDecay: 0 };
  const elements = MLP_PARAMETERS.reduce((a, b) => a + b, 0);
  report('Adam step, MLP parameters', measure(() => backend.adamStep(p, g, m, v, u, c), elements), 'G elements/s');
}

function benchConvolution(backend: Backend, alloc: (n: number) => Float32Array, label: string, g: ConvGeometry): void {
  const x = alloc(g.batch * g.inChannels * g.inHeight * g.inWidth);
  const w = alloc(g.outChannels * g.inChannels * g.kernelHeight * g.kernelWidth);
  const y = alloc(g.batch * g.outChannels * g.outHeight * g.outWidth);
  const flops = 2 * g.batch * g.outChannels * g.outHeight * g.outWidth * g.inChannels * g.kernelHeight * g.kernelWidth;
  report(`${label} forward`, measure(() => backend.conv2d(x, w, y, g), flops));
  report(`${label} backward input`, measure(() => backend.conv2dBackwardInput(y, w, x, g, false), flops));
  report(`${label} backward weight`, measure(() => backend.conv2dBackwardWeight(y, x, w, g, false), flops));
}

function report(label: string, rate: number, unit = 'GFLOP/s'): void {
  console.log(`${label.padEnd(34)} ${rate.toFixed(2).padStart(7)} ${unit}`);
}
