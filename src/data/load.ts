/**
 * `loadData`: from the spec's `data` section to training, validation and test sets. The order of
 * operations is torch_ref.py's, so that both see the same examples with the same values:
 *
 *   1. load the source, and the separate `test` source when given (it replaces the source's own
 *      test split; csv sources have none otherwise, synthetic ones bring theirs);
 *   2. keep the first `trainLimit` training and `testLimit` test examples (a limit larger than
 *      the data keeps it all);
 *   3. normalize (normalize.ts; default scale01 for image sources, none for csv and synthetic),
 *      with standardize's statistics taken from the training rows kept in step 2;
 *   4. the last round(n * validationSplit) of those rows (default 0.1; rounded half to even, as
 *      Python's round) become the validation set; validation is null when that is 0 rows.
 *
 * The class count is the source's (computed on all its labels, so the model's output size does
 * not depend on `trainLimit`), raised when a separate test set holds a larger label.
 * `inputShape`, when given, replaces the sample shape and must have as many elements.
 */
import { InputError } from '../errors.js';
import {
  featureCount,
  labelCount,
  rowRange,
  takeFirst,
  type DataSpec,
  type DataSplits,
  type Dataset,
} from './dataset.js';
import { normalizer } from './normalize.js';
import { loadSource, loadTestSource, type LoadContext } from './sources.js';
import { allInOrder } from '../util/all-in-order.js';

export async function loadData(spec: DataSpec, ctx: LoadContext): Promise<DataSplits> {
  const imageOption = spec.imageSize !== undefined ? 'imageSize' : spec.channels !== undefined ? 'channels' : null;
  if (imageOption !== null && !spec.source.startsWith('images:') && !spec.test?.startsWith('images:')) {
    throw new InputError('applies to image folders (images:DIR) only', ctx.specFile, `data.${imageOption}`);
  }
  const [loaded, separateTest] = await allInOrder([
    loadSource(spec, ctx, spec.test === undefined),
    spec.test === undefined ? null : loadTestSource(spec, spec.test, ctx),
  ]);
  const [trainClasses, testClasses] = [loaded.classNames, separateTest?.classNames];
  if (trainClasses && testClasses && trainClasses.join('/') !== testClasses.join('/')) {
    // labels come from the sorted folder names: other folders would silently mean other classes
    throw new InputError(`class folders [${testClasses.join(', ')}] differ from the training folder's [${trainClasses.join(', ')}]`, ctx.specFile, 'data.test');
  }
  const features = featureCount(loaded.train.sampleShape);
  const fullTest = separateTest ?? loaded.test;
  if (fullTest && featureCount(fullTest.sampleShape) !== features) {
    throw new InputError(
      `the test set has ${featureCount(fullTest.sampleShape)} features a sample, the training set ${features}`,
      ctx.specFile,
      separateTest ? 'data.test' : 'data.source',
    );
  }
  const classes = Math.max(loaded.classes, separateTest ? labelCount(separateTest.y) : 0);
  const sampleShape = chooseSampleShape(spec.inputShape, features, loaded.train.sampleShape, ctx.specFile);

  const train = takeFirst(loaded.train, spec.trainLimit);
  const test = fullTest && takeFirst(fullTest, spec.testLimit);
  if (train.n === 0) {
    throw spec.trainLimit === 0
      ? new InputError('keeps no training examples; expected at least 1', ctx.specFile, 'data.trainLimit')
      : new InputError('has no training examples', ctx.specFile, 'data.source');
  }

  const how = spec.normalize ?? (loaded.images ? 'scale01' : 'none');
  const normalize = normalizer(how, train);
  const trainAndValidation = withShape(normalize(train), sampleShape);
  const testSet = test && withShape(normalize(test), sampleShape);
  if (how === 'standardize') {
    requireFinite(trainAndValidation, 'training', ctx.specFile);
    if (testSet) requireFinite(testSet, 'test', ctx.specFile);
  }

  const split = spec.validationSplit ?? 0.1;
  const validationCount = roundHalfEven(train.n * split);
  const trainCount = train.n - validationCount;
  if (trainCount < 1) {
    const limited = spec.trainLimit !== undefined ? ` (trainLimit keeps ${train.n})` : '';
    throw new InputError(
      `${split} of ${train.n} training examples${limited} is ${validationCount} for validation, ` +
        'leaving none to train on',
      ctx.specFile,
      'data.validationSplit',
    );
  }
  return {
    train: rowRange(trainAndValidation, 0, trainCount),
    validation: validationCount > 0 ? rowRange(trainAndValidation, trainCount, train.n) : null,
    test: testSet,
    classes,
    sampleShape,
    source: spec.source,
  };
}

/** Python's round(): to the nearest integer, ties to the even one (round(4.5) = 4, round(5.5) = 6). */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (fraction > 0.5) return floor + 1;
  if (fraction < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

function chooseSampleShape(
  inputShape: number[] | undefined,
  features: number,
  sourceShape: number[],
  specFile: string,
): number[] {
  if (inputShape === undefined) return sourceShape;
  const elements = featureCount(inputShape);
  if (elements !== features) {
    throw new InputError(
      `[${inputShape.join(', ')}] has ${elements} elements, but a sample has ${features} features`,
      specFile,
      'data.inputShape',
    );
  }
  return [...inputShape];
}

function withShape(ds: Dataset, sampleShape: number[]): Dataset {
  return { ...ds, sampleShape };
}

/**
 * Standardizing can overflow float32 where a feature is (nearly) constant in the training rows
 * and far off in the test rows: refuse that rather than train or test on Infinity.
 */
function requireFinite(ds: Dataset, split: string, specFile: string): void {
  const index = ds.x.findIndex((v) => !Number.isFinite(v));
  if (index < 0) return;
  const features = featureCount(ds.sampleShape);
  throw new InputError(
    `standardizing gives a non-finite value in feature ${(index % features) + 1} of ` +
      `${split} example ${Math.floor(index / features) + 1}; its training values barely vary`,
    specFile,
    'data.normalize',
  );
}
