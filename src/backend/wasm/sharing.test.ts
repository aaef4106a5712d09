import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SharingPolicy, type Mode } from './sharing.js';

/** Runs `jobs` jobs of 1000 units, timed by `msPerUnit` for each mode; returns how many ran in each mode. */
function simulate(policy: SharingPolicy, jobs: number, msPerUnit: Record<Mode, number>): Record<Mode, number> {
  const count = { shared: 0, solo: 0 };
  for (let i = 0; i < jobs; i++) {
    const mode = policy.mode('gemm');
    count[mode]++;
    policy.record('gemm', 1000, 1000 * msPerUnit[mode]);
  }
  return count;
}

test('the sharing policy settles on the faster mode and follows the machine when that changes', () => {
  const policy = new SharingPolicy();
  const quiet = { shared: 0.5, solo: 1 };
  const busy = { shared: 1.5, solo: 1 };
  // warm-up and the first probes, then the chosen stretch: mostly shared
  const first = simulate(policy, 1000, quiet);
  assert.ok(first.shared > 0.9 * 1000, `quiet machine: ${JSON.stringify(first)}`);
  // the load arrives: after at most one stretch and a probe, solo
  simulate(policy, 300, busy);
  const later = simulate(policy, 1000, busy);
  assert.ok(later.solo > 0.9 * 1000, `busy machine: ${JSON.stringify(later)}`);
  assert.ok(later.shared > 0, 'keeps probing the other mode');
});

test('kernels are judged separately', () => {
  const policy = new SharingPolicy();
  const gemm = simulate(policy, 1000, { shared: 2, solo: 1 });
  assert.ok(gemm.solo > 0.8 * 1000, JSON.stringify(gemm));
  assert.equal(policy.mode('adamStep'), 'shared', 'a kernel not seen yet starts by sharing');
});

test('a mode that loses by far is probed briefly', () => {
  const policy = new SharingPolicy();
  const jobs = 3000;
  const count = simulate(policy, jobs, { shared: 0.5, solo: 1 });
  // the first probe of solo is a full one; later ones time 4 jobs instead of 16
  assert.ok(count.solo < 0.03 * jobs, JSON.stringify(count));
});
