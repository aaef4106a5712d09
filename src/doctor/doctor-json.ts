import type { DoctorResult } from './doctor.js';

/** Epochs over all trials when no budget is given (`remedy doctor`, the library's doctor()). */
export const DEFAULT_BUDGET = 60;

/** The `--json` document of `remedy doctor` (run-spec.md); the library's doctor() returns it. */
export function doctorJson(r: DoctorResult) {
  return {
    verdict: r.verdict,
    diagnoses: r.diagnoses.map(({ symptom, evidence, phase, explanation }) => ({ symptom, evidence, phase, explanation })),
    trials: r.trials.map(({ change, spec, epochs, trainAcc, valAcc, valLoss, phase, round }) => ({ change, spec, epochs, trainAcc, valAcc, valLoss, phase, round })),
    best: { spec: r.best.spec, change: r.best.change, trainAcc: r.best.trainAcc, valAcc: r.best.valAcc, testAcc: r.best.testAcc },
    baseline: { trainAcc: r.baseline.trainAcc, valAcc: r.baseline.valAcc, testAcc: r.baseline.testAcc },
    remaining: r.remaining.map(({ symptom, phase }) => ({ symptom, phase })),
    preflight: r.preflight.checks.map(({ name, ok, detail }) => ({ name, ok, detail })),
    epochsSpent: r.epochsSpent,
    seconds: r.seconds,
  };
}

export type DoctorJson = ReturnType<typeof doctorJson>;
