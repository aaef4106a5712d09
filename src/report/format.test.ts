import assert from 'node:assert/strict';
import { test } from 'node:test';
import { duration, percent, plottable, significant } from './format.js';

test('percent shows two decimals, and a dash for a missing or broken value', () => {
  assert.equal(percent(0.93125), '93.13%');
  assert.equal(percent(1), '100.00%');
  assert.equal(percent(null), '—');
  assert.equal(percent(NaN), '—');
});

test('duration reads naturally from milliseconds to minutes', () => {
  assert.equal(duration(0.01234), '0.012 s');
  assert.equal(duration(12.34), '12.3 s');
  assert.equal(duration(125.4), '2 min 05 s');
});

test('significant and plottable keep a diverged value visible in text but out of charts', () => {
  assert.equal(significant(0.123456), '0.1235');
  assert.equal(significant(NaN), 'NaN');
  assert.equal(significant(Infinity), 'Infinity');
  assert.equal(plottable(Infinity), null);
  assert.equal(plottable(undefined), null);
  assert.equal(plottable(0), 0);
});
