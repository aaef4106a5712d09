import type { PoolGeometry } from '../backend.js';
import { runOverUnits } from './element-ranges.js';
import type { WasmRuntime } from './runtime.js';

/** Max pooling; threads split the planes, of the backward pass too. */

export function maxPool2d(rt: WasmRuntime, x: Float32Array, out: Float32Array, argmax: Int32Array, g: PoolGeometry): void {
  const { staging } = rt;
  try {
    const px = staging.input(x, g.planes * g.inHeight * g.inWidth);
    const outputs = g.planes * g.outHeight * g.outWidth;
    const po = staging.output(out, outputs, false);
    const pa = staging.output(argmax, outputs, false);
    runOverUnits(rt, 'maxPool2d', g.planes, g.planes * g.inHeight * g.inWidth, (first, last) => [
      px,
      po,
      pa,
      first,
      last,
      g.inHeight,
      g.inWidth,
      g.size,
      g.outHeight,
      g.outWidth,
    ]);
  } finally {
    staging.finish();
  }
}

export function maxPool2dBackward(
  rt: WasmRuntime,
  dy: Float32Array,
  argmax: Int32Array,
  dx: Float32Array,
  accumulate: boolean,
  g: PoolGeometry,
): void {
  const { staging } = rt;
  try {
    const pdy = staging.input(dy, dy.length);
    const pa = staging.input(argmax, dy.length);
    const pdx = staging.output(dx, dx.length, accumulate);
    const acc = Number(accumulate);
    runOverUnits(rt, 'maxPool2dWindowsBackward', g.planes, dx.length, (first, last) => [
      pdy,
      pa,
      pdx,
      first,
      last,
      g.inHeight,
      g.inWidth,
      g.size,
      g.outHeight,
      g.outWidth,
      acc,
    ]);
  } finally {
    staging.finish();
  }
}
