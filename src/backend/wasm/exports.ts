/**
 * The functions the AssemblyScript module (assembly/index.ts) exports. Addresses are byte offsets
 * into the shared memory, leading dimensions count elements, booleans travel as 0/1. Kernels
 * that threads share take the running thread's scratch (`work`) first; convolutions take the
 * address of their geometry (10 int32s, see conv.ts).
 */
export interface KernelExports {
  heapBase(): number;
  gemmWorkspaceBytes(): number;
  packedWholeABytes(m: number, k: number): number;
  packWholeA(transA: number, m: number, k: number, a: number, lda: number, dst: number): void;
  gemm(
    work: number,
    transA: number,
    transB: number,
    m: number,
    n: number,
    k: number,
    a: number,
    lda: number,
    b: number,
    ldb: number,
    c: number,
    ldc: number,
    accumulate: number,
    packedA: number,
  ): void;
  conv2dForward(work: number, x: number, packedW: number, out: number, b0: number, b1: number, geometry: number, col: number): void;
  conv2dBackwardInput(
    work: number,
    dy: number,
    packedWT: number,
    dx: number,
    b0: number,
    b1: number,
    geometry: number,
    dcol: number,
    accumulate: number,
  ): void;
  conv2dBackwardWeight(work: number, dy: number, x: number, dw: number, b0: number, b1: number, geometry: number, col: number): void;
  im2colImages(work: number, x: number, b0: number, b1: number, geometry: number, col: number, ld: number): void;
  col2imImages(work: number, dcol: number, b0: number, b1: number, geometry: number, ld: number, dx: number, accumulate: number): void;
  regroupPlanes(batched: number, planes: number, images: number, channels: number, area: number, ld: number, toPlanes: number): void;
  samePatchScratchBytes(geometry: number): number;
  samePatchesImages(work: number, x: number, b0: number, b1: number, geometry: number, col: number, ld: number, scratch: number): void;
  sameCol2imImages(
    work: number,
    dcol: number,
    b0: number,
    b1: number,
    geometry: number,
    ld: number,
    dx: number,
    accumulate: number,
    scratch: number,
    clear: number,
  ): void;
  sameConvScratchBytes(geometry: number): number;
  sameConvForward(
    work: number,
    x: number,
    packedW: number,
    out: number,
    b0: number,
    b1: number,
    geometry: number,
    scratch: number,
    accumulate: number,
  ): void;
  sameConvBackwardWeight(work: number, dy: number, x: number, dwT: number, b0: number, b1: number, geometry: number, scratch: number): void;
  flipKernels(w: number, outChannels: number, inChannels: number, kernelHeight: number, kernelWidth: number, flipped: number): void;
  sumTransposedParts(dw: number, parts: number, count: number, rows: number, columns: number, accumulate: number): void;
  sumParts(dst: number, parts: number, count: number, n: number, accumulate: number): void;
  packPanels(src: number, across: number, count: number, unroll: number, along: number, length: number, dst: number): void;
  steps(dst: number, count: number, step: number): void;
  zero(dst: number, bytes: number): void;
  framedImageBytes(geometry: number): number;
  frameOffsets(geometry: number, framed: number, pixels: number, patches: number): void;
  frameImage(x: number, geometry: number, framed: number): void;
  addBias(work: number, x: number, bias: number, out: number, rows: number, channels: number, inner: number): void;
  biasGrad(
    work: number,
    dy: number,
    db: number,
    rows: number,
    channels: number,
    inner: number,
    firstChannel: number,
    lastChannel: number,
    accumulate: number,
  ): void;
  relu(work: number, x: number, y: number, n: number): void;
  reluBackward(work: number, x: number, dy: number, dx: number, n: number, accumulate: number): void;
  sigmoid(work: number, x: number, y: number, n: number): void;
  tanh(work: number, x: number, y: number, n: number): void;
  squashingBackward(work: number, y: number, dy: number, dx: number, n: number, isTanh: number, accumulate: number): void;
  maxPool2d(
    work: number,
    x: number,
    out: number,
    argmax: number,
    firstPlane: number,
    lastPlane: number,
    height: number,
    width: number,
    size: number,
    outHeight: number,
    outWidth: number,
  ): void;
  maxPool2dWindowsBackward(
    work: number,
    dy: number,
    argmax: number,
    dx: number,
    firstPlane: number,
    lastPlane: number,
    height: number,
    width: number,
    size: number,
    outHeight: number,
    outWidth: number,
    accumulate: number,
  ): void;
  sgdStep(
    work: number,
    param: number,
    grad: number,
    buffer: number,
    update: number,
    n: number,
    lr: number,
    weightDecay: number,
    momentum: number,
    dampeningComplement: number,
    nesterov: number,
    firstStep: number,
  ): void;
  adamStep(
    work: number,
    param: number,
    grad: number,
    m: number,
    v: number,
    update: number,
    n: number,
    beta1: number,
    beta1Complement: number,
    beta2: number,
    beta2Complement: number,
    eps: number,
    weightDecay: number,
    gradientStep: number,
    momentStep: number,
    rootCorrection: number,
    decoupledDecay: number,
  ): void;
  rmspropStep(
    work: number,
    param: number,
    grad: number,
    square: number,
    mean: number,
    buffer: number,
    update: number,
    n: number,
    lr: number,
    alpha: number,
    alphaComplement: number,
    eps: number,
    weightDecay: number,
    momentum: number,
    firstStep: number,
  ): void;
  addInPlace(work: number, target: number, addend: number, n: number): void;
  squaresAndZeros(x: number, n: number, out: number): void;
}

/** Kernels a worker thread may be asked to run (a chunk of a split job), by index in a task. */
export const PARALLEL_KERNELS = [
  'gemm',
  'conv2dForward',
  'conv2dBackwardInput',
  'conv2dBackwardWeight',
  'sameConvForward',
  'sameConvBackwardWeight',
  'im2colImages',
  'col2imImages',
  'samePatchesImages',
  'sameCol2imImages',
  'sgdStep',
  'adamStep',
  'rmspropStep',
  'addInPlace',
  'relu',
  'reluBackward',
  'sigmoid',
  'tanh',
  'squashingBackward',
  'addBias',
  'biasGrad',
  'maxPool2d',
  'maxPool2dWindowsBackward',
] as const;
export type ParallelKernel = (typeof PARALLEL_KERNELS)[number];
