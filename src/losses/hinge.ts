import { alloc } from '../tensor/memory.js';
import { Tensor } from '../tensor/tensor.js';
import { elementwiseLoss } from './elementwise.js';
import { checkOutput, type Loss } from './loss.js';

/**
 * The multi-class hinge loss of PyTorch's MultiMarginLoss (p = 1, margin = 1):
 * per example Σ_{c≠y} max(0, 1 − x_y + x_c) / C, mean over the batch.
 * A one-unit output takes Keras' binary hinge: max(0, 1 − t·x) with t = ±1 for labels 1 and 0,
 * mean over the batch; class 1 is predicted above 0.
 */
export const hinge: Loss = {
  name: 'hinge',
  fuses: null,
  oneUnitThreshold: () => 0,
  compute(output, labels) {
    const [rows, cols] = checkOutput('hinge', output, labels);
    if (cols === 1) {
      return elementwiseLoss(
        'hinge',
        output,
        labels,
        (x, t) => Math.max(0, 1 - (2 * t - 1) * x),
        (x, t) => (1 - (2 * t - 1) * x > 0 ? 1 - 2 * t : 0),
      );
    }
    const d = output.data;
    let total = 0;
    for (let r = 0; r < rows; r++) {
      const xy = d[r * cols + labels[r]];
      for (let c = 0; c < cols; c++) if (c !== labels[r]) total += Math.max(0, 1 - xy + d[r * cols + c]);
    }
    const out = alloc(1);
    out[0] = total / (rows * cols);
    return Tensor.result(out, [], [output], (g) => {
      const k = g[0] / (rows * cols);
      output.sendGrad((go, acc) => {
        if (!acc) go.fill(0);
        for (let r = 0; r < rows; r++) {
          const y = r * cols + labels[r];
          for (let c = 0; c < cols; c++) {
            if (c === labels[r] || 1 - d[y] + d[r * cols + c] <= 0) continue;
            go[r * cols + c] += k;
            go[y] -= k;
          }
        }
      });
    });
  },
};
