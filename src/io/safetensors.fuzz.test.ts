/**
 * Fuzzing the safetensors reader (fast-check): random bytes, valid files damaged, headers of
 * random JSON, wrong dtypes and shapes, and header or data sizes claiming up to 2^64 bytes either
 * load or are refused with an InputError naming the file, before the claim is allocated.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { test } from 'node:test';
import { InputError } from '../errors.js';
import { assertLoadsOrRefuses, claimedSize, damaged, fuzzOptions, oddText } from '../testing/fuzz.js';
import { encodeSafetensors, parseSafetensors } from './safetensors.js';

const FILE = 'fuzz.safetensors';

const tensor = fc
  .array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 })
  .chain((shape) => {
    const n = shape.reduce((a, b) => a * b, 1);
    return fc.float32Array({ minLength: n, maxLength: n }).map((data) => ({ shape, data }));
  });
const valid = fc
  .tuple(fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), oddText), tensor, { maxKeys: 4 }), fc.option(fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 })))
  .map(([tensors, metadata]) => {
    delete tensors.__metadata__;
    return encodeSafetensors(tensors, metadata ?? undefined);
  });

/** A file whose header is `header` (JSON text) followed by `data`. */
function withHeader(header: string, data: Uint8Array, claimed?: bigint): Uint8Array {
  const json = new TextEncoder().encode(header);
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, claimed ?? BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

const entry = fc.record(
  {
    dtype: fc.oneof(fc.constantFrom('F32', 'F64', 'F16', 'BF16', 'I64', 'U8', 'f32', ''), oddText, fc.jsonValue({ maxDepth: 1 })),
    shape: fc.oneof(fc.array(claimedSize, { maxLength: 4 }), fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }), fc.jsonValue({ maxDepth: 2 })),
    data_offsets: fc.oneof(fc.tuple(claimedSize, claimedSize), fc.array(fc.oneof(fc.double(), fc.integer()), { maxLength: 3 }), fc.jsonValue({ maxDepth: 1 })),
  },
  { requiredKeys: [] },
);
const header = fc.oneof(
  fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constant('__metadata__')), fc.oneof(entry, fc.jsonValue({ maxDepth: 3 })), { maxKeys: 4 }).map((h) => JSON.stringify(h)),
  fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)),
  fc.nat(20_000).map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
  oddText,
);
const bytes = fc.oneof(
  damaged(valid),
  fc.tuple(header, fc.uint8Array({ maxLength: 64 })).map(([h, d]) => withHeader(h, d)),
  fc.tuple(header, fc.uint8Array({ maxLength: 16 }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })).map(([h, d, c]) => withHeader(h, d, c)),
  fc.uint8Array({ maxLength: 64 }),
);

test('random, damaged and lying safetensors files load or are refused naming the file', () => {
  fc.assert(
    fc.property(bytes, (b) => assertLoadsOrRefuses(() => parseSafetensors(b, FILE), FILE)),
    fuzzOptions(),
  );
});

test('a header claiming 2^40 bytes, or a tensor claiming 2^40 bytes of data, is refused without allocating it', () => {
  const big = withHeader('{}', new Uint8Array(8), 2n ** 40n);
  assert.throws(() => parseSafetensors(big, FILE), (e) => e instanceof InputError && /fuzz\.safetensors: header: length 1099511627776 is larger/.test(e.message));
  const claim = withHeader(JSON.stringify({ w: { dtype: 'F32', shape: [2 ** 19, 2 ** 19], data_offsets: [0, 2 ** 40] } }), new Uint8Array(8));
  assert.throws(() => parseSafetensors(claim, FILE), (e) => e instanceof InputError && /fuzz\.safetensors: w: data ends at byte 1099511627776/.test(e.message));
});
