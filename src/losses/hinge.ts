import { alloc } from '../tensor/memory.js';
import { Tensor } from '../tensor/tensor.js';
import { checkOutput, type Loss } from './loss.js';

/**
 * The multi-class hinge loss of PyTorch's MultiMarginLoss (p = 1, margin = 1):
 * per example Σ_{c≠y} max(0, 1 − x_y + x_c) / C, mean over the batch.
 */
export const hinge: Loss = {
  name: 'hinge',
  fuses: null,
  compute(output, labels) {
    const [rows, cols] = checkOutput('hinge', output, labels);
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
