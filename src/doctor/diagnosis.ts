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
] as const;
export type Symptom = (typeof SYMPTOMS)[number];

/** Which half of the note's loop a symptom belongs to: fix optimisation, or fix overfitting. */
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
