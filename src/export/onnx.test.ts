/**
 * The exported files run in the real runtime (onnxruntime-node, CPU) and give remedy's own
 * evaluation-mode outputs on the test set: max difference below 1e-4 and the same predicted
 * class for every example, for the e2e MLP and CNN and for a network with every layer type.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as ort from 'onnxruntime-node';
import type { Dataset } from '../data/dataset.js';
import { ACTIVATIONS } from '../nn/activation.js';
import { buildModel } from '../nn/build.js';
import type { Model } from '../nn/model.js';
import { loadSpec, parseSpec } from '../spec/load.js';
import type { SpecInput } from '../spec/schema.js';
import { noGrad, Tensor } from '../tensor/tensor.js';
import { repoPath } from '../testing/paths.js';
import { createTrainer, originOf } from '../train/run.js';
import { argmax } from '../train/trainer.js';
import { Random } from '../util/random.js';
import { onnxModelBytes } from './onnx.js';
import { onnxGraph } from './onnx-graph.js';

/**
 * Runs the exported model on `ds` in onnxruntime and compares with the model's own output in
 * evaluation mode (what `Trainer.predict` computes).
 */
async function compareWithRuntime(model: Model, ds: Dataset): Promise<ort.InferenceSession> {
  const session = await ort.InferenceSession.create(onnxModelBytes(model));
  const shape = [ds.n, ...ds.sampleShape];
  // a copy: onnxruntime-node refuses arrays in shared memory, where remedy's datasets live
  const { output } = await session.run({ input: new ort.Tensor('float32', ds.x.slice(), shape) });
  const ours = noGrad(() => model.forward(new Tensor(ds.x, shape), { training: false, rng: new Random(0) }));
  assert.deepEqual(output.dims, ours.shape);
  const theirs = output.data as Float32Array;
  let maxDiff = 0;
  for (let i = 0; i < theirs.length; i++) maxDiff = Math.max(maxDiff, Math.abs(theirs[i] - ours.data[i]));
  assert.ok(maxDiff < 1e-4, `max difference ${maxDiff.toExponential(2)}`);
  const classes = ours.shape[1];
  for (let r = 0; r < ds.n; r++) {
    assert.equal(argmax(theirs, r * classes, classes), argmax(ours.data, r * classes, classes), `example ${r}: predicted classes differ`);
  }
  return session;
}

for (const name of ['mlp', 'cnn']) {
  test(`test/e2e/${name}.json with its trained weights runs in onnxruntime as in remedy on the 2,004 test digits`, async () => {
    // the e2e CSV has no test split: the same network on the embedded digits' test set
    const spec = loadSpec(repoPath(`test/e2e/${name}.json`));
    const trainer = await createTrainer({ ...spec, data: { ...spec.data, source: 'mnist-sample' } }, originOf('e2e.json'), repoPath(`test/e2e/${name}.torch.safetensors`));
    const session = await compareWithRuntime(trainer.model, trainer.data.test!);
    const [input] = session.inputMetadata;
    assert.equal(input.name, 'input');
    assert.ok(input.isTensor);
    assert.deepEqual(input.shape, ['batch', ...trainer.data.sampleShape], 'the batch dimension is symbolic');
    assert.deepEqual(session.outputNames, ['output']);
  });
}

const everyLayer: SpecInput = {
  seed: 4,
  data: { source: 'mnist-sample', trainLimit: 300, testLimit: 200 },
  model: {
    layers: [
      { type: 'conv2d', filters: 4, kernel: 3, padding: 'same', activation: 'leaky_relu' },
      { type: 'batchnorm' },
      { type: 'activation', fn: 'elu', alpha: 0.5 },
      { type: 'maxpool2d', size: 2 },
      { type: 'conv2d', filters: 6, kernel: 3, stride: 2, activation: 'selu' },
      { type: 'dropout', rate: 0.3, mode: 'classic' },
      { type: 'flatten' },
      { type: 'dense', units: 32, activation: 'softplus' },
      { type: 'batchnorm' },
      { type: 'dropout', rate: 0.2 },
      { type: 'maxout', units: 16, pieces: 3 },
      { type: 'activation', fn: 'leaky_relu', alpha: 0.2 },
      { type: 'dense', units: 16, activation: 'tanh' },
      { type: 'dense', units: 10 },
      { type: 'activation', fn: 'softmax' },
    ],
  },
  optimizer: { type: 'adam', lr: 0.01 },
  batchSize: 50,
  epochs: 1,
};

