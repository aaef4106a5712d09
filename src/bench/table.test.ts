import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatTable } from './table.js';

test('a table: header, rule, columns as wide as their widest cell, numbers right-aligned', () => {
  const text = formatTable(
    [{ header: 'product' }, { header: 'GFLOP/s', align: 'right' }, { header: 'note' }],
    [
      ['square 64', '36.4', ''],
      ['square 1024', '127.0', 'best'],
    ],
  );
  assert.equal(
    text,
    ['product      GFLOP/s  note', '-----------  -------  ----', 'square 64       36.4', 'square 1024    127.0  best'].join('\n'),
  );
});

test('a row of the wrong length is a bug, not a misaligned table', () => {
  assert.throws(() => formatTable([{ header: 'a' }, { header: 'b' }], [['1']]), /1 cells in a table of 2 columns/);
});
