/**
 * Fuzzing the IDX reader (fast-check): random bytes, valid files damaged, and headers claiming
 * sizes up to 2^32 per dimension either load or are refused with an InputError naming the file,
 * before anything the size of the claim is allocated.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { test } from 'node:test';
import { InputError } from '../errors.js';
import { assertLoadsOrRefuses, damaged, fuzzOptions } from '../testing/fuzz.js';
import { parseIdx } from './idx.js';

const FILE = 'fuzz-images-idx3-ubyte';

/** An IDX file of unsigned bytes with these dimensions and `data` after the header. */
function idx(dims: number[], data: Uint8Array, type = 0x08): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(out.buffer);
  out[2] = type;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(data, 4 + 4 * dims.length);
  return out;
}

const valid = fc
  .array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 3 })
  .chain((dims) => fc.uint8Array({ minLength: dims.reduce((a, b) => a * b, 1), maxLength: dims.reduce((a, b) => a * b, 1) }).map((data) => idx(dims, data)));
const hugeClaims = fc
  .tuple(fc.array(fc.oneof(fc.nat(8), fc.constantFrom(2 ** 16, 2 ** 31, 2 ** 32 - 1)), { minLength: 1, maxLength: 4 }), fc.uint8Array({ maxLength: 64 }), fc.integer({ min: 0, max: 255 }))
  .map(([dims, data, type]) => idx(dims, data, type));
const bytes = fc.oneof(damaged(valid), hugeClaims, fc.uint8Array({ maxLength: 64 }));

test('random, damaged and oversized IDX files load or are refused naming the file', () => {
  fc.assert(
    fc.property(bytes, fc.integer({ min: 1, max: 3 }), (b, dimCount) => assertLoadsOrRefuses(() => parseIdx(b, dimCount, FILE), FILE)),
    fuzzOptions(),
  );
});

test('a header claiming 2^32 x 2^32 x 2^32 bytes is refused, naming the claim', () => {
  const claim = idx([2 ** 32 - 1, 2 ** 32 - 1, 2 ** 32 - 1], new Uint8Array(8));
  assert.throws(() => parseIdx(claim, 3, FILE), (e) => e instanceof InputError && /fuzz-images-idx3-ubyte: IDX header says 4294967295 x/.test(e.message));
});
