import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSpec } from '../spec/load.js';
import { benchCase, benchCases, FAULTS, SEED_RUNS } from './fault-catalogue.js';
import { Random } from '../util/random.js';

test('cases follow from the seed alone; the halves are disjoint', () => {
  assert.deepEqual(benchCases(7, 'dev', 6), benchCases(7, 'dev', 6));
  assert.notDeepEqual(benchCases(7, 'dev', 6), benchCases(8, 'dev', 6));
  const dev = benchCases(0, 'dev', 10).map((c) => c.index);
  const evaluation = benchCases(0, 'eval', 10).map((c) => c.index);
  assert.ok(dev.every((i) => i % 2 === 0) && evaluation.every((i) => i % 2 === 1));
  assert.equal(benchCase(0, 3).split, 'eval');
});

test('every fault yields a valid spec that differs from the healthy one, or declines', () => {
  for (const [name, input] of Object.entries(SEED_RUNS)) {
    const healthy = parseSpec(input);
    for (const [kind, fault] of Object.entries(FAULTS)) {
      const broken = fault(healthy, new Random(1));
      if (broken === null) continue;
      parseSpec(broken.spec);
      assert.notDeepEqual(broken.spec, healthy, `${kind} on ${name}`);
    }
  }
});

test('a control is the healthy seed run itself', () => {
  const controls = benchCases(0, 'dev', 40).filter((c) => c.kind === 'control');
  assert.ok(controls.length > 0);
  for (const c of controls) assert.deepEqual(c.spec, c.healthy);
});
