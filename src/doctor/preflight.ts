import type { DataSplits } from '../data/index.js';
import type { Spec } from '../spec/schema.js';
import { Trainer } from '../train/trainer.js';
import type { Evidence } from './diagnosis.js';
import type { RunFacts } from './facts.js';
import type { Thresholds } from './thresholds.js';
import { specMistakes } from './spec-mistakes.js';

export interface PreflightCheck {
  name: 'loss_output_pairing' | 'input_range' | 'init_loss' | 'one_batch_overfit' | 'capacity' | 'output_activation' | 'linear_hidden' | 'learning_rate' | 'init_scale';
  ok: boolean;
  detail: string;
  evidence: Evidence;
}

export interface Preflight {
  checks: PreflightCheck[];
  /** Compute spent, in epochs of the training set. */
  epochs: number;
}

/** Examples in the one-batch test, and the steps it gets (Karpathy: "overfit one batch"). */
const PROBE_EXAMPLES = 32;
const PROBE_STEPS = 60;

/**
 * Checks before spending compute (doctor.md "pre-flight"): the loss fits the output, the inputs
 * are scaled, the loss at initialisation is near ln(classes) as it should be for a network that
 * knows nothing, the network can learn one small batch by heart, and no hidden layer is narrower
 * than the classes it must tell apart. The one-batch test costs PROBE_STEPS small steps.
 */
export async function preflight(spec: Spec, data: DataSplits, facts: RunFacts, thresholds: Thresholds, file: string): Promise<Preflight> {
  const checks: PreflightCheck[] = [];
  const lnC = Math.log(facts.classes);

  const pairedBadly = (spec.loss === 'mse' || spec.loss === 'mae') && facts.classes > 2;
  checks.push({
    name: 'loss_output_pairing',
    ok: !pairedBadly,
    detail: pairedBadly
      ? `${spec.loss} on ${facts.classes} classes with a ${facts.finalActivation} output: legal, but cross-entropy's gradient does not fade as the output saturates`
      : `${spec.loss} with a ${facts.finalActivation} output`,
    evidence: { loss: spec.loss, finalActivation: facts.finalActivation, classes: facts.classes },
  });
  const scaled = facts.inputMaxAbs <= thresholds.inputRange;
  checks.push({
    name: 'input_range',
    ok: scaled,
    detail: `inputs span ±${facts.inputMaxAbs.toPrecision(3)} (mean ${facts.inputMean.toPrecision(3)}, std ${facts.inputStd.toPrecision(3)})`,
    evidence: { inputMaxAbs: facts.inputMaxAbs, inputMean: facts.inputMean, inputStd: facts.inputStd, threshold: thresholds.inputRange },
  });

  const mistakes = specMistakes(spec, facts, thresholds);
  const mistake = (symptom: string) => mistakes.find((d) => d.symptom === symptom);
  for (const [name, symptom, fine] of [
    ['output_activation', 'output_activation', `a ${facts.finalActivation} output under ${spec.loss}`],
    ['linear_hidden', 'linear_hidden', 'every hidden weight layer has a non-linearity'],
    ['learning_rate', 'learning_rate_range', `learning rate ${spec.optimizer.lr} for ${spec.optimizer.type}`],
    ['init_scale', 'init_scale', `initialisation ${JSON.stringify(spec.model.init)} at the fan-in scale`],
  ] as const) {
    const d = mistake(symptom);
    checks.push({ name, ok: d === undefined, detail: d?.explanation ?? fine, evidence: d?.evidence ?? {} });
  }

  const probe = firstExamples(data, PROBE_EXAMPLES);
  const trainer = new Trainer({ ...spec, batchSize: PROBE_EXAMPLES, earlyStopping: undefined, augmentation: undefined, schedule: undefined }, probe, file);
  const initLoss = trainer.evaluate(probe.train).loss;
  if (spec.loss === 'cross_entropy') {
    const ok = initLoss <= thresholds.initLossFactor * lnC;
    checks.push({
      name: 'init_loss',
      ok,
      detail: `loss at initialisation ${initLoss.toPrecision(3)}, ln(${facts.classes}) = ${lnC.toPrecision(3)}${ok ? '' : ': the initial outputs are confidently wrong (initialisation or input scale)'}`,
      evidence: { initLoss, expected: lnC, factor: thresholds.initLossFactor },
    });
  }
  await trainer.fit(PROBE_STEPS);
  const after = trainer.evaluate(probe.train);
  trainer.release();
  const fits = !trainer.diverged && (after.acc === 1 || after.loss < 0.1 * initLoss);
  checks.push({
    name: 'one_batch_overfit',
    ok: fits,
    detail: `${PROBE_STEPS} steps on one batch of ${probe.train.n}: loss ${initLoss.toPrecision(3)} → ${after.loss.toPrecision(3)}, accuracy ${after.acc.toFixed(2)}${fits ? '' : ': it did not learn one small batch by heart, a sign of broken optimisation (or of a network too small)'}`,
    evidence: { steps: PROBE_STEPS, examples: probe.train.n, lossBefore: initLoss, lossAfter: after.loss, accAfter: after.acc, diverged: trainer.diverged },
  });

  const narrow = facts.narrowestHidden !== null && facts.narrowestHidden < facts.classes;
  checks.push({
    name: 'capacity',
    ok: !narrow,
    detail: facts.narrowestHidden === null ? 'no hidden layer' : `narrowest hidden layer: ${facts.narrowestHidden} units for ${facts.classes} classes`,
    evidence: { narrowestHidden: facts.narrowestHidden, classes: facts.classes },
  });
  return { checks, epochs: (PROBE_STEPS * probe.train.n) / facts.trainExamples };
}

/** The first n training examples as a data set of their own. */
function firstExamples(data: DataSplits, n: number): DataSplits {
  const k = Math.min(n, data.train.n);
  const features = data.train.x.length / data.train.n;
  const train = { x: data.train.x.slice(0, k * features), y: data.train.y.slice(0, k), n: k, sampleShape: data.train.sampleShape };
  return { ...data, train, validation: null, test: null };
}
