import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { InputError } from '../errors.js';
import {
  encodeSafetensors,
  type NamedTensor,
  parseSafetensors,
  readSafetensors,
  writeSafetensors,
} from './safetensors.js';

const folder = mkdtempSync(join(tmpdir(), 'remedy-safetensors-'));
after(() => rmSync(folder, { recursive: true, force: true }));

/** A file assembled by hand: header length, header text (space-padded to 8 if asked), data. */
function assemble(header: string | object, data: Uint8Array = new Uint8Array(0), padded = false): Uint8Array {
  let text = typeof header === 'string' ? header : JSON.stringify(header);
  if (padded) text = text.padEnd(Math.ceil(text.length / 8) * 8, ' ');
  const json = new TextEncoder().encode(text);
  return withHeaderLength(BigInt(json.length), concat(json, data));
}

function withHeaderLength(length: bigint, rest: Uint8Array): Uint8Array {
  const prefix = new Uint8Array(8);
  new DataView(prefix.buffer).setBigUint64(0, length, true);
  return concat(prefix, rest);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function littleEndian(kind: 'F32' | 'F64', values: number[]): Uint8Array {
  const size = kind === 'F32' ? 4 : 8;
  const view = new DataView(new ArrayBuffer(values.length * size));
  values.forEach((v, i) => {
    if (kind === 'F32') view.setFloat32(i * size, v, true);
    else view.setFloat64(i * size, v, true);
  });
  return new Uint8Array(view.buffer);
}

function assertRefused(bytes: Uint8Array, field: string, detail: RegExp): void {
  assert.throws(
    () => parseSafetensors(bytes, 'w.safetensors'),
    (error: unknown) => {
      assert.ok(error instanceof InputError, `expected an InputError, got ${String(error)}`);
      assert.equal(error.file, 'w.safetensors');
      assert.equal(error.field, field);
      assert.match(error.detail, detail);
      return true;
    },
  );
}

const f32 = (shape: number[], begin: number, end: number) => ({ dtype: 'F32', shape, data_offsets: [begin, end] });

test('round trip keeps names, shapes and every float32 bit', () => {
  const tensors = new Map<string, NamedTensor>([
    ['layers.0.weight', { shape: [2, 3], data: new Float32Array([1, -2, 3.5, 1e-30, NaN, -Infinity]) }],
    ['layers.0.bias', { shape: [3], data: new Float32Array([0.1, -0, 7]) }],
    ['scalar', { shape: [], data: new Float32Array([42]) }],
    ['empty', { shape: [0, 4], data: new Float32Array(0) }],
  ]);
  const path = join(folder, 'round-trip.safetensors');
  writeSafetensors(path, tensors, { format: 'pt' });
  const back = readSafetensors(path);
  assert.deepEqual([...back.keys()].sort(), [...tensors.keys()].sort());
  for (const [name, tensor] of tensors) {
    assert.deepEqual(back.get(name)!.shape, tensor.shape, name);
    assert.deepEqual(new Uint8Array(back.get(name)!.data.buffer), new Uint8Array(tensor.data.buffer), name);
  }
  assert.deepEqual(readdirSync(folder).filter((f) => f.startsWith('.')), []);
});

test('writes the header as Python does: sorted keys, json.dumps spacing, padded with spaces to 8 bytes', () => {
  const bytes = encodeSafetensors({
    b: { shape: [1], data: new Float32Array([2]) },
    a: { shape: [1, 1], data: new Float32Array([1]) },
  });
  const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
  assert.equal(headerLength % 8, 0);
  const header = new TextDecoder().decode(bytes.subarray(8, 8 + headerLength));
  const json =
    '{"a": {"dtype": "F32", "shape": [1, 1], "data_offsets": [0, 4]}, ' +
    '"b": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}';
  assert.equal(header, json.padEnd(headerLength, ' '));
  assert.deepEqual(bytes.subarray(8 + headerLength), littleEndian('F32', [1, 2]));
});

test('encoding into used memory gives the same bytes, there when it is large enough', () => {
  const tensors = { w: { shape: [3], data: new Float32Array([1, -2, 0.5]) } };
  const fresh = encodeSafetensors(tensors, { note: 'x' });
  const used = new ArrayBuffer(fresh.length + 100);
  new Uint8Array(used).fill(0xab);
  const into = encodeSafetensors(tensors, { note: 'x' }, used);
  assert.equal(into.buffer, used);
  assert.deepEqual(into, fresh);
  const small = encodeSafetensors(tensors, { note: 'x' }, new ArrayBuffer(fresh.length - 1));
  assert.deepEqual(small, fresh);
});

test('escapes non-ASCII names as Python json.dumps does, and reads them back', () => {
  const bytes = encodeSafetensors({ 'poids·é': { shape: [1], data: new Float32Array([1]) } });
  assert.match(new TextDecoder().decode(bytes), /"poids\\u00b7\\u00e9"/);
  assert.deepEqual([...parseSafetensors(bytes, 'x').tensors.keys()], ['poids·é']);
});

test('reads a file in Python conventions: metadata, F64 narrowed to float32, regions out of key order', () => {
  const header = {
    __metadata__: { format: 'pt' },
    w: { dtype: 'F32', shape: [1, 2], data_offsets: [16, 24] },
    v: { dtype: 'F64', shape: [2], data_offsets: [0, 16] },
  };
  const data = concat(littleEndian('F64', [0.1, -2.5]), littleEndian('F32', [1.5, 3]));
  for (const padded of [true, false]) {
    const { tensors, metadata } = parseSafetensors(assemble(header, data, padded), 'python.safetensors');
    assert.deepEqual(metadata, { format: 'pt' });
    assert.deepEqual(tensors.get('v'), { shape: [2], data: new Float32Array([Math.fround(0.1), -2.5]) });
    assert.deepEqual(tensors.get('w'), { shape: [1, 2], data: new Float32Array([1.5, 3]) });
    assert.equal(tensors.size, 2);
  }
});

test('reads float32 data that starts at an odd byte offset', () => {
  const bytes = assemble('{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}} ', littleEndian('F32', [1, 2]));
  const dataStart = bytes.length - 8;
  assert.equal(dataStart % 2, 1);
  assert.deepEqual(parseSafetensors(bytes, 'x').tensors.get('a')!.data, new Float32Array([1, 2]));
});

test('refuses a malformed header', () => {
  assertRefused(new Uint8Array([1, 2, 3]), 'header', /3 bytes, too short/);
  const tooLong = /^length 100 is larger than the 10 bytes after it$/;
  assertRefused(withHeaderLength(100n, new Uint8Array(10)), 'header', tooLong);
  assertRefused(assemble('{"a": '), 'header', /not valid JSON/);
  assertRefused(assemble('[1, 2]'), 'header', /not a JSON object/);
  assertRefused(assemble('null'), 'header', /not a JSON object/);
  assertRefused(withHeaderLength(2n, new Uint8Array([0xc3, 0x28])), 'header', /not valid UTF-8/);
  assertRefused(assemble({ __metadata__: { step: 3 } }), '__metadata__', /object of strings/);
});

test('a header length of 2^60 fails at once, without allocating it', () => {
  const started = performance.now();
  assertRefused(withHeaderLength(2n ** 60n, new Uint8Array(8)), 'header', /larger than the 8 bytes/);
  assert.ok(performance.now() - started < 100);
});

test('refuses a malformed tensor entry, naming the tensor', () => {
  const four = new Uint8Array(4);
  const entry = (dtype: string, shape: number[], offsets: number[]) => ({ w: { dtype, shape, data_offsets: offsets } });
  assertRefused(assemble({ w: 3 }), 'w', /must be an object/);
  assertRefused(assemble({ w: { shape: [1], data_offsets: [0, 4] } }, four), 'w', /dtype is missing/);
  assertRefused(assemble(entry('F16', [2], [0, 4]), four), 'w', /^dtype F16 is not supported \(only F32 and F64\)$/);
  assertRefused(assemble(entry('BF16', [2], [0, 4]), four), 'w', /BF16/);
  assertRefused(assemble(entry('I64', [], [0, 8]), four), 'w', /I64/);
  assertRefused(assemble(entry('toString', [1], [0, 4]), four), 'w', /not supported/);
  assertRefused(assemble({ w: { dtype: 'F32', data_offsets: [0, 4] } }, four), 'w', /shape must be/);
  assertRefused(assemble({ w: f32([-1], 0, 4) }, four), 'w', /shape must be/);
  assertRefused(assemble({ w: f32([1.5], 0, 4) }, four), 'w', /shape must be/);
  assertRefused(assemble({ w: f32(['1' as unknown as number], 0, 4) }, four), 'w', /shape must be/);
  assertRefused(assemble({ w: { dtype: 'F32', shape: [1] } }, four), 'w', /data_offsets must be/);
  assertRefused(assemble(entry('F32', [1], [0, 4, 8]), four), 'w', /data_offsets must be/);
  assertRefused(assemble({ w: f32([1], -4, 4) }, four), 'w', /data_offsets must be/);
  assertRefused(assemble({ w: f32([0], 4, 0) }, four), 'w', /end before they begin/);
  assertRefused(assemble({ w: f32([3], 0, 4) }, four), 'w', /needs 12 bytes but data_offsets give 4/);
  assertRefused(assemble({ w: f32([2 ** 40, 2 ** 40], 0, 4) }, four), 'w', /but data_offsets give 4/);
});

test('refuses truncated data, holes, overlaps and trailing bytes', () => {
  const eight = new Uint8Array(8);
  const truncated = /^data ends at byte 16 but the file holds only 8 data bytes \(truncated\?\)$/;
  assertRefused(assemble({ w: f32([4], 0, 16) }, eight), 'w', truncated);
  assertRefused(assemble({ w: f32([1], 0, 4) }), 'w', /truncated/);
  const hole = assemble({ a: f32([1], 0, 4), b: f32([1], 8, 12) }, new Uint8Array(12));
  assertRefused(hole, 'b', /the 4 bytes before its data belong to no tensor/);
  assertRefused(assemble({ a: f32([2], 0, 8), b: f32([1], 4, 8) }, eight), 'b', /overlaps tensor a/);
  assertRefused(assemble({ a: f32([1], 0, 4) }, eight), 'header', /last 4 bytes of data belong to no tensor/);
});

test('reading a missing file or a folder gives a plain InputError', () => {
  const missing = join(folder, 'missing.safetensors');
  const message = `${missing}: cannot read: file does not exist`;
  assert.throws(() => readSafetensors(missing), { name: 'InputError', message });
  const sub = join(folder, 'a-folder');
  mkdirSync(sub);
  assert.throws(() => readSafetensors(sub), { name: 'InputError', message: `${sub}: not a regular file` });
});

test('readSafetensors refuses a bad file on disk with the path as the file', () => {
  const path = join(folder, 'bad.safetensors');
  writeFileSync(path, withHeaderLength(2n ** 60n, new Uint8Array(0)));
  const message = `${path}: header: length ${2n ** 60n} is larger than the 0 bytes after it`;
  assert.throws(() => readSafetensors(path), { name: 'InputError', message });
  assert.equal(readFileSync(path).length, 8);
});

test('writing a tensor whose values do not match its shape is a bug, not an input error', () => {
  assert.throws(
    () => encodeSafetensors({ w: { shape: [2, 2], data: new Float32Array(3) } }),
    (error: unknown) =>
      error instanceof Error && !(error instanceof InputError) && /shape \[2, 2\] but 3 values/.test(error.message),
  );
  assert.throws(() => encodeSafetensors({ __metadata__: { shape: [], data: new Float32Array(1) } }), /reserved/);
});
