/**
 * The doctor's thresholds, with where each comes from. Published values are the starting point
 * (AUTOTRAINER, ICSE 2021, AutoTrainer/utils/monitor.py; DeepDiagnosis, ICSE 2022,
 * callback/callbacks.py; UMLAUT, CHI 2021); the ones marked "calibrated" were moved after running
 * the broken runs in test/faults and our own cases (docs/doctor.md has the table).
 */
export interface Thresholds {
  /** Vanishing: first-layer / last-layer gradient norm below this (AUTOTRAINER 1e-3; calibrated to 1e-2) … */
  vanishingRatio: number;
  /** … while training accuracy is poor (calibrated: AUTOTRAINER also requires first-layer norm < 1e-4). */
  vanishingFirstNorm: number;
  /** Exploding: that ratio above this (AUTOTRAINER 70). */
  explodingRatio: number;
  /** A loss at or above this is divergence (AUTOTRAINER 1e3). */
  divergenceLoss: number;
  /** Dying ReLU: share of exactly-zero weight-gradient entries (AUTOTRAINER 0.7) … */
  deadGradFraction: number;
  /** … or share of ReLU units dead for a whole batch (calibrated 0.5; DeepDiagnosis counts outputs ≤ 0 at 0.7). */
  deadUnitFraction: number;
  /** Saturation: share of sigmoid/tanh outputs with a derivative under 1% of its maximum (DeepDiagnosis 0.5). */
  saturation: number;
  /** Input range: inputs beyond ±this are unscaled (DeepDiagnosis and UMLAUT: outside [−1, 1]; calibrated 5 to allow standardised data). */
  inputRange: number;
  /** Oscillation: accuracy swings of at least this size … (AUTOTRAINER 0.03) */
  swing: number;
  /** … in at least this share of the epochs (AUTOTRAINER 0.2). */
  swingShare: number;
  /** Slow convergence: no epoch gained this much accuracy (AUTOTRAINER 0.01) … */
  slowGain: number;
  /** Training accuracy counted as good when no --target is given (calibrated). */
  goodTrainAcc: number;
  /** Overfitting: train − validation accuracy gap (AUTOTRAINER 0.10) … */
  gap: number;
  /** … or this gap once training accuracy is above 0.9 (AUTOTRAINER 0.07; calibrated 0.05) … */
  gapWhenFit: number;
  /** … with the validation loss this many times the training loss: memorising (calibrated). */
  lossRatio: number;
  /** Loss at initialisation more than this factor above ln(classes) (Karpathy's recipe; calibrated). */
  initLossFactor: number;
  /** Accuracy within this of chance is "not learning at all" (calibrated). */
  chanceMargin: number;
  /** Initial weights more than this factor above or below the fan-in scale (He/Glorot) of their layer (calibrated). */
  initScaleFactor: number;
  /** A repair must raise validation accuracy by this much to be kept. */
  gain: number;
  /** … or by this much when nothing broken was diagnosed (a run short of a target, or noisy data). */
  clearGain: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  vanishingRatio: 1e-2,
  vanishingFirstNorm: 1e-3,
  explodingRatio: 70,
  divergenceLoss: 1e3,
  deadGradFraction: 0.7,
  deadUnitFraction: 0.5,
  saturation: 0.5,
  inputRange: 5,
  swing: 0.03,
  swingShare: 0.2,
  slowGain: 0.01,
  goodTrainAcc: 0.9,
  gap: 0.1,
  gapWhenFit: 0.05,
  lossRatio: 2.5,
  initLossFactor: 3,
  chanceMargin: 0.05,
  initScaleFactor: 4,
  gain: 0.01,
  clearGain: 0.03,
};
