#!/usr/bin/env node
// One epoch of SPEC as a doctor trial trains it: in a worker thread, one wasm thread, one BLAS
// thread (docs/BENCHMARKS.md, the CNN doctor's ceiling). The backend follows REMEDY_BACKEND:
//   REMEDY_BACKEND=blas node tools/trial-epoch.mjs bench/specs/cnn-fashion.json
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

if (isMainThread) {
  const spec = process.argv[2];
  if (spec === undefined) {
    console.error('usage: node tools/trial-epoch.mjs SPEC');
    process.exit(2);
  }
  const thread = new Worker(new URL(import.meta.url), { workerData: spec });
  thread.on('message', (line) => console.log(line));
  thread.on('error', (e) => {
    console.error(e.message);
    process.exitCode = 1;
  });
} else {
  const { Trial } = await import('../dist/doctor/runner.js');
  const { activeBackend } = await import('../dist/backend/select.js');
  const { loadSpec } = await import('../dist/spec/load.js');
  const { originOf } = await import('../dist/train/run.js');
  const spec = loadSpec(workerData);
  const start = performance.now();
  const trial = await Trial.create(spec, originOf(workerData));
  const created = performance.now();
  const state = await trial.train(1);
  const seconds = (from, to) => ((to - from) / 1000).toFixed(2);
  parentPort.postMessage(`${activeBackend()}: data and model ${seconds(start, created)} s, one epoch ${seconds(created, performance.now())} s, training accuracy ${state.trainAcc.toFixed(4)}`);
  trial.release();
  process.exit(0);
}
