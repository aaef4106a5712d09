import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summarize, type BenchOutcome } from './fault-bench.js';

const outcome = (kind: string, broken: boolean, passed: boolean): BenchOutcome => ({
  name: kind,
  kind,
  detail: '',
  target: {},
  broken,
  passed,
  because: '',
  verdict: null,
  found: [],
  change: '',
  untouchedValAcc: null,
  bestValAcc: null,
  bestTestAcc: null,
  epochsSpent: 0,
  seconds: 0,
});

test('the repair rate counts only runs the fault broke; controls count false alarms', () => {
  const s = summarize([outcome('lr_high', true, true), outcome('lr_high', true, false), outcome('lr_high', false, true), outcome('loss', false, true), outcome('control', false, true), outcome('control', false, false)]);
  assert.deepEqual(s.kinds, [
    { kind: 'loss', cases: 1, broken: 0, repaired: 0 },
    { kind: 'lr_high', cases: 3, broken: 2, repaired: 1 },
  ]);
  assert.equal(s.broken, 2);
  assert.equal(s.repaired, 1);
  assert.equal(s.controls, 2);
  assert.equal(s.falseAlarms, 1);
});
