/**
 * remedy against PyTorch float64, from the golden files that tools/golden/make_goldens.py writes
 * (llm.c's way: the reference writes its numbers once, the tests read them; torch not needed).
 * For every case: the first batch's output, loss and gradients, and the parameter UPDATE after
 * every epoch (params now − params at the start), each within 5e-4 relative error, on every
 * backend: the fast one must agree with PyTorch as the reference does.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import { BACKENDS, useBackend } from './backend/select.js';
import type { DataSplits } from './data/index.js';
import { parseSpec } from './spec/load.js';
import { Trainer } from './train/trainer.js';
import { Tensor } from './tensor/tensor.js';
import { difference, relativeError } from './testing/compare.js';
import { repoPath } from './testing/paths.js';

const TOLERANCE = 5e-4;
/**
 * Float32 noise on values that are zero in exact arithmetic (the gradient of a bias right
 * before batchnorm, say) makes a relative error meaningless; below this RMS per element the
 * difference counts as zero, as torch.testing's atol does.
 */
const ABSOLUTE_FLOOR = 1e-6;

interface Stored {
  shape: number[];
  data: number[];
}

interface GoldenCase {
  name: string;
  spec: unknown;
  inputShape: number[];
  classes: number;
  epochs: number;
  x: number[];
  y: number[];
  init: Record<string, Stored>;
  firstStep: { output: number[]; loss: number; grads: Record<string, Stored> };
  afterEpoch: Record<string, Stored>[];
  evalOutput: number[];
}

function trainerFor(c: GoldenCase): Trainer {
  const n = c.y.length;
  const train = { x: Float32Array.from(c.x), y: Int32Array.from(c.y), n, sampleShape: c.inputShape };
  const data: DataSplits = { train, validation: null, test: null, classes: c.classes, sampleShape: c.inputShape, source: 'golden' };
  const trainer = new Trainer(parseSpec(c.spec, c.name), data, c.name);
  const init = new Map(Object.entries(c.init).map(([k, v]) => [k, { shape: v.shape, data: Float32Array.from(v.data) }]));
  trainer.model.loadStateDict(init, c.name);
  return trainer;
}

function assertClose(what: string, actual: ArrayLike<number>, expected: ArrayLike<number>): void {
  const err = relativeError(actual, expected);
  if (err < TOLERANCE) return;
  const rms = Math.sqrt(difference(actual, expected).reduce((s, d) => s + d * d, 0) / expected.length);
  assert.ok(rms < ABSOLUTE_FLOOR, `${what}: relative error ${err.toExponential(2)} ≥ ${TOLERANCE} (RMS difference ${rms.toExponential(2)})`);
}

for (const backendName of BACKENDS) {
  for (const group of ['layers', 'losses', 'optimizers', 'regularization']) {
    const file = JSON.parse(readFileSync(repoPath(`test/golden/${group}.json`), 'utf8')) as { cases: GoldenCase[] };
    describe(`golden ${group} (PyTorch float64) on the ${backendName} backend`, () => {
      before(() => useBackend(backendName));
      for (const c of file.cases) test(c.name, () => checkCase(c));
    });
  }
}

async function checkCase(c: GoldenCase): Promise<void> {
  const first = trainerFor(c);
  const batch = first.spec.batchSize;
  const features = c.inputShape.reduce((a, b) => a * b, 1);
  const x = new Tensor(Float32Array.from(c.x.slice(0, batch * features)), [batch, ...c.inputShape]);
  const { out, fused } = first.forward(x, true);
  assertClose('output', out.data, c.firstStep.output);
  const loss = first.loss.compute(out, Int32Array.from(c.y.slice(0, batch)), fused);
  assert.ok(Math.abs(loss.item() - c.firstStep.loss) <= TOLERANCE * Math.abs(c.firstStep.loss), `loss ${loss.item()} vs ${c.firstStep.loss}`);
  loss.backward();
  for (const [name, p] of first.model.parameters()) assertClose(`grad ${name}`, p.grad!.data, c.firstStep.grads[name].data);

  const trainer = trainerFor(c);
  for (let epoch = 0; epoch < c.epochs; epoch++) {
    await trainer.trainEpoch();
    for (const [name, t] of trainer.model.stateDict()) {
      const start = c.init[name].data;
      const expected = c.afterEpoch[epoch][name].data;
      assertClose(`epoch ${epoch + 1} update of ${name}`, difference(t.data, start), difference(expected, start));
    }
  }
  const evalOut = trainer.predict(new Tensor(Float32Array.from(c.x), [c.y.length, ...c.inputShape]));
  assertClose('evaluation output', evalOut.data, c.evalOutput);
}
