import { backend, type ConvGeometry } from '../../backend/backend.js';
import { alloc } from '../memory.js';
import { Tensor } from '../tensor.js';

/** Output size of a convolution or pooling window along one dimension (floor mode). */
export function convOutputSize(size: number, kernel: number, stride: number, padding: number): number {
  return Math.floor((size + 2 * padding - kernel) / stride) + 1;
}

/**
 * PyTorch's conv2d (a cross-correlation): x [N, C, H, W], weight [O, C, KH, KW], bias [O],
 * symmetric zero padding. Output [N, O, ⌊(H + 2p − KH)/s⌋ + 1, ⌊(W + 2p − KW)/s⌋ + 1].
 */
export function conv2d(x: Tensor, weight: Tensor, bias: Tensor | null, stride: number, padding: number): Tensor {
  const [batch, inChannels, inHeight, inWidth] = x.shape;
  const [outChannels, wIn, kernelHeight, kernelWidth] = weight.shape;
  if (x.ndim !== 4 || weight.ndim !== 4 || wIn !== inChannels) {
    throw new Error(`conv2d: input [${x.shape.join(', ')}] does not fit weight [${weight.shape.join(', ')}]`);
  }
  const g: ConvGeometry = {
    batch,
    inChannels,
    inHeight,
    inWidth,
    outChannels,
    kernelHeight,
    kernelWidth,
    stride,
    padding,
    outHeight: convOutputSize(inHeight, kernelHeight, stride, padding),
    outWidth: convOutputSize(inWidth, kernelWidth, stride, padding),
  };
  if (g.outHeight < 1 || g.outWidth < 1) {
    throw new Error(`conv2d: a ${kernelHeight}x${kernelWidth} kernel does not fit a ${inHeight}x${inWidth} input`);
  }
  const k = backend();
  const inner = g.outHeight * g.outWidth;
  const y = alloc(batch * outChannels * inner);
  k.conv2d(x.data, weight.data, y, g);
  if (bias !== null) k.addBias(y, bias.data, y, batch, outChannels, inner);
  const inputs = bias === null ? [x, weight] : [x, weight, bias];
  return Tensor.result(y, [batch, outChannels, g.outHeight, g.outWidth], inputs, (dy) => {
    x.sendGrad((dx, acc) => k.conv2dBackwardInput(dy, weight.data, dx, g, acc));
    weight.sendGrad((dw, acc) => k.conv2dBackwardWeight(dy, x.data, dw, g, acc));
    bias?.sendGrad((db, acc) => k.biasGrad(dy, db, batch, outChannels, inner, acc));
  });
}
