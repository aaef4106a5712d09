/**
 * Image folders built in a temp dir from real digits (mnist-sample) as PNG and JPEG files: read
 * back exactly, in sorted class order, resized on request, refused cleanly when broken, and a
 * small CNN trains on them through the real command.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { encode as encodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';
import { InputError } from '../errors.js';
import { runCli } from '../testing/cli.js';
import { loadImageFolder } from './image-folder.js';
import { loadMnistSample } from './mnist-sample.js';

const SIDE = 28;

/** Grey bytes (or RGB when `rgb` is given, interleaved) as a PNG, through pngjs. */
function png(width: number, height: number, grey: Uint8Array, rgb?: Uint8Array): Buffer {
  const image = new PNG({ width, height });
  for (let p = 0; p < width * height; p++) {
    for (let c = 0; c < 3; c++) image.data[4 * p + c] = rgb ? rgb[3 * p + c] : grey[p];
    image.data[4 * p + 3] = 255;
  }
  return PNG.sync.write(image);
}

function jpeg(grey: Uint8Array): Buffer {
  const data = Buffer.alloc(grey.length * 4);
  grey.forEach((v, p) => data.fill(v, 4 * p, 4 * p + 3).writeUInt8(255, 4 * p + 3));
  return encodeJpeg({ width: SIDE, height: SIDE, data }, 95).data;
}

/** The first `perClass` training digits of each digit class in `classes`. */
async function digits(classes: number[], perClass: number): Promise<Map<number, Uint8Array[]>> {
  const { train } = await loadMnistSample(false);
  const out = new Map(classes.map((c) => [c, [] as Uint8Array[]]));
  for (let i = 0; i < train.n; i++) {
    const list = out.get(train.y[i]);
    if (list && list.length < perClass) list.push(train.x.subarray(i * SIDE * SIDE, (i + 1) * SIDE * SIDE) as Uint8Array);
  }
  return out;
}

function tempFolder(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'remedy-images-'));
}

function write(root: string, relative: string, bytes: Buffer | string): string {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  return file;
}

/** Folders named so that sorting them changes the digit order: seven < three < zero. */
const FOLDERS: [string, number][] = [['zero', 0], ['three', 3], ['seven', 7]];

async function digitFolder(perClass: number, jpegEvery = 0): Promise<string> {
  const root = tempFolder();
  const byDigit = await digits(FOLDERS.map(([, d]) => d), perClass);
  for (const [name, d] of FOLDERS) {
    byDigit.get(d)!.forEach((pixels, i) => {
      const asJpeg = jpegEvery > 0 && i % jpegEvery === 0;
      write(root, `${name}/${String(i).padStart(3, '0')}.${asJpeg ? 'jpg' : 'png'}`, asJpeg ? jpeg(pixels) : png(SIDE, SIDE, pixels));
    });
  }
  return root;
}

test('a folder of PNG digits reads back exactly, labels in sorted folder order, classes mixed', async () => {
  const root = await digitFolder(5);
  write(root, '.DS_Store', 'not an image');
  write(root, 'zero/notes.txt', 'ignored');
  const { data, classNames } = await loadImageFolder(root, {});
  assert.deepEqual(classNames, ['seven', 'three', 'zero']);
  assert.deepEqual(data.sampleShape, [1, SIDE, SIDE]);
  assert.equal(data.n, 15);
  const byDigit = await digits([0, 3, 7], 5);
  const digitOf = [7, 3, 0];
  const features = SIDE * SIDE;
  for (let row = 0; row < data.n; row++) {
    const pixels = data.x.subarray(row * features, (row + 1) * features);
    const source = byDigit.get(digitOf[data.y[row]])!;
    assert.ok(source.some((s) => Buffer.compare(Buffer.from(s), Buffer.from(pixels)) === 0), `row ${row} is none of its class's images`);
  }
  // the fixed shuffle mixes classes: the last rows (the validation split) are not one class
  assert.ok(new Set(data.y.subarray(10)).size > 1);
});

