/** The kernels the JavaScript side calls; memory is imported (shared with the worker threads). */
export { addBias, biasGrad, sumParts } from './bias';
export { frameImage, frameOffsets, framedImageBytes, packPanels, steps, zero } from './blas-panels';
export { col2imImages, conv2dBackwardInput, conv2dBackwardWeight, conv2dForward, im2colImages, regroupPlanes } from './conv';
export { flipKernels, sumTransposedParts } from './conv-weights';
export { gemm, gemmWorkspaceBytes, packWholeA, packedWholeABytes } from './gemm';
export { addInPlace, adamStep, rmspropStep, sgdStep } from './optimizers';
export { maxPool2d, maxPool2dWindowsBackward } from './pool';
export { relu, reluBackward } from './relu';
export { sameConvBackwardWeight, sameConvForward, sameConvScratchBytes } from './same-conv';
export { sameCol2imImages, samePatchScratchBytes, samePatchesImages } from './same-patches';
export { sigmoid, squashingBackward, tanh } from './squashing';
export { squaresAndZeros } from './squares';

/** First address past the module's own static data: the JavaScript heap starts above it. */
export function heapBase(): usize {
  return __heap_base;
}
