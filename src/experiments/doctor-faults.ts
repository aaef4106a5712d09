import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runDoctor, type DoctorResult } from '../doctor/doctor.js';
import { localRunners, type Runners } from '../doctor/runner.js';
import { InputError } from '../errors.js';
import { readFailureReason } from '../io/fs-reason.js';
import { loadSpec } from '../spec/load.js';
import type { Spec } from '../spec/schema.js';
import { createTrainer, originOf, type SpecOrigin } from '../train/run.js';

/** The fault suite shipped with the package: dist/experiments/ → ../../test/faults. */
export const FAULT_SUITE = fileURLToPath(new URL('../../test/faults', import.meta.url));

/** One broken run of a fault suite's expectations.json and what the doctor must reach. */
export interface FaultCase {
  name: string;
  phase: 'train' | 'test' | null;
  symptoms: string[];
  target?: { valAcc?: number; testAccGain?: number };
  healthy?: boolean;
  spec: string;
}

export interface FaultOutcome {
  name: string;
  expected: string[];
  found: string[];
  verdict: DoctorResult['verdict'];
  passed: boolean;
  /** What was required and what was reached, in a sentence. */
  because: string;
  baselineValAcc: number | null;
  bestValAcc: number | null;
  bestTestAcc: number | null;
  change: string;
  epochsSpent: number;
  seconds: number;
}

/** The folder's expectations.json: each case's spec file, symptoms and target. */
export function readFaults(folder: string): FaultCase[] {
  const file = path.join(folder, 'expectations.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`${readFailureReason(e)} (--faults names a folder of fault specs with their expectations.json)`, file);
  }
  let table: unknown;
  try {
    table = JSON.parse(text);
  } catch (e) {
    throw new InputError(`not valid JSON (${(e as Error).message})`, file);
  }
  if (typeof table !== 'object' || table === null || Array.isArray(table)) throw new InputError('expected an object of fault cases by name', file);
  return Object.entries(table as Record<string, Omit<FaultCase, 'name'>>).map(([name, c]) => {
    if (typeof c?.spec !== 'string') throw new InputError('expected the name of a spec file', file, `${name}.spec`);
    return { name, ...c };
  });
}

/** The doctor on one fault case's spec (its seed moved by `seedOffset`) with the epoch budget. */
export async function doctorOnCase(
  folder: string,
  c: FaultCase,
  budget: number,
  seedOffset: number,
  runners: Runners,
): Promise<{ spec: Spec; origin: SpecOrigin; result: DoctorResult }> {
  const file = path.join(folder, c.spec);
  const written = loadSpec(file);
  const spec = { ...written, seed: written.seed + seedOffset };
  const origin = originOf(file);
  return { spec, origin, result: await runDoctor(spec, origin, runners(origin), { budget, target: c.target?.valAcc }) };
}

/**
 * Runs the doctor on one fault case with the epoch budget and judges it as the expectations
 * say: the target validation accuracy reached; or, for a test-phase case, test accuracy at least
 * `testAccGain` above the untouched spec trained as written; or, for the healthy case, the verdict
 * healthy with the spec unchanged.
 */
export async function runFaultCase(
  folder: string,
  c: FaultCase,
  budget: number,
  seedOffset = 0,
  runners: Runners = localRunners,
): Promise<FaultOutcome & { result: DoctorResult }> {
  const { spec, origin, result } = await doctorOnCase(folder, c, budget, seedOffset, runners);
  let passed: boolean;
  let because: string;
  if (c.healthy) {
    const unchanged = JSON.stringify(result.best.spec) === JSON.stringify(spec);
    passed = result.verdict === 'healthy' && unchanged;
    because = `verdict ${result.verdict}, spec ${unchanged ? 'unchanged' : 'changed'}`;
  } else if (c.target?.testAccGain !== undefined) {
    const trainer = await createTrainer(spec, origin);
    const untouched = await trainer.fit();
    trainer.release();
    const gain = (result.best.testAcc ?? 0) - (untouched.test?.acc ?? 0);
    passed = gain >= c.target.testAccGain;
    because = `test accuracy ${result.best.testAcc?.toFixed(3)} against ${untouched.test?.acc.toFixed(3)} untouched (${spec.epochs} epochs): gain ${gain.toFixed(3)}, needed ${c.target.testAccGain}`;
  } else {
    const target = c.target?.valAcc ?? 0;
    passed = (result.best.valAcc ?? 0) >= target;
    because = `validation accuracy ${result.best.valAcc?.toFixed(3)}, needed ${target}`;
  }
  return {
    name: c.name,
    expected: c.symptoms,
    found: result.diagnoses.map((d) => d.symptom),
    verdict: result.verdict,
    passed,
    because,
    baselineValAcc: result.baseline.valAcc,
    bestValAcc: result.best.valAcc,
    bestTestAcc: result.best.testAcc,
    change: result.best.change,
    epochsSpent: result.epochsSpent,
    seconds: result.seconds,
    result,
  };
}
