import type { Random } from '../util/random.js';
import type { Tensor } from '../tensor/tensor.js';

export type InitScheme = 'default' | 'glorot_uniform' | 'glorot_normal' | 'he_uniform' | 'he_normal' | { normal: number };

export interface Fans {
  fanIn: number;
  fanOut: number;
}

/**
 * Fills a weight and its bias. `default` is PyTorch's per-layer default for Linear and Conv2d:
 * kaiming_uniform with a = √5, i.e. weight and bias both U(−1/√fan_in, 1/√fan_in). The named
 * schemes set the weight as Keras and torch.nn.init define them and zero the bias (Keras' default):
 * glorot_uniform U(±√(6/(in+out))), glorot_normal N(0, √(2/(in+out))), he_uniform U(±√(6/in)),
 * he_normal N(0, √(2/in)), {normal: σ} N(0, σ). Draws come weight first, in storage order.
 */
export function initialize(scheme: InitScheme, weight: Tensor, bias: Tensor | null, fans: Fans, rng: Random): void {
  const { fanIn, fanOut } = fans;
  const uniform = (t: Tensor, bound: number) => t.data.forEach((_, i, a) => (a[i] = rng.range(-bound, bound)));
  const normal = (t: Tensor, std: number) => t.data.forEach((_, i, a) => (a[i] = std * rng.normal()));
  if (scheme === 'default') {
    const bound = 1 / Math.sqrt(fanIn);
    uniform(weight, bound);
    if (bias) uniform(bias, bound);
    return;
  }
  if (typeof scheme === 'object') normal(weight, scheme.normal);
  else if (scheme === 'glorot_uniform') uniform(weight, Math.sqrt(6 / (fanIn + fanOut)));
  else if (scheme === 'glorot_normal') normal(weight, Math.sqrt(2 / (fanIn + fanOut)));
  else if (scheme === 'he_uniform') uniform(weight, Math.sqrt(6 / fanIn));
  else normal(weight, Math.sqrt(2 / fanIn));
  bias?.data.fill(0);
}
