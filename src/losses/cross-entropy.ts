import { alloc } from '../tensor/memory.js';
import { Tensor } from '../tensor/tensor.js';
import { checkOutput, type Loss } from './loss.js';

/**
 * PyTorch's CrossEntropyLoss on logits z: mean over n of log Σⱼ exp(zₙⱼ) − zₙ,yₙ, computed
 * with the max subtracted. A final softmax is absorbed (log-softmax is stable where log(softmax)
 * is not); any other output is taken as logits, as the contract says.
 * Gradient: (softmax(z) − onehot(y)) / N.
 */
export const crossEntropy: Loss = {
  name: 'cross_entropy',
  fuses: 'softmax',
  // the softmax of one output is 1 whatever it is: a one-unit output takes binary_cross_entropy
  oneUnitThreshold: null,
  compute(z, labels) {
    const [rows, cols] = checkOutput('cross_entropy', z, labels);
    const probs = alloc(z.size);
    let total = 0;
    for (let r = 0; r < rows; r++) {
      const o = r * cols;
      let max = -Infinity;
      for (let c = 0; c < cols; c++) max = Math.max(max, z.data[o + c]);
      let s = 0;
      for (let c = 0; c < cols; c++) s += Math.exp(z.data[o + c] - max);
      for (let c = 0; c < cols; c++) probs[o + c] = Math.exp(z.data[o + c] - max) / s;
      total += max + Math.log(s) - z.data[o + labels[r]];
    }
    const out = alloc(1);
    out[0] = total / rows;
    return Tensor.result(out, [], [z], (g) => {
      z.sendGrad((gz, acc) => {
        const k = g[0] / rows;
        for (let r = 0; r < rows; r++) {
          for (let c = 0; c < cols; c++) {
            const i = r * cols + c;
            const v = (probs[i] - (c === labels[r] ? 1 : 0)) * k;
            gz[i] = acc ? gz[i] + v : v;
          }
        }
      });
    });
  },
};
