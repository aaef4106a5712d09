/**
 * IDX files, the format MNIST and Fashion-MNIST are distributed in: two zero bytes, a type byte
 * (0x08 = unsigned byte), a dimension count, each dimension as a big-endian uint32, then the
 * values. Only what image classification needs is accepted: 3-D unsigned-byte images (magic
 * 0x00000803) and 1-D unsigned-byte labels (magic 0x00000801).
 */
import path from 'node:path';
import { InputError } from '../errors.js';
import { labelCount, type LoadedSource, type RawDataset } from './dataset.js';
import { exists, readDataFile, requireFolder } from './read-file.js';
import { allInOrder } from '../util/all-in-order.js';

const UNSIGNED_BYTE = 0x08;
const TYPE_NAMES: Record<number, string> = {
  0x08: 'unsigned byte',
  0x09: 'signed byte',
  0x0b: 'int16',
  0x0c: 'int32',
  0x0d: 'float32',
  0x0e: 'float64',
};

export interface IdxArray {
  dims: number[];
  /** A view into the parsed buffer: nothing is copied. */
  values: Uint8Array;
}

/**
 * Parses an IDX file of unsigned bytes with `dimCount` dimensions. The data size the header
 * claims must equal the bytes that follow it, and this is checked before anything is allocated,
 * so a corrupt header (say one claiming 2^31 images) is refused instead of asking for gigabytes.
 */
export function parseIdx(bytes: Uint8Array, dimCount: number, file: string): IdxArray {
  const expectedMagic = `0x0000080${dimCount}`;
  if (bytes.length < 4) {
    throw new InputError(`too short for an IDX header (${bytes.length} bytes)`, file);
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw new InputError(`not an IDX file: magic ${hex(bytes)}, expected ${expectedMagic}`, file);
  }
  if (bytes[2] !== UNSIGNED_BYTE || bytes[3] !== dimCount) {
    const type = TYPE_NAMES[bytes[2]] ?? 'unknown type';
    throw new InputError(
      `IDX magic ${hex(bytes)} (${type}, ${bytes[3]}-D) is not supported here; ` +
        `expected ${expectedMagic} (unsigned byte, ${dimCount}-D)`,
      file,
    );
  }
  const headerLength = 4 + 4 * dimCount;
  if (bytes.length < headerLength) {
    throw new InputError(`IDX header cut short: ${bytes.length} of ${headerLength} bytes`, file);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  for (let i = 0; i < dimCount; i++) dims.push(view.getUint32(4 + 4 * i, false));
  // A double holds the product exactly whenever it is near the file's size; when it is too big
  // to be exact it is also too big to be equal.
  const claimed = dims.reduce((product, d) => product * d, 1);
  const available = bytes.length - headerLength;
  if (claimed !== available) {
    throw new InputError(
      `IDX header says ${dims.join(' x ')} = ${claimed} bytes of data, but the file holds ${available}`,
      file,
    );
  }
  return { dims, values: bytes.subarray(headerLength) };
}

/**
 * The `idx:DIR` source (fashion-mnist is one too): `train-images-idx3-ubyte` and
 * `train-labels-idx1-ubyte`, and when `withTest` the `t10k-` pair, each raw or gzipped (`.gz`).
 * Classes: 10, as in MNIST, unless a label is larger (then the largest label + 1).
 */
export async function loadIdxFolder(folder: string, withTest: boolean): Promise<LoadedSource> {
  await requireFolder(folder);
  const [train, test] = await allInOrder([
    readIdxPair(folder, 'train'),
    withTest ? readIdxPair(folder, 't10k') : null,
  ]);
  const classes = Math.max(10, labelCount(train.y), test ? labelCount(test.y) : 0);
  return { train, test, classes, images: true };
}

/** Images and labels of one split; sample shape [1, rows, cols]. */
export async function readIdxPair(folder: string, split: 'train' | 't10k'): Promise<RawDataset> {
  const [imagesFile, labelsFile] = await allInOrder([
    findIdxFile(folder, `${split}-images-idx3-ubyte`),
    findIdxFile(folder, `${split}-labels-idx1-ubyte`),
  ]);
  const [imageBytes, labelBytes] = await allInOrder([readDataFile(imagesFile), readDataFile(labelsFile)]);
  const images = parseIdx(imageBytes, 3, imagesFile);
  const labels = parseIdx(labelBytes, 1, labelsFile);
  const [n, rows, cols] = images.dims;
  if (labels.dims[0] !== n) {
    throw new InputError(
      `holds ${labels.dims[0]} labels but ${path.basename(imagesFile)} holds ${n} images`,
      labelsFile,
    );
  }
  return { x: images.values, y: Int32Array.from(labels.values), n, sampleShape: [1, rows, cols] };
}

/** The raw file if present, else the .gz one; torch_ref.py looks in the same order. */
async function findIdxFile(folder: string, name: string): Promise<string> {
  const raw = path.join(folder, name);
  if (await exists(raw)) return raw;
  if (await exists(raw + '.gz')) return raw + '.gz';
  throw new InputError(`no such file (nor ${name}.gz)`, raw);
}

function hex(bytes: Uint8Array): string {
  return '0x' + Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join('');
}
