/** The symptoms the doctor names, in the vocabulary of test/faults/expectations.json. */
export const SYMPTOMS = [
  'divergence',
  'exploding_gradient',
  'vanishing_gradient',
  'saturation',
  'dying_relu',
  'input_range',
  'loss_output_pairing',
  'oscillation',
  'slow_convergence',
  'underfitting_capacity',
  'overfitting',
  // spec mistakes the pre-flight finds before training
  'output_activation',
  'linear_hidden',
  'learning_rate_range',
  'init_scale',
] as const;
export type Symptom = (typeof SYMPTOMS)[number];

/**
 * Whether a diagnosis is a sign of something broken, not just of a run short of a target: a
 * healthy run on noisy data can plateau or overfit a little, but it does not diverge, sit at
 * chance or squeeze its classes through a bottleneck.
 */
export function pathological(d: Diagnosis): boolean {
  const soft = d.symptom === 'slow_convergence' || d.symptom === 'underfitting_capacity' || d.symptom === 'overfitting';
  return !soft || d.evidence.stuck === true || d.evidence.bottleneck === true;
}

/** Which half of the training tips' loop a symptom belongs to: fix optimisation, or fix overfitting. */
export type Phase = 'train' | 'test';

export type Evidence = Record<string, number | string | boolean | null>;

export interface Diagnosis {
  symptom: Symptom;
  phase: Phase;
  /** The numbers that triggered it, and the thresholds they crossed. */
  evidence: Evidence;
  /** One sentence for people. */
  explanation: string;
}
