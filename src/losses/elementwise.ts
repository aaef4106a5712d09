import { alloc } from '../tensor/memory.js';
import { Tensor } from '../tensor/tensor.js';
import { checkOutput } from './loss.js';

/**
 * A loss that compares every output element with its target and takes the mean over all N·C
 * elements, as PyTorch's MSELoss, L1Loss and BCELoss do. The target is the one-hot label, or,
 * for a one-unit output, the label itself (0 or 1), as Keras' binary losses take it.
 * `value(o, t)` is the per-element loss and `slope(o, t)` its derivative in o.
 */
export function elementwiseLoss(
  name: string,
  output: Tensor,
  labels: Int32Array,
  value: (o: number, t: number) => number,
  slope: (o: number, t: number) => number,
): Tensor {
  const [rows, cols] = checkOutput(name, output, labels);
  const target = cols === 1 ? (i: number) => labels[i] : (i: number) => (i % cols === labels[Math.floor(i / cols)] ? 1 : 0);
  const d = output.data;
  let total = 0;
  for (let i = 0; i < d.length; i++) total += value(d[i], target(i));
  const out = alloc(1);
  out[0] = total / (rows * cols);
  return Tensor.result(out, [], [output], (g) => {
    const k = g[0] / (rows * cols);
    output.sendGrad((go, acc) => {
      for (let i = 0; i < d.length; i++) {
        const v = slope(d[i], target(i)) * k;
        go[i] = acc ? go[i] + v : v;
      }
    });
  });
}
