import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { loadCsv, parseCsv } from './csv.js';

test('a CSV without a header: label first, then the features', () => {
  const ds = parseCsv('1,0.5,2\n0,-3,4e-1\n', 'a.csv');
  assert.equal(ds.n, 2);
  assert.deepEqual(ds.sampleShape, [2]);
  assert.deepEqual(Array.from(ds.y), [1, 0]);
  assert.deepEqual(Array.from(ds.x), [0.5, 2, -3, 0.4]);
});

test('a header is detected and skipped', () => {
  const ds = parseCsv('label,a,b\n1,2,3\n0,4,5\n', 'a.csv');
  assert.deepEqual(Array.from(ds.y), [1, 0]);
  assert.deepEqual(Array.from(ds.x), [2, 3, 4, 5]);
  // A first row whose label is not an integer cannot be data either.
  assert.equal(parseCsv('0.5,1,2\n1,2,3\n', 'a.csv').n, 1);
});

test('CRLF line ends, a byte-order mark, blank lines and NumPy-style labels are accepted', () => {
  const ds = parseCsv('\uFEFF1.000000000000000000e+00, 2 ,3\r\n\r\n2,4,5\r\n', 'a.csv');
  assert.deepEqual(Array.from(ds.y), [1, 2]);
  assert.deepEqual(Array.from(ds.x), [2, 3, 4, 5]);
});

test('a gzipped CSV file loads', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'remedy-csv-')), 'data.csv.gz');
  fs.writeFileSync(file, gzipSync('3,1,2\n'));
  assert.deepEqual(Array.from((await loadCsv(file)).y), [3]);
});

const errors: [string, string, string][] = [
  ['non-numeric cell', 'x,a,b\n1,2,3\n0,abc,4\n', 'row 3, column 2: expected a number, found "abc"'],
  ['empty cell', '1,2,3\n0,4,\n', 'row 2, column 3: expected a number, found an empty cell'],
  ['NaN', '1,2,3\n0,NaN,4\n', 'row 2, column 2: found "NaN"; values must be finite'],
  ['NaN in the first row', '1,2,nan\n', 'row 1, column 3: found "nan"; values must be finite'],
  ['Infinity', '1,2,3\n0,4,-Infinity\n', 'row 2, column 3: found "-Infinity"; values must be finite'],
  ['beyond float32', '1,2,3\n0,4,1e39\n', 'row 2, column 3: found "1e39", too large for float32'],
  ['negative label', '1,2,3\n-1,4,5\n', 'row 2, column 1: label must be a non-negative integer, found "-1"'],
  ['negative label in the first row', '-1,4,5\n', 'row 1, column 1: label must be a non-negative integer, found "-1"'],
  ['fractional label', '1,2,3\n1.5,4,5\n', 'row 2, column 1: label must be a non-negative integer, found "1.5"'],
  ['text label', '1,2,3\ncat,4,5\n', 'row 2, column 1: label must be a non-negative integer, found "cat"'],
  ['too few columns', 'y,a,b\n1,2,3\n\n1,2\n', 'row 4, column 3: expected 3 columns as in row 1, found 2'],
  ['too many columns', '1,2,3\n1,2,3,4\n', 'row 2, column 4: expected 3 columns as in row 1, found 4'],
  ['a label without features', '1\n2\n', 'row 1, column 2: missing: a row needs a label and at least one feature'],
  ['an empty file', '', 'empty file; expected rows of "label,feature,feature,..."'],
  ['only blank lines', '\n \n', 'empty file; expected rows of "label,feature,feature,..."'],
  ['only a header', 'label,a\n', 'has a header but no data rows'],
];

for (const [what, text, message] of errors) {
  test(`CSV error: ${what}`, () => {
    assert.throws(() => parseCsv(text, 'bad.csv'), { name: 'InputError', message: `bad.csv: ${message}` });
  });
}

test('a missing CSV file is named in one line', async () => {
  const file = path.join(os.tmpdir(), 'remedy-no-such-dir', 'train.csv');
  await assert.rejects(loadCsv(file), { name: 'InputError', message: `${file}: no such file` });
  await assert.rejects(loadCsv(os.tmpdir()), { message: `${os.tmpdir()}: is a folder` });
});
