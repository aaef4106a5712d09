import type { Backend } from '../backend.js';
import { addBias, biasGrad } from './bias.js';
import { conv2d, conv2dBackwardInput, conv2dBackwardWeight } from './conv.js';
import { matmul } from './matmul.js';
import { addInPlace, adamStep, rmspropStep, sgdStep } from './optimizer-steps.js';
import { maxPool2d, maxPool2dBackward } from './pool.js';
import { squaresAndZeros } from './squares.js';
import { unary, unaryBackward } from './unary.js';

/** The readable TypeScript kernels: the oracle every faster backend is tested against. */
export const referenceBackend: Backend = {
  name: 'reference',
  matmul,
  addBias,
  biasGrad,
  unary,
  unaryBackward,
  conv2d,
  conv2dBackwardInput,
  conv2dBackwardWeight,
  maxPool2d,
  maxPool2dBackward,
  sgdStep,
  adamStep,
  rmspropStep,
  addInPlace,
  squaresAndZeros,
};
