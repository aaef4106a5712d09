import type { PoolGeometry } from '../backend.js';
import type { WasmRuntime } from './runtime.js';

export function maxPool2d(rt: WasmRuntime, x: Float32Array, out: Float32Array, argmax: Int32Array, g: PoolGeometry): void {
  const { staging } = rt;
  try {
    const px = staging.input(x, g.planes * g.inHeight * g.inWidth);
    const outputs = g.planes * g.outHeight * g.outWidth;
    const po = staging.output(out, outputs, false);
    const pa = staging.output(argmax, outputs, false);
    rt.kernels.maxPool2d(px, po, pa, g.planes, g.inHeight, g.inWidth, g.size, g.outHeight, g.outWidth);
  } finally {
    staging.finish();
  }
}

export function maxPool2dBackward(rt: WasmRuntime, dy: Float32Array, argmax: Int32Array, dx: Float32Array, accumulate: boolean): void {
  const { staging } = rt;
  try {
    const pdy = staging.input(dy, dy.length);
    const pa = staging.input(argmax, dy.length);
    const pdx = staging.output(dx, dx.length, accumulate);
    rt.kernels.maxPool2dBackward(pdy, pa, dy.length, pdx, dx.length, Number(accumulate));
  } finally {
    staging.finish();
  }
}