test('RGB images are three planes, channels first; channels: 1 turns them to luma', async () => {
  const root = tempFolder();
  const rgb = Uint8Array.from({ length: 2 * 3 * 3 }, (_, i) => [200, 100, 50][i % 3]);
  write(root, 'a/x.png', png(3, 2, new Uint8Array(6), rgb));
  write(root, 'b/y.png', png(3, 2, new Uint8Array(6).fill(9)));
  const { data } = await loadImageFolder(root, {});
  assert.deepEqual(data.sampleShape, [3, 2, 3]);
  const a = data.y[0] === 0 ? 0 : 1;
  const plane = (c: number) => [...data.x.subarray(a * 18 + c * 6, a * 18 + (c + 1) * 6)];
  assert.deepEqual([plane(0), plane(1), plane(2)], [[200, 200, 200, 200, 200, 200], [100, 100, 100, 100, 100, 100], [50, 50, 50, 50, 50, 50]]);
  const grey = await loadImageFolder(root, { channels: 1 });
  assert.deepEqual(grey.data.sampleShape, [1, 2, 3]);
  // PIL: (200·19595 + 100·38470 + 50·7471 + 32768) >> 16 = 124
  assert.equal(grey.data.x[(grey.data.y[0] === 0 ? 0 : 1) * 6], 124);
});

test('imageSize resizes every image; without it a size mismatch names the file', async () => {
  const root = await digitFolder(2);
  const small = write(root, 'three/small.png', png(14, 14, new Uint8Array(196).fill(255)));
  await assert.rejects(loadImageFolder(root, {}), (e: InputError) => {
    assert.equal(e.file, small);
    assert.match(e.detail, /is 14x14 pixels, but .* is 28x28; set data.imageSize/);
    return true;
  });
  const { data } = await loadImageFolder(root, { imageSize: [14, 14] });
  assert.deepEqual(data.sampleShape, [1, 14, 14]);
  assert.equal(data.n, 7);
  // the white 14x14 image stays white; the digits are resized, not cropped
  assert.ok(data.x.some((v) => v > 0 && v < 255));
});

test('broken folders are refused with the file or folder that is wrong', async () => {
  const cases: [string, (root: string) => string, RegExp][] = [
    ['a truncated PNG', (root) => write(root, 'seven/000.png', png(SIDE, SIDE, new Uint8Array(784).fill(3)).subarray(0, 60)), /not a readable PNG/],
    ['a PNG with a bad checksum', (root) => {
      const bytes = png(SIDE, SIDE, new Uint8Array(784).fill(3));
      bytes[bytes.length - 20] ^= 0xff;
      return write(root, 'seven/000.png', bytes);
    }, /not a readable PNG/],
    ['a truncated JPEG', (root) => write(root, 'seven/000.jpg', jpeg(new Uint8Array(784).fill(99)).subarray(0, 200)), /not a readable JPEG/],
    ['text named .png', (root) => write(root, 'seven/000.png', 'hello'), /neither a PNG nor a JPEG/],
    ['an empty class folder', (root) => {
      fs.mkdirSync(path.join(root, 'four'));
      return path.join(root, 'four');
    }, /no PNG or JPEG files in this class folder/],
  ];
  for (const [what, breakIt, message] of cases) {
    const root = await digitFolder(2);
    const culprit = breakIt(root);
    await assert.rejects(loadImageFolder(root, {}), (e: InputError) => {
      assert.ok(e instanceof InputError, `${what}: ${e}`);
      assert.equal(e.file, culprit, what);
      assert.match(e.detail, message, what);
      return true;
    });
  }
  const flat = tempFolder();
  write(flat, 'a.png', png(2, 2, new Uint8Array(4)));
  await assert.rejects(loadImageFolder(flat, {}), /no class folders: expected a sub-folder per class/);
});

test('remedy train: a small CNN learns a folder of PNG and JPEG digits, with augmentation', async () => {
  const root = await digitFolder(60, 4);
  const spec = write(root, '../' + path.basename(root) + '.json', JSON.stringify({
    data: { source: `images:${path.basename(root)}`, validationSplit: 0.2 },
    model: { layers: [
      { type: 'conv2d', filters: 6, kernel: 3, activation: 'relu' },
      { type: 'maxpool2d', size: 2 },
      { type: 'flatten' },
      { type: 'dense', units: 3 },
    ] },
    optimizer: { type: 'adam', lr: 0.003 },
    augmentation: { rotate: 10, shift: 2 },
    batchSize: 16,
    epochs: 4,
  }));
  const out = path.join(tempFolder(), 'run.json');
  const run = runCli(['train', spec, '--json', out, '--quiet']);
  assert.equal(run.code, 0, run.stderr);
  const history = JSON.parse(fs.readFileSync(out, 'utf8')).history as { valAcc: number }[];
  assert.ok(history.at(-1)!.valAcc > 0.8, `validation accuracy ${history.at(-1)!.valAcc}`);

  fs.writeFileSync(path.join(root, 'three', '000.png'), 'broken');
  const bad = runCli(['train', spec, '--quiet']);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr.trim().split('\n').length, 1, bad.stderr);
  assert.match(bad.stderr, /three\/000\.png: is neither a PNG nor a JPEG image/);
});
