import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseExact, stringifyExact } from './exact-json.js';

test('NaN and the infinities survive a round trip that plain JSON would turn into null', () => {
  const value = { loss: NaN, valLoss: Infinity, low: -Infinity, acc: 0.5, none: null, list: [1, NaN], name: 'NaN' };
  assert.equal((JSON.parse(JSON.stringify(value)) as { loss: unknown }).loss, null);
  assert.deepEqual(parseExact(stringifyExact(value)), value);
});
