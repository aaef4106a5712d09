import type { Phase } from '../doctor/diagnosis.js';

/** The half of the training tips' loop a diagnosis or trial belongs to, in the training tips' words. */
export function phaseWords(phase: Phase): string {
  return phase === 'train' ? 'fix the optimisation' : 'fix overfitting';
}
