import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MatmulResult } from './matmul-sweep.js';
import type { OpenBlasReference } from './openblas.js';
import { shareOfOpenBlas, workloadRatios } from './ratios.js';
import type { MatmulReport, WorkloadReport } from './report.js';
import { matmulSummary, workloadSummary } from './summary.js';

const epoch = (seconds: number, testAcc: number) => ({ seconds, trainLoss: 0.5, testAcc });

function mlpReport(): WorkloadReport {
  const w: Omit<WorkloadReport, 'ratios'> = {
    workload: 'mlp',
    spec: 'bench/specs/mlp-fashion.json',
    remedy: { name: 'bench-mlp-fashion', steps: 469, runs: [epoch(8, 0.85), epoch(10, 0.85), epoch(9, 0.85)], seconds: 9, testAcc: 0.85, backend: 'wasm (relaxed SIMD, 2 threads)' },
    torch: { version: '1.13.0', threads: 1, runs: [epoch(6, 0.845)], seconds: 6, testAcc: 0.845 },
    tfjs: {
      wasm: { version: '4.22.0', backend: 'wasm', label: 'wasm (SIMD, 1 thread)', warmupSteps: 5, stepsTimed: 50, secondsPerStep: 0.2, stepsPerEpoch: 469, epochSeconds: 93.8, loss: { first: 2.3, last: 0.6 } },
      cpu: { skipped: 'TF.js cpu cannot train this model: no kernel' },
    },
  };
  return { ...w, ratios: workloadRatios(w) };
}

test('ratios: remedy / PyTorch and TF.js / remedy epoch times, accuracy gap in points', () => {
  const r = mlpReport().ratios;
  assert.equal(r.remedyOverTorch, 9 / 6);
  assert.ok(Math.abs(r.accuracyPointsVsTorch! - 0.5) < 1e-9);
  assert.deepEqual(r.tfjsOverRemedy, { wasm: 93.8 / 9 });
});

test('the workload table shows every framework, notes extrapolation and skips, then the ratios', () => {
  const text = workloadSummary([mlpReport()]);
  const lines = text.split('\n');
  assert.match(lines[0], /^workload\s+framework\s+backend\s+steps\s+epoch s\s+test acc\s+note$/);
  assert.match(text, /mlp\s+remedy\s+wasm \(relaxed SIMD, 2 threads\)\s+469\s+9\.0\s+0\.8500\s+median of 3 epochs/);
  assert.match(text, /PyTorch 1\.13\.0\s+torch_ref\.py --threads 1\s+469\s+6\.0\s+0\.8450/);
  assert.match(text, /TF\.js 4\.22\.0\s+wasm \(SIMD, 1 thread\)\s+469\s+93\.8\s+-\s+extrapolated from 50 steps \(0\.200 s each\)/);
  assert.match(text, /TF\.js\s+cpu\s+-\s+-\s+-\s+TF\.js cpu cannot train this model: no kernel/);
  assert.equal(lines.at(-1), 'mlp: remedy / PyTorch 1.50x, TF.js wasm / remedy 10.4x, test acc remedy - PyTorch +0.50 points');
});

/** The reference's rates as [size, threads, GFLOP/s]. */
function torchMm(corename: string, rates: [number, number, number][]): OpenBlasReference {
  return {
    torch: '1.13.0',
    blas: { library: 'OpenBLAS', corename, config: null },
    rates: rates.map(([size, threads, gflops]) => ({ size, threads, seconds: 0, gflops })),
  };
}

test("matmul: remedy's share of OpenBLAS at the sizes both measured, and the 512 target on 2 threads", () => {
  const rate = (size: number, gflops: number): MatmulResult => ({ label: `square ${size}`, m: size, n: size, k: size, transA: false, transB: false, seconds: (2 * size ** 3) / gflops / 1e9, gflops });
  const results = [rate(512, 30), rate(1024, 40)];
  const openblas = torchMm('SkylakeX', [
    [512, 1, 100],
    [512, 2, 150],
    [1024, 2, 160],
  ]);
  const report: MatmulReport = { backend: 'wasm', results, openblas, shareOfOpenBlas: shareOfOpenBlas(results, openblas) };
  assert.deepEqual(report.shareOfOpenBlas, [
    { size: 512, threads: 1, share: 0.3 },
    { size: 512, threads: 2, share: 0.2 },
    { size: 1024, threads: 2, share: 0.25 },
  ]);
  const text = matmulSummary(report);
  assert.match(text, /square 512\s+512\s+512\s+512\s+8\.948\s+30\.0/);
  assert.match(text, /OpenBLAS SkylakeX kernels/);
  assert.match(text, / 512\s+2\s+150\.0\s+20%/);
  assert.match(text, /target: 512x512 at least 25% of OpenBLAS on 2 threads: 20%, NOT met$/);
  const met = matmulSummary({ ...report, shareOfOpenBlas: [{ size: 512, threads: 2, share: 0.3 }] });
  assert.match(met, /30%, met$/);
});

test('without a reference, the matmul summary says why', () => {
  const text = matmulSummary({ backend: 'wasm', results: [], openblas: { skipped: 'no PyTorch comparison: /nowhere/python3 not found' } });
  assert.match(text, /no PyTorch comparison: \/nowhere\/python3 not found/);
});

test("through the BLAS the targets are 80% of OpenBLAS's 2-thread rate at 512 and at 1024", () => {
  const openblas = torchMm('Cooperlake', [
    [512, 2, 200],
    [1024, 2, 250],
  ]);
  const text = matmulSummary({ backend: 'blas (OpenBLAS 0.3.21, Cooperlake kernels, 2 threads) + wasm', results: [], openblas, shareOfOpenBlas: [
    { size: 512, threads: 2, share: 0.9 },
    { size: 1024, threads: 2, share: 0.7 },
  ] });
  assert.match(text, /^target: 512x512 at least 80% of OpenBLAS on 2 threads: 90%, met$/m);
  assert.match(text, /^target: 1024x1024 at least 80% of OpenBLAS on 2 threads: 70%, NOT met$/m);
});
