import type { Spec } from '../spec/schema.js';
import type { EpochRecord } from '../train/history.js';
import type { Diagnosis, Evidence } from './diagnosis.js';
import type { RunFacts } from './facts.js';
import type { Thresholds } from './thresholds.js';
import { linearHidden } from './edits.js';
import { specMistakes } from './spec-mistakes.js';

export interface Observed {
  spec: Spec;
  history: readonly EpochRecord[];
  diverged: boolean;
  facts: RunFacts;
  /** The training accuracy that counts as good. */
  trainTarget: number;
  thresholds: Thresholds;
  /** The pre-flight's one-batch overfit passed: the optimisation itself works. */
  oneBatchFits?: boolean;
  /** The validation accuracy the user asked for: a plateau below it is a problem, whatever the data's noise. */
  valTarget?: number;
}

const round = (v: number, digits = 4) => (Number.isFinite(v) ? Number(v.toPrecision(digits)) : v);

/**
 * Reads a run's history and training signals as the training tips read a run: first the training
 * accuracy (poor → optimisation symptoms, phase "train"), then, only when it is good, the gap to
 * validation (phase "test"). Returns nothing for a healthy run. Each diagnosis carries the numbers
 * behind it and the threshold they crossed.
 */
export function diagnose(o: Observed): Diagnosis[] {
  const { history, facts, thresholds: t } = o;
  const last = history[history.length - 1];
  const found: Diagnosis[] = [];
  const add = (d: Diagnosis) => found.push(d);
  const trainAcc = last?.acc ?? 0;
  const trainGood = !o.diverged && trainAcc >= o.trainTarget;

  // divergence: a NaN/infinite loss, or a loss past the threshold, or non-finite gradients
  const worstLoss = Math.max(...history.map((r) => (Number.isFinite(r.loss) ? r.loss : Infinity)));
  if (o.diverged || worstLoss >= t.divergenceLoss || history.some((r) => r.signals?.nonFinite)) {
    add({
      symptom: 'divergence',
      phase: 'train',
      evidence: { diverged: o.diverged, worstLoss: round(worstLoss), lossThreshold: t.divergenceLoss, lr: lrOf(o.spec) },
      explanation: o.diverged
        ? 'the loss became NaN or infinite: the steps are too large for this network'
        : `the loss reached ${round(worstLoss)}, past ${t.divergenceLoss}`,
    });
  }

  const signals = history.map((r) => r.signals).filter((s) => s !== undefined);
  const layers = signals.length > 0 ? signals[signals.length - 1].layers : [];
  if (!trainGood && layers.length >= 2) {
    const first = mean(signals.map((s) => s.layers[0].gradNorm));
    const lastNorm = mean(signals.map((s) => s.layers[s.layers.length - 1].gradNorm));
    const ratio = first / Math.max(lastNorm, 1e-30);
    if (Number.isFinite(ratio) && ratio < t.vanishingRatio && first < t.vanishingFirstNorm) {
      add({
        symptom: 'vanishing_gradient',
        phase: 'train',
        evidence: { firstLayerGradNorm: round(first), lastLayerGradNorm: round(lastNorm), ratio: round(ratio), ratioThreshold: t.vanishingRatio, depth: facts.weightLayers },
        explanation: `the first layer's gradient is ${round(ratio, 2)} of the last layer's: the early layers barely learn`,
      });
    } else if (Number.isFinite(ratio) && ratio > t.explodingRatio && !o.diverged) {
      add({
        symptom: 'exploding_gradient',
        phase: 'train',
        evidence: { firstLayerGradNorm: round(first), lastLayerGradNorm: round(lastNorm), ratio: round(ratio), ratioThreshold: t.explodingRatio },
        explanation: `the first layer's gradient is ${round(ratio, 2)} times the last layer's`,
      });
    }
  }

  if (!trainGood) {
    const saturated = layers.filter((l) => l.saturation !== null && l.saturation >= t.saturation);
    if (saturated.length > 0) {
      const worst = saturated.reduce((a, b) => (a.saturation! > b.saturation! ? a : b));
      add({
        symptom: 'saturation',
        phase: 'train',
        evidence: { layer: worst.layer, activation: worst.activation, saturated: round(worst.saturation!), threshold: t.saturation, saturatedLayers: saturated.length },
        explanation: `${Math.round(worst.saturation! * 100)}% of layer ${worst.layer}'s ${worst.activation} units sit where the derivative is almost 0`,
      });
    }
    const dead = layers.filter(
      (l) => l.activation === 'relu' && (l.zeroGradFraction >= t.deadGradFraction || (l.deadUnitFraction ?? 0) >= t.deadUnitFraction),
    );
    if (dead.length > 0) {
      const worst = dead.reduce((a, b) => ((a.deadUnitFraction ?? 0) > (b.deadUnitFraction ?? 0) ? a : b));
      add({
        symptom: 'dying_relu',
        phase: 'train',
        evidence: { layer: worst.layer, deadUnits: round(worst.deadUnitFraction ?? 0), zeroGradients: round(worst.zeroGradFraction), deadUnitThreshold: t.deadUnitFraction, zeroGradThreshold: t.deadGradFraction },
        explanation: `${Math.round((worst.deadUnitFraction ?? 0) * 100)}% of layer ${worst.layer}'s ReLU units output 0 for every example`,
      });
    }
    if ((o.spec.loss === 'mse' || o.spec.loss === 'mae') && facts.classes > 2) {
      add({
        symptom: 'loss_output_pairing',
        phase: 'train',
        evidence: { loss: o.spec.loss, finalActivation: facts.finalActivation, classes: facts.classes },
        explanation: `${o.spec.loss} on class labels: the first of the training tips is cross-entropy, whose gradient does not fade as the softmax saturates`,
      });
    }
  }

  // spec mistakes are read off the spec whatever the curve: a linear stack that fits is still linear
  for (const d of specMistakes(o.spec, facts, t)) if (!found.some((f) => f.symptom === d.symptom)) add(d);

  const accs = history.map((r) => r.acc);
  const swings = accs.slice(1).filter((a, i) => Math.abs(a - accs[i]) >= t.swing).length;
  const downSwings = accs.slice(1).filter((a, i) => accs[i] - a >= t.swing).length;
  if (!trainGood && history.length >= 4 && downSwings > 0 && swings >= t.swingShare * history.length) {
    add({
      symptom: 'oscillation',
      phase: 'train',
      evidence: { swings, downSwings, epochs: history.length, swingSize: t.swing, shareThreshold: t.swingShare },
      explanation: `training accuracy swung by ${t.swing} or more in ${swings} of ${history.length} epochs`,
    });
  }

  if (!trainGood && !o.diverged) {
    const gain = recentGain(accs);
    const remaining = Math.max(o.spec.epochs - history.length, 0);
    const projected = trainAcc + gain * remaining;
    const chance = 1 / facts.classes;
    const stuck = trainAcc < chance + t.chanceMargin;
    // one epoch has no slope: nothing can be said to have levelled off yet
    const plateau = history.length >= 2 && gain < t.slowGain && !stuck;
    const small = facts.narrowestHidden !== null && facts.narrowestHidden < 2 * facts.classes;
    // a hidden layer narrower than the classes is a bottleneck whatever the curve looks like
    const bottleneck = facts.narrowestHidden !== null && facts.narrowestHidden < facts.classes;
    const otherCause = found.some((d) => d.phase === 'train' && d.symptom !== 'loss_output_pairing');
    // one weight layer draws straight class boundaries: at chance, that may be the whole story,
    // so it is raced beside the optimisation's repairs rather than instead of them
    const linear = facts.weightLayers === 1 || linearHidden(o.spec).length > 0;
    // noisy data: training and validation level off together at what the data allows, in a
    // network that can learn one batch by heart and has room; nothing is broken
    const valAcc = last?.valAcc ?? null;
    const levelledTogether =
      o.valTarget === undefined && plateau && history.length >= 3 && valAcc !== null && Math.abs(trainAcc - valAcc) < t.gapWhenFit && o.oneBatchFits === true && !small && !linear && found.length === 0;
    if ((projected < o.trainTarget || stuck) && !levelledTogether) {
      if (linear && stuck) {
        add({
          symptom: 'underfitting_capacity',
          phase: 'train',
          evidence: { trainAcc: round(trainAcc), weightLayers: facts.weightLayers, classes: facts.classes, target: o.trainTarget, stuck },
          explanation: `training accuracy ${round(trainAcc, 3)} is at chance with no hidden layer: a linear model cannot separate classes that no straight boundary divides`,
        });
      }
      if ((bottleneck || (plateau && (small || linear || !otherCause))) && trainAcc > chance + t.chanceMargin) {
        add({
          symptom: 'underfitting_capacity',
          phase: 'train',
          evidence: { trainAcc: round(trainAcc), recentGain: round(gain), narrowestHidden: facts.narrowestHidden, classes: facts.classes, target: o.trainTarget, bottleneck },
          explanation: `training accuracy has levelled off at ${round(trainAcc, 3)}${small ? ` with a hidden layer of ${facts.narrowestHidden} units` : linear ? ' with no hidden layer' : ''}: the network may be too small for the data`,
        });
      } else {
        add({
          symptom: 'slow_convergence',
          phase: 'train',
          evidence: { trainAcc: round(trainAcc), recentGainPerEpoch: round(gain), remainingEpochs: remaining, projectedAcc: round(projected), target: o.trainTarget, chance: round(chance), stuck },
          explanation: stuck
            ? `training accuracy ${round(trainAcc, 3)} is at chance (${round(chance, 2)}): the network is not learning`
            : history.length < 2
              ? `training accuracy ${round(trainAcc, 3)} after ${history.length} epoch, short of ${o.trainTarget}`
              : `at ${round(gain, 3)} a epoch, training accuracy would end near ${round(Math.min(projected, 1), 3)}, short of ${o.trainTarget}`,
        });
      }
    }
  }

  if (trainGood) {
    const overfit = overfitting(history, t);
    if (overfit !== null) {
      add({
        symptom: 'overfitting',
        phase: 'test',
        evidence: overfit,
        explanation: `training accuracy ${overfit.trainAcc} but validation ${overfit.valAcc}: the network learns the training set by heart`,
      });
    }
  }
  // a run that shows nothing the doctor looks for but stays below the target the user asked for
  // is short of it: its optimisation (steps, batch, optimizer) is what there is to tune
  const bestVal = checkpointValAcc(history);
  if (found.length === 0 && o.valTarget !== undefined && !o.diverged && bestVal !== null && bestVal < o.valTarget) {
    add({
      symptom: 'slow_convergence',
      phase: 'train',
      evidence: { bestValAcc: round(bestVal), target: o.valTarget, trainAcc: round(trainAcc) },
      explanation: `validation accuracy at the best checkpoint is ${round(bestVal, 3)}, short of the target ${o.valTarget}`,
    });
  }
  return found;
}

