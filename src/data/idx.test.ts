import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { loadIdxFolder, parseIdx } from './idx.js';

function idxBytes(dims: number[], values: Uint8Array, typeByte = 0x08): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header[2] = typeByte;
  header[3] = dims.length;
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, values]);
}

/** Images whose pixel k of image i is (7 * i + k) % 256, labels i % 10. */
function split(n: number, rows: number, cols: number): { images: Uint8Array; labels: Uint8Array } {
  const images = Uint8Array.from({ length: n * rows * cols }, (_, j) => {
    const i = Math.floor(j / (rows * cols));
    return (7 * i + (j % (rows * cols))) % 256;
  });
  return { images, labels: Uint8Array.from({ length: n }, (_, i) => i % 10) };
}

function writeFolder(gzip: boolean, files: Record<string, Buffer>): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'remedy-idx-'));
  for (const [name, bytes] of Object.entries(files)) {
    fs.writeFileSync(path.join(folder, gzip ? name + '.gz' : name), gzip ? gzipSync(bytes) : bytes);
  }
  return folder;
}

function standardFiles(trainN: number, testN: number): Record<string, Buffer> {
  const train = split(trainN, 3, 4);
  const test = split(testN, 3, 4);
  return {
    'train-images-idx3-ubyte': idxBytes([trainN, 3, 4], train.images),
    'train-labels-idx1-ubyte': idxBytes([trainN], train.labels),
    't10k-images-idx3-ubyte': idxBytes([testN, 3, 4], test.images),
    't10k-labels-idx1-ubyte': idxBytes([testN], test.labels),
  };
}

for (const gzip of [false, true]) {
  test(`IDX round trip (${gzip ? 'gzipped' : 'raw'})`, async () => {
    const folder = writeFolder(gzip, standardFiles(12, 5));
    const loaded = await loadIdxFolder(folder, true);
    assert.deepEqual(loaded.train.sampleShape, [1, 3, 4]);
    assert.equal(loaded.train.n, 12);
    assert.deepEqual(Array.from(loaded.train.x), Array.from(split(12, 3, 4).images));
    assert.deepEqual(Array.from(loaded.train.y), Array.from(split(12, 3, 4).labels));
    assert.equal(loaded.test?.n, 5);
    assert.deepEqual(Array.from(loaded.test?.y ?? []), [0, 1, 2, 3, 4]);
    assert.equal(loaded.classes, 10);
    assert.equal(loaded.images, true);
  });
}

test('gzip is recognised by its magic bytes, not by the file name', async () => {
  const files = standardFiles(4, 2);
  const folder = writeFolder(false, files);
  const name = path.join(folder, 'train-images-idx3-ubyte');
  fs.writeFileSync(name, gzipSync(files['train-images-idx3-ubyte']));
  const loaded = await loadIdxFolder(folder, true);
  assert.deepEqual(Array.from(loaded.train.x), Array.from(split(4, 3, 4).images));
});

test('a header that claims 2^31 images is refused before anything is allocated', () => {
  const bytes = idxBytes([2 ** 31, 28, 28], new Uint8Array(784 * 3));
  const before = process.memoryUsage().arrayBuffers;
  assert.throws(() => parseIdx(bytes, 3, 'big.idx'), {
    name: 'InputError',
    message: 'big.idx: IDX header says 2147483648 x 28 x 28 = 1683627180032 bytes of data, but the file holds 2352',
  });
  assert.ok(process.memoryUsage().arrayBuffers - before < 1e6);
});

test('a file longer than its header says is refused too: sizes must match exactly', () => {
  assert.throws(() => parseIdx(idxBytes([3], new Uint8Array(4)), 1, 'labels'), {
    message: 'labels: IDX header says 3 = 3 bytes of data, but the file holds 4',
  });
});

test('IDX types and dimensions other than unsigned-byte images and labels are refused', () => {
  assert.throws(() => parseIdx(idxBytes([2, 2, 2], new Uint8Array(32), 0x0d), 3, 'f.idx'), {
    message:
      'f.idx: IDX magic 0x00000d03 (float32, 3-D) is not supported here; expected 0x00000803 (unsigned byte, 3-D)',
  });
  assert.throws(() => parseIdx(idxBytes([2, 2], new Uint8Array(4)), 3, 'two-d'), {
    message:
      'two-d: IDX magic 0x00000802 (unsigned byte, 2-D) is not supported here; expected 0x00000803 (unsigned byte, 3-D)',
  });
  assert.throws(() => parseIdx(Buffer.from('PK\x03\x04rest'), 1, 'zip'), {
    message: 'zip: not an IDX file: magic 0x504b0304, expected 0x00000801',
  });
  assert.throws(() => parseIdx(Buffer.from([0, 0]), 1, 'tiny'), {
    message: 'tiny: too short for an IDX header (2 bytes)',
  });
  assert.throws(() => parseIdx(Buffer.from([0, 0, 8, 3, 0, 0, 0, 1]), 3, 'cut'), {
    message: 'cut: IDX header cut short: 8 of 16 bytes',
  });
});

test('image and label counts must agree', async () => {
  const files = standardFiles(6, 2);
  files['train-labels-idx1-ubyte'] = idxBytes([5], new Uint8Array(5));
  const folder = writeFolder(false, files);
  await assert.rejects(loadIdxFolder(folder, true), {
    name: 'InputError',
    message: `${path.join(folder, 'train-labels-idx1-ubyte')}: holds 5 labels but train-images-idx3-ubyte holds 6 images`,
  });
});

test('classes are 10 unless a label is larger', async () => {
  const files = standardFiles(3, 2);
  files['t10k-labels-idx1-ubyte'] = idxBytes([2], Uint8Array.from([0, 13]));
  assert.equal((await loadIdxFolder(writeFolder(true, files), true)).classes, 14);
});

test('missing folders and files are named in one line', async () => {
  const folder = writeFolder(false, standardFiles(3, 2));
  fs.rmSync(path.join(folder, 't10k-labels-idx1-ubyte'));
  await assert.rejects(loadIdxFolder(folder, true), {
    name: 'InputError',
    message: `${path.join(folder, 't10k-labels-idx1-ubyte')}: no such file (nor t10k-labels-idx1-ubyte.gz)`,
  });
  // Without its test split the same folder loads.
  assert.equal((await loadIdxFolder(folder, false)).test, null);
  const missing = path.join(folder, 'nowhere');
  await assert.rejects(loadIdxFolder(missing, true), { message: `${missing}: no such folder` });
});

test('a corrupt gzip stream is an input error', async () => {
  const folder = writeFolder(false, standardFiles(3, 2));
  const name = path.join(folder, 'train-images-idx3-ubyte');
  fs.writeFileSync(name, gzipSync(fs.readFileSync(name)).subarray(0, 20));
  await assert.rejects(loadIdxFolder(folder, true), (e: Error) => {
    assert.equal(e.name, 'InputError');
    assert.match(e.message, /^.*train-images-idx3-ubyte: starts like gzip but does not decompress: /);
    return true;
  });
});
