/**
 * The data a run trains on, the `data` section of the run spec that chooses it, and the row
 * operations the loading pipeline (load.ts) is made of.
 *
 * Loaders produce `RawDataset`s, whose values are still as the source holds them; only
 * normalization (normalize.ts) turns them into the float32 `Dataset`s that training reads.
 */

/**
 * Samples ready for training: float32 features and integer labels. After normalization both live
 * in shared memory (SharedArrayBuffer), so that trial threads read one copy; a library that takes
 * no shared memory (onnxruntime-node) needs a copy, `x.slice()`.
 */
export interface Dataset {
  /** n samples, row-major, each of `sampleShape`. */
  x: Float32Array;
  /** Integer class labels 0..classes-1. */
  y: Int32Array;
  n: number;
  /** [1, 28, 28] for images (C, H, W), [features] for csv and synthetic sources. */
  sampleShape: number[];
}

/** The spec's `data` object, already validated by the spec schema. */
export interface DataSpec {
  /** "mnist-sample" | "fashion-mnist" | "idx:DIR" | "csv:FILE" | "images:DIR" | "synthetic:circles|blobs|spirals|xor" */
  source: string;
  /** A separate test source ("csv:FILE", "idx:DIR" or "images:DIR"); it replaces the source's own test split. */
  test?: string;
  /** Keep the first N training examples. */
  trainLimit?: number;
  /** Keep the first N test examples. */
  testLimit?: number;
  /** Default 0.1; that share of the (limited) training set, taken from its end. */
  validationSplit?: number;
  /** Default scale01 for image sources, none for csv and synthetic. */
  normalize?: 'none' | 'scale01' | 'standardize';
  /** Default true; read by the trainer, which passes a generator or null to `batches`. */
  shuffle?: boolean;
  /** Synthetic sources: training points (default 2000); half as many test points are drawn too. */
  samples?: number;
  /** Synthetic sources: standard deviation of the Gaussian noise (default 0.1). */
  noise?: number;
  /** Synthetic blobs and spirals: number of classes (default 3). */
  classes?: number;
  /** Overrides the sample shape, e.g. [1, 28, 28] for a CSV of 784 pixels; same element count. */
  inputShape?: number[];
  /** Image folders: [height, width] every image is resized to. */
  imageSize?: [number, number];
  /** Image folders: 1 (grey) or 3 (RGB); default 1 when every image is grey, else 3. */
  channels?: 1 | 3;
}

export interface DataSplits {
  train: Dataset;
  validation: Dataset | null;
  test: Dataset | null;
  classes: number;
  sampleShape: number[];
  source: string;
}

/**
 * Feature values as a loader produced them: bytes for images (exact, and a quarter of the memory
 * of floats, which matters for Fashion-MNIST's 47 million pixels), doubles for parsed or
 * generated numbers, so that standardization sees the same values NumPy would.
 */
export type RawValues = Uint8Array | Float64Array;

export interface RawDataset {
  x: RawValues;
  y: Int32Array;
  n: number;
  sampleShape: number[];
}

/** What a source brings: its training set, its own test set if it has one, and its class count. */
export interface LoadedSource {
  train: RawDataset;
  test: RawDataset | null;
  classes: number;
  /** Image bytes: their default normalization is scale01. */
  images: boolean;
  /** Image folders: the class folders' names, in label order. */
  classNames?: string[];
}

export function featureCount(sampleShape: readonly number[]): number {
  return sampleShape.reduce((product, d) => product * d, 1);
}

/** Largest label + 1 (0 for no labels): the number of classes the labels need. */
export function labelCount(y: Int32Array): number {
  let max = -1;
  for (const label of y) if (label > max) max = label;
  return max + 1;
}

/**
 * The first `limit` rows, or all of them when there are fewer (a limit is a cap, not a demand).
 * Copies, so that a large source's buffer can be freed when only a prefix of it is kept.
 */
export function takeFirst(ds: RawDataset, limit: number | undefined): RawDataset {
  if (limit === undefined || limit >= ds.n) return ds;
  const features = featureCount(ds.sampleShape);
  return {
    x: ds.x.slice(0, limit * features),
    y: ds.y.slice(0, limit),
    n: limit,
    sampleShape: ds.sampleShape,
  };
}

/** Rows [start, end) of `ds` as views that share its storage. */
export function rowRange(ds: Dataset, start: number, end: number): Dataset {
  const features = featureCount(ds.sampleShape);
  return {
    x: ds.x.subarray(start * features, end * features),
    y: ds.y.subarray(start, end),
    n: end - start,
    sampleShape: ds.sampleShape,
  };
}
