import type { Random } from '../../util/random.js';
import { alloc } from '../memory.js';
import { Tensor } from '../tensor.js';

export type DropoutMode = 'inverted' | 'classic';

/**
 * Drops each element with probability `rate` while training. `inverted` (PyTorch, Keras) scales
 * the kept ones by 1/(1 − rate) and is the identity at test time; `classic` (Srivastava et al.,
 * the training tips) keeps them as they are and scales by (1 − rate) at test time, which is the same as
 * multiplying the next layer's weights by (1 − rate). One uniform draw per element, in order:
 * dropped when u < rate.
 */
export function dropout(x: Tensor, rate: number, mode: DropoutMode, training: boolean, rng: Random): Tensor {
  if (!training) {
    if (mode === 'inverted' || rate === 0) return x;
    return scaleBy(x, null, 1 - rate);
  }
  const mask = new Uint8Array(x.size);
  for (let i = 0; i < mask.length; i++) mask[i] = rng.uniform() < rate ? 0 : 1;
  return scaleBy(x, mask, mode === 'inverted' ? 1 / (1 - rate) : 1);
}

function scaleBy(x: Tensor, mask: Uint8Array | null, factor: number): Tensor {
  const y = alloc(x.size);
  const d = x.data;
  for (let i = 0; i < y.length; i++) y[i] = mask === null || mask[i] ? d[i] * factor : 0;
  return Tensor.result(y, x.shape, [x], (g) => {
    x.sendGrad((gx, acc) => {
      for (let i = 0; i < gx.length; i++) {
        const v = mask === null || mask[i] ? g[i] * factor : 0;
        gx[i] = acc ? gx[i] + v : v;
      }
    });
  });
}
