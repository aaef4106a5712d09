import type { AdamConstants, RmspropConstants, SgdConstants } from '../backend.js';
import { referenceBackend } from '../reference/index.js';
import { runOverElements } from './element-ranges.js';
import type { WasmRuntime } from './runtime.js';

/** The optimizer steps of assembly/optimizers.ts over all parameters at once; see backend.ts. */

export function sgdStep(
  rt: WasmRuntime,
  params: readonly Float32Array[],
  grads: readonly Float32Array[],
  momentumBuffers: readonly Float32Array[] | null,
  updates: readonly Float32Array[],
  c: SgdConstants,
): void {
  runOverElements(
    rt,
    'sgdStep',
    [
      { buffers: params, access: 'update' },
      { buffers: grads, access: 'read' },
      { buffers: momentumBuffers, access: 'update' },
      { buffers: updates, access: 'write' },
    ],
    [c.lr, c.weightDecay, c.momentum, 1 - c.dampening, Number(c.nesterov), Number(c.firstStep)],
  );
}

export function adamStep(
  rt: WasmRuntime,
  params: readonly Float32Array[],
  grads: readonly Float32Array[],
  m: readonly Float32Array[],
  v: readonly Float32Array[],
  updates: readonly Float32Array[],
  c: AdamConstants,
): void {
  runOverElements(
    rt,
    'adamStep',
    [
      { buffers: params, access: 'update' },
      { buffers: grads, access: 'read' },
      { buffers: m, access: 'update' },
      { buffers: v, access: 'update' },
      { buffers: updates, access: 'write' },
    ],
    [c.beta1, 1 - c.beta1, c.beta2, 1 - c.beta2, c.eps, c.weightDecay, c.gradientStep, c.momentStep, c.rootCorrection, c.decoupledDecay],
  );
}

export function rmspropStep(
  rt: WasmRuntime,
  params: readonly Float32Array[],
  grads: readonly Float32Array[],
  squares: readonly Float32Array[],
  means: readonly Float32Array[] | null,
  momentumBuffers: readonly Float32Array[] | null,
  updates: readonly Float32Array[],
  c: RmspropConstants,
): void {
  runOverElements(
    rt,
    'rmspropStep',
    [
      { buffers: params, access: 'update' },
      { buffers: grads, access: 'read' },
      { buffers: squares, access: 'update' },
      { buffers: means, access: 'update' },
      { buffers: momentumBuffers, access: 'update' },
      { buffers: updates, access: 'write' },
    ],
    [c.lr, c.alpha, 1 - c.alpha, c.eps, c.weightDecay, c.momentum, Number(c.firstStep)],
  );
}

/** Staging both arrays would cost more than the reference loop: SIMD only for arrays in wasm memory. */
export function addInPlace(rt: WasmRuntime, target: Float32Array, addend: Float32Array): void {
  if (!rt.heap.holdsAll(target, addend)) return referenceBackend.addInPlace(target, addend);
  runOverElements(
    rt,
    'addInPlace',
    [
      { buffers: [target], access: 'update' },
      { buffers: [addend], access: 'read' },
    ],
    [],
  );
}
