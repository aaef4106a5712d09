/** Data for training runs: sources, splits, normalization and mini-batches. */
export type { DataSpec, DataSplits, Dataset } from './dataset.js';
export { loadData, roundHalfEven } from './load.js';
export { loadDataOnce } from './load-once.js';
export type { LoadContext } from './sources.js';
export { fashionMnistFolder } from './sources.js';
export { batches, type Batch } from './batches.js';
export type { Normalization } from './normalize.js';
export { SYNTHETIC_NAMES } from './synthetic.js';
