import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import { writeFileAtomic } from './atomic.js';
import { fsErrorReason } from './fs-reason.js';

/**
 * Weights files in the safetensors format, so a network initialised or trained in PyTorch can be
 * loaded here and compared tensor by tensor. Layout: an 8-byte little-endian header length N,
 * N bytes of JSON `{name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__"?: {...}}`,
 * then the data, with offsets relative to the start of the data.
 *
 * Reading trusts nothing in the file: every size it claims is checked against the file's real
 * size before anything is allocated, and the data regions must tile the data section exactly
 * (no holes, no overlaps), as the reference Rust reader requires.
 */

/** A tensor as stored in a weights file: PyTorch's row-major layout, in float32. */
export interface NamedTensor {
  shape: number[];
  data: Float32Array;
}

/** Bytes per element of the dtypes we read; F64 (numpy's default) is narrowed to float32. */
const itemSizes = { F32: 4, F64: 8 } as const;
type Dtype = keyof typeof itemSizes;

const metadataKey = '__metadata__';
const headerField = 'header';

/** readFileSync's own limit (2 GiB - 1); checked first so the message can say so plainly. */
const largestReadableFile = 2 ** 31 - 1;

/** Typed arrays use the host's byte order and safetensors is little-endian: big-endian hosts swap. */
const hostIsLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

interface TensorEntry {
  name: string;
  dtype: Dtype;
  shape: number[];
  begin: number;
  end: number;
}

type Refuse = (field: string, detail: string) => InputError;

export function readSafetensors(path: string): Map<string, NamedTensor> {
  return parseSafetensors(readRegularFile(path), path).tensors;
}

/** The tensors and the `__metadata__` strings of a file (checkpoints keep their state there). */
export function readSafetensorsWithMetadata(path: string): SafetensorsContent {
  return parseSafetensors(readRegularFile(path), path);
}

export interface SafetensorsContent {
  tensors: Map<string, NamedTensor>;
  metadata: Record<string, string>;
}

/** Decodes a safetensors file already in memory; `nameForErrors` is the file named in errors. */
export function parseSafetensors(bytes: Uint8Array, nameForErrors: string): SafetensorsContent {
  const refuse: Refuse = (field, detail) => new InputError(detail, nameForErrors, field);
  const { header, dataStart } = readHeader(bytes, refuse);
  const dataLength = bytes.length - dataStart;
  const entries: TensorEntry[] = [];
  let metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(header)) {
    if (name === metadataKey) metadata = checkMetadata(value, refuse);
    else entries.push(describeTensor(name, value, dataLength, refuse));
  }
  checkTiling(entries, dataLength, refuse);
  const tensors = new Map<string, NamedTensor>();
  for (const entry of entries) {
    const region = bytes.subarray(dataStart + entry.begin, dataStart + entry.end);
    tensors.set(entry.name, { shape: entry.shape, data: decode(region, entry.dtype) });
  }
  return { tensors, metadata };
}

/** Writes float32 tensors atomically, so an interrupted save never leaves a torn weights file. */
export function writeSafetensors(
  path: string,
  tensors: Map<string, NamedTensor> | Record<string, NamedTensor>,
  metadata?: Record<string, string>,
): void {
  writeFileAtomic(path, encodeSafetensors(tensors, metadata));
}

/**
 * Encodes tensors as F32 with keys sorted and the header formatted and space-padded to a multiple
 * of 8 bytes exactly as Python's `json.dumps` and tools/torch_ref.py do, so the same
 * weights give byte-identical files here and there (comparable by checksum). The bytes go into
 * the start of `into` when it is large enough: memory used before costs no fresh pages.
 */
export function encodeSafetensors(
  tensors: Map<string, NamedTensor> | Record<string, NamedTensor>,
  metadata?: Record<string, string>,
  into?: ArrayBufferLike,
): Uint8Array {
  const named = (tensors instanceof Map ? [...tensors] : Object.entries(tensors)).sort(byName);
  const headerParts: string[] = [];
  if (metadata !== undefined) {
    const pairs = Object.entries(metadata)
      .sort(byName)
      .map(([key, value]) => `${pythonJsonString(key)}: ${pythonJsonString(value)}`);
    headerParts.push(`${pythonJsonString(metadataKey)}: {${pairs.join(', ')}}`);
  }
  let dataLength = 0;
  for (const [name, { shape, data }] of named) {
    checkWritable(name, shape, data);
    const begin = dataLength;
    dataLength += data.byteLength;
    const shapeText = `[${shape.join(', ')}]`;
    const offsetsText = `[${begin}, ${dataLength}]`;
    const entry = `{"dtype": "F32", "shape": ${shapeText}, "data_offsets": ${offsetsText}}`;
    headerParts.push(`${pythonJsonString(name)}: ${entry}`);
  }
  const json = new TextEncoder().encode(`{${headerParts.join(', ')}}`);
  const headerLength = Math.ceil(json.length / 8) * 8;
  const dataStart = 8 + headerLength;
  const size = dataStart + dataLength;
  // every byte is written below, so memory used before needs no clearing
  const out = into !== undefined && into.byteLength >= size ? new Uint8Array(into, 0, size) : new Uint8Array(size);
  new DataView(out.buffer, 0, 8).setBigUint64(0, BigInt(headerLength), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, dataStart);
  let offset = dataStart;
  for (const [, { data }] of named) {
    out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), offset);
    if (!hostIsLittleEndian) Buffer.from(out.buffer, offset, data.byteLength).swap32();
    offset += data.byteLength;
  }
  return out;
}

