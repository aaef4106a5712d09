import { backend, type PoolGeometry } from '../../backend/backend.js';
import { alloc } from '../memory.js';
import { Tensor } from '../tensor.js';

/** Max pooling over size×size windows with stride size (PyTorch's MaxPool2d(size)). */
export function maxPool2d(x: Tensor, size: number): Tensor {
  const [batch, channels, inHeight, inWidth] = x.shape;
  if (x.ndim !== 4) throw new Error(`maxPool2d needs [N, C, H, W]; got [${x.shape.join(', ')}]`);
  const g: PoolGeometry = {
    planes: batch * channels,
    inHeight,
    inWidth,
    size,
    outHeight: Math.floor(inHeight / size),
    outWidth: Math.floor(inWidth / size),
  };
  if (g.outHeight < 1 || g.outWidth < 1) throw new Error(`maxPool2d: a window of ${size} does not fit a ${inHeight}x${inWidth} input`);
  const k = backend();
  const n = g.planes * g.outHeight * g.outWidth;
  const y = alloc(n);
  // the window maxima's indices live where the output does (the step's arena, inside wasm memory
  // on the wasm backends): a fresh array per step cost a copy each way and a garbage collection
  // every few hundred milliseconds
  const indices = alloc(n);
  const argmax = new Int32Array(indices.buffer, indices.byteOffset, n);
  k.maxPool2d(x.data, y, argmax, g);
  return Tensor.result(y, [batch, channels, g.outHeight, g.outWidth], [x], (dy) => {
    x.sendGrad((dx, acc) => k.maxPool2dBackward(dy, argmax, dx, acc, g));
  });
}
