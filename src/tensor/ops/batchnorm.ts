import { alloc } from '../memory.js';
import { Tensor } from '../tensor.js';

export interface BatchNormState {
  runningMean: Float32Array;
  runningVar: Float32Array;
  momentum: number;
  eps: number;
}

/**
 * PyTorch's BatchNorm1d ([N, C]) and BatchNorm2d ([N, C, H, W]): per channel c,
 * y = γ·(x − μ)/√(σ² + ε) + β. Training uses the batch's μ and biased σ² and moves the running
 * statistics by `momentum` (the running variance takes the unbiased σ²); evaluation uses the
 * running ones. Backward (training), with x̂ the normalised input and M values per channel:
 * dx = (M·dx̂ − Σdx̂ − x̂·Σ(dx̂·x̂)) / (M·√(σ² + ε)), dx̂ = γ·dy.
 */
export function batchNorm(x: Tensor, gamma: Tensor, beta: Tensor, state: BatchNormState, training: boolean): Tensor {
  const channels = x.shape[1];
  const rows = x.shape[0];
  const inner = x.size / (rows * channels);
  const count = rows * inner;
  if (training && count < 2) throw new Error('batchnorm needs more than one value per channel to train (batch of 1?)');
  const mean = new Float64Array(channels);
  const invStd = new Float64Array(channels);
  const d = x.data;
  if (training) {
    // both passes walk x in memory order (a channel at a time strides across every row, which
    // is slow for [N, C]), adding to each channel's sum in the same order as channel by channel
    const sums = new Float64Array(channels);
    for (let r = 0, o = 0; r < rows; r++) for (let c = 0; c < channels; c++) for (let i = 0; i < inner; i++, o++) sums[c] += d[o];
    for (let c = 0; c < channels; c++) mean[c] = sums[c] / count;
    const squares = new Float64Array(channels);
    for (let r = 0, o = 0; r < rows; r++) {
      for (let c = 0; c < channels; c++) {
        const mu = mean[c];
        for (let i = 0; i < inner; i++, o++) squares[c] += (d[o] - mu) ** 2;
      }
    }
    const m = state.momentum;
    for (let c = 0; c < channels; c++) {
      const v = squares[c];
      invStd[c] = 1 / Math.sqrt(v / count + state.eps);
      state.runningMean[c] = (1 - m) * state.runningMean[c] + m * mean[c];
      state.runningVar[c] = (1 - m) * state.runningVar[c] + (m * v) / (count - 1);
    }
  } else {
    for (let c = 0; c < channels; c++) {
      mean[c] = state.runningMean[c];
      invStd[c] = 1 / Math.sqrt(state.runningVar[c] + state.eps);
    }
  }
  const xhat = alloc(x.size);
  const y = alloc(x.size);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < channels; c++) {
      for (let i = 0, o = (r * channels + c) * inner; i < inner; i++) {
        xhat[o + i] = (d[o + i] - mean[c]) * invStd[c];
        y[o + i] = gamma.data[c] * xhat[o + i] + beta.data[c];
      }
    }
  }
  return Tensor.result(y, x.shape, [x, gamma, beta], (g) => {
    const sumG = new Float64Array(channels);
    const sumGX = new Float64Array(channels);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < channels; c++) {
        for (let i = 0, o = (r * channels + c) * inner; i < inner; i++) {
          sumG[c] += g[o + i];
          sumGX[c] += g[o + i] * xhat[o + i];
        }
      }
    }
    gamma.sendGrad((gg, acc) => {
      for (let c = 0; c < channels; c++) gg[c] = (acc ? gg[c] : 0) + sumGX[c];
    });
    beta.sendGrad((gb, acc) => {
      for (let c = 0; c < channels; c++) gb[c] = (acc ? gb[c] : 0) + sumG[c];
    });
    x.sendGrad((gx, acc) => {
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < channels; c++) {
          const k = gamma.data[c] * invStd[c];
          for (let i = 0, o = (r * channels + c) * inner; i < inner; i++) {
            // in evaluation the statistics are constants: dx = γ·dy/√(σ² + ε)
            const v = training ? (k * (count * g[o + i] - sumG[c] - xhat[o + i] * sumGX[c])) / count : k * g[o + i];
            gx[o + i] = (acc ? gx[o + i] : 0) + v;
          }
        }
      }
    });
  });
}
