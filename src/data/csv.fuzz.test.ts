/**
 * Fuzzing the CSV reader (fast-check): random and damaged tables, gzipped or not, either load or
 * are refused with an InputError naming the file, and never allocate beyond what the text backs.
 */
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { test } from 'node:test';
import { InputError } from '../errors.js';
import { assertLoadsOrRefuses, assertLoadsOrRefusesAsync, damaged, fuzzOptions, oddText } from '../testing/fuzz.js';
import { parseCsv } from './csv.js';
import { decompressIfGzip } from './read-file.js';

const FILE = 'fuzz.csv';

const cell = fc.oneof(
  fc.integer({ min: -3, max: 12 }).map(String),
  fc.double().map(String),
  fc.constantFrom('', ' ', 'NaN', '-inf', 'Infinity', '1e999', '-0', '.5', '5.', '1e-400', '0x1F', '1_000', '"1"', 'label'),
  oddText,
);
const table = fc
  .tuple(fc.array(fc.array(cell, { minLength: 0, maxLength: 8 }), { maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'))
  .map(([rows, eol]) => rows.map((r) => r.join(',')).join(eol));
const regular = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 10 }))
  .chain(([features, rows]) => fc.array(fc.tuple(fc.nat(9), fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: features, maxLength: features })), { minLength: rows, maxLength: rows }))
  .map((rows) => rows.map(([label, xs]) => [label, ...xs].join(',')).join('\n'));
const bytes = fc.oneof(
  table.map((t) => new TextEncoder().encode(t)),
  damaged(regular.map((t) => new TextEncoder().encode(t))),
  fc.uint8Array({ maxLength: 200 }),
);

test('random and damaged CSV text loads or is refused naming the file', () => {
  fc.assert(
    fc.property(bytes, (b) => assertLoadsOrRefuses(() => parseCsv(Buffer.from(b).toString('utf8'), FILE), FILE)),
    fuzzOptions(),
  );
});

test('gzipped CSV, whole or damaged, decompresses and loads or is refused naming the file', async () => {
  await fc.assert(
    fc.asyncProperty(damaged(regular.map((t) => new Uint8Array(gzipSync(t)))), (gz) =>
      assertLoadsOrRefusesAsync(async () => parseCsv((await decompressIfGzip(Buffer.from(gz), FILE)).toString('utf8'), FILE), FILE),
    ),
    fuzzOptions(),
  );
});

test('a wide first row over many blank lines is read without allocating rows × columns', () => {
  // found by fuzzing: 100,000 columns and 200,000 blank lines asked for 2·10^10 doubles
  assert.throws(() => parseCsv(','.repeat(100_000) + '\n'.repeat(200_000), FILE), (e) => e instanceof InputError && e.message.includes(FILE));
});

test('a gzip stream that expands beyond the limit is refused before it is inflated', async () => {
  const bomb = gzipSync(Buffer.alloc(2 ** 20));
  await assert.rejects(decompressIfGzip(bomb, FILE, 2 ** 16), (e) => e instanceof InputError && /fuzz\.csv: decompresses to more than 65536 bytes/.test(e.message));
  assert.equal((await decompressIfGzip(bomb, FILE, 2 ** 20)).length, 2 ** 20);
});