test('a network with every layer type, trained one epoch, runs in onnxruntime as in remedy', async () => {
  const trainer = await createTrainer(parseSpec(everyLayer), originOf('every-layer.json'));
  await trainer.fit();
  // one epoch moved the batchnorm statistics away from their start (mean 0, variance 1)
  assert.ok(trainer.model.stateDict().get('layers.1.running_mean')!.data.some((v) => v !== 0));
  await compareWithRuntime(trainer.model, trainer.data.test!);
  const ops = new Set(onnxGraph(trainer.model).nodes.map((n) => n.opType));
  const expected = ['Conv', 'BatchNormalization', 'MaxPool', 'Mul', 'Flatten', 'Gemm', 'Identity', 'Reshape', 'ReduceMax'];
  const activations = ['LeakyRelu', 'Elu', 'Selu', 'Softplus', 'Tanh', 'Softmax'];
  assert.deepEqual([...ops].sort(), [...expected, ...activations].sort());
});

// each activation on its own, where no later layer can hide a wrong constant
for (const [fn, alpha] of [...ACTIVATIONS.map((a) => [a, undefined] as const), ['leaky_relu', 0.3], ['elu', 0.7]] as const) {
  test(`activation ${fn}${alpha === undefined ? '' : ` (alpha ${alpha})`} runs in onnxruntime as in remedy`, async () => {
    const spec = parseSpec({ data: { source: 'mnist-sample' }, model: { layers: [{ type: 'dense', units: 10 }, { type: 'activation', fn, alpha }] }, optimizer: { type: 'sgd' } });
    const rng = new Random(1);
    const ds = { n: 100, sampleShape: [20], x: Float32Array.from({ length: 2000 }, () => 3 * rng.normal()), y: new Int32Array(100) };
    await compareWithRuntime(buildModel(spec, ds.sampleShape, 10, 'spec.json'), ds);
  });
}

test('classic dropout is exported as its test-time scaling ×(1 − p), inverted dropout as the identity', () => {
  const layers = [{ type: 'dense', units: 10 }, { type: 'dropout', rate: 0.25, mode: 'classic' }, { type: 'dropout', rate: 0.25 }];
  const graph = onnxGraph(buildModel(parseSpec({ data: { source: 'mnist-sample' }, model: { layers }, optimizer: { type: 'sgd' } }), [4], 10, 'spec.json'));
  const [, classic, inverted] = graph.nodes;
  assert.equal(classic.opType, 'Mul');
  assert.deepEqual(graph.initializers.find((t) => t.name === classic.input[1])!.floatData, new Float32Array([0.75]));
  assert.equal(inverted.opType, 'Identity');
  assert.deepEqual(inverted.output, ['output']);
});

test('a network of no op at all (a linear activation layer) exports the identity', async () => {
  const spec = parseSpec({ data: { source: 'mnist-sample' }, model: { layers: [{ type: 'activation', fn: 'linear' }] }, optimizer: { type: 'sgd' } });
  const model = buildModel(spec, [10], 10, 'spec.json');
  assert.deepEqual(onnxGraph(model).nodes.map((n) => n.opType), ['Identity']);
  await compareWithRuntime(model, { n: 2, sampleShape: [10], x: Float32Array.from({ length: 20 }, (_, i) => i - 7), y: new Int32Array(2) });
});
