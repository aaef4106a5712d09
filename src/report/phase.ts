import type { Phase } from '../doctor/diagnosis.js';

/** The half of the note's loop a diagnosis or trial belongs to, in the note's words. */
export function phaseWords(phase: Phase): string {
  return phase === 'train' ? 'fix the optimisation' : 'fix overfitting';
}