function overfitting(history: readonly EpochRecord[], t: Thresholds): Evidence | null {
  const last = history[history.length - 1];
  if (last.valAcc === null || last.valLoss === null) return null;
  const gap = last.acc - last.valAcc;
  const valLosses = history.map((r) => r.valLoss!);
  const bestEpoch = valLosses.indexOf(Math.min(...valLosses)) + 1;
  // memorising: the training loss far below the validation loss, not just a few points of accuracy
  const lossRatio = last.valLoss / Math.max(last.loss, 1e-12);
  const flagged = gap >= t.gap || (last.acc > 0.9 && gap >= t.gapWhenFit && lossRatio >= t.lossRatio);
  if (!flagged) return null;
  return {
    trainAcc: round(last.acc, 3),
    valAcc: round(last.valAcc, 3),
    gap: round(gap, 3),
    gapThreshold: last.acc > 0.9 ? t.gapWhenFit : t.gap,
    valLossOverTrainLoss: round(lossRatio, 3),
    lossRatioThreshold: t.lossRatio,
    bestValLossEpoch: bestEpoch,
  };
}

/** Validation accuracy at the epoch of lowest validation loss (the checkpoint a trial is judged by). */
function checkpointValAcc(history: readonly EpochRecord[]): number | null {
  let best: EpochRecord | null = null;
  for (const r of history) if (r.valLoss !== null && Number.isFinite(r.valLoss) && (best === null || r.valLoss < best.valLoss!)) best = r;
  return best?.valAcc ?? null;
}

/** Mean gain a epoch over the last three epochs (fewer when the history is short). */
function recentGain(accs: readonly number[]): number {
  if (accs.length < 2) return 0;
  const k = Math.min(3, accs.length - 1);
  return (accs[accs.length - 1] - accs[accs.length - 1 - k]) / k;
}

const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / Math.max(v.length, 1);

function lrOf(spec: Spec): number {
  return spec.optimizer.lr;
}