/** Sorts entries by name as Python's `sorted` does for ASCII names (by code unit). */
function byName([a]: [string, unknown], [b]: [string, unknown]): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A JSON string as Python's `json.dumps` writes it: non-ASCII characters escaped as \uXXXX. */
function pythonJsonString(text: string): string {
  const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  return JSON.stringify(text).replace(/[\u0080-\uffff]/g, escape);
}

/** A tensor that does not match its own shape is a bug in the caller, not bad input. */
function checkWritable(name: string, shape: number[], data: Float32Array): void {
  if (name === metadataKey) throw new Error(`safetensors: "${metadataKey}" is reserved, not a tensor name`);
  if (!shape.every(isCount) || shape.reduce((a, b) => a * b, 1) !== data.length) {
    throw new Error(`safetensors: tensor ${name} has shape [${shape.join(', ')}] but ${data.length} values`);
  }
}

function readRegularFile(path: string): Uint8Array {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new InputError('not a regular file', path);
    if (stats.size > largestReadableFile) {
      throw new InputError(`file is ${stats.size} bytes; weights files over 2 GiB are not supported`, path);
    }
    return readFileSync(fd);
  } catch (error) {
    const reason = fsErrorReason(error, 'file does not exist');
    if (reason === undefined) throw error;
    throw new InputError(`cannot read: ${reason}`, path);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function readHeader(bytes: Uint8Array, refuse: Refuse): { header: Record<string, unknown>; dataStart: number } {
  if (bytes.length < 8) {
    throw refuse(headerField, `file is ${bytes.length} bytes, too short to hold the 8-byte header length`);
  }
  const claimed = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (claimed > BigInt(bytes.length - 8)) {
    throw refuse(headerField, `length ${claimed} is larger than the ${bytes.length - 8} bytes after it`);
  }
  const dataStart = 8 + Number(claimed);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, dataStart));
  } catch {
    throw refuse(headerField, 'not valid UTF-8');
  }
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (error) {
    throw refuse(headerField, `not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(header)) throw refuse(headerField, 'not a JSON object');
  return { header, dataStart };
}

function checkMetadata(value: unknown, refuse: Refuse): Record<string, string> {
  if (!isObject(value) || !Object.values(value).every((v) => typeof v === 'string')) {
    throw refuse(metadataKey, 'must be an object of strings');
  }
  return value as Record<string, string>;
}

function describeTensor(name: string, value: unknown, dataLength: number, refuse: Refuse): TensorEntry {
  if (!isObject(value)) throw refuse(name, 'must be an object with dtype, shape and data_offsets');
  const { dtype, shape, data_offsets: offsets } = value;
  if (typeof dtype !== 'string') throw refuse(name, 'dtype is missing or not a string');
  if (!isDtype(dtype)) throw refuse(name, `dtype ${dtype} is not supported (only F32 and F64)`);
  if (!Array.isArray(shape) || !shape.every(isCount)) {
    throw refuse(name, 'shape must be a list of non-negative integers');
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount)) {
    throw refuse(name, 'data_offsets must be [begin, end], two non-negative integers');
  }
  const [begin, end] = offsets as [number, number];
  if (begin > end) throw refuse(name, `data_offsets [${begin}, ${end}] end before they begin`);
  if (end > dataLength) {
    throw refuse(name, `data ends at byte ${end} but the file holds only ${dataLength} data bytes (truncated?)`);
  }
  const byteLength = shape.reduce((a: number, b: number) => a * b, 1) * itemSizes[dtype];
  if (byteLength !== end - begin) {
    const needs = `shape [${shape.join(', ')}] of ${dtype} needs ${byteLength} bytes`;
    throw refuse(name, `${needs} but data_offsets give ${end - begin}`);
  }
  return { name, dtype, shape, begin, end };
}

/** A valid file's regions cover the data exactly once; anything else means a corrupt header. */
function checkTiling(entries: TensorEntry[], dataLength: number, refuse: Refuse): void {
  const ordered = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let covered = 0;
  let previous = '';
  for (const entry of ordered) {
    if (entry.begin < covered) throw refuse(entry.name, `data overlaps tensor ${previous}`);
    if (entry.begin > covered) {
      throw refuse(entry.name, `the ${entry.begin - covered} bytes before its data belong to no tensor`);
    }
    covered = entry.end;
    previous = entry.name;
  }
  if (covered !== dataLength) {
    throw refuse(headerField, `the last ${dataLength - covered} bytes of data belong to no tensor`);
  }
}

function decode(region: Uint8Array, dtype: Dtype): Float32Array {
  const copy = new Uint8Array(region); // owns its buffer, aligned at 0
  if (dtype === 'F32') {
    if (!hostIsLittleEndian) Buffer.from(copy.buffer).swap32();
    return new Float32Array(copy.buffer);
  }
  if (!hostIsLittleEndian) Buffer.from(copy.buffer).swap64();
  return new Float32Array(new Float64Array(copy.buffer));
}

function isDtype(dtype: string): dtype is Dtype {
  return Object.hasOwn(itemSizes, dtype);
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
