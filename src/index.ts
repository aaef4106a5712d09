/**
 * remedy as a library: the same engine the `remedy` command runs.
 *
 *   import { trainerFromFile, doctor } from 'remedy';
 *   const trainer = await trainerFromFile('spec.json');
 *   const result = await trainer.fit();
 *   const report = await doctor('spec.json', { budget: 30 });   // what `remedy doctor --json` writes
 *
 * Tensors are garbage collected: nothing to dispose.
 */
export { Tensor, noGrad, type Shape } from './tensor/tensor.js';
export * as ops from './tensor/ops/index.js';
export { backend, setBackend, type Backend } from './backend/backend.js';
export { referenceBackend } from './backend/reference/index.js';
export { Model } from './nn/model.js';
export { buildModel } from './nn/build.js';
export type { Layer, ForwardContext } from './nn/layer.js';
export { LOSS_BY_NAME, type Loss } from './losses/index.js';
export { Optimizer } from './optim/optimizer.js';
export { optimizerTransform } from './optim/optimizers.js';
export { chain, type GradientTransformation, type State, type StepContext } from './optim/transform.js';
export { loadData, batches, type Dataset, type DataSplits } from './data/index.js';
export { loadSpec, parseSpec } from './spec/load.js';
export { specSchema, type Spec, type SpecInput } from './spec/schema.js';
export { runSpecJsonSchema } from './spec/json-schema.js';
export { readSafetensors, writeSafetensors, type NamedTensor } from './io/safetensors.js';
export { Trainer } from './train/trainer.js';
export { createTrainer, trainerFromFile, originOf } from './train/run.js';
export type { Callback } from './train/callback.js';
export type { EpochRecord, Evaluation, TrainResult } from './train/history.js';
export { doctor, experiment, type DoctorCallOptions } from './library.js';
export type { DoctorJson } from './doctor/doctor-json.js';
export type { ClaimsJson, DuelJson, ExperimentOptions, FaultsJson } from './experiments/experiment-json.js';
export { InputError, RunError } from './errors.js';
export { Random } from './util/random.js';
