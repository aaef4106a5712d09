import { alloc } from '../memory.js';
import { Tensor } from '../tensor.js';

function rowsOf(x: Tensor): [number, number] {
  const cols = x.shape[x.ndim - 1];
  return [x.size / cols, cols];
}

/**
 * softmax(x)ᵢ = exp(xᵢ − max x) / Σⱼ exp(xⱼ − max x) along the last axis.
 * Backward: dx = y ⊙ (dy − Σ dy ⊙ y).
 */
export function softmax(x: Tensor): Tensor {
  const [rows, cols] = rowsOf(x);
  const y = alloc(x.size);
  const d = x.data;
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let max = -Infinity;
    for (let c = 0; c < cols; c++) max = Math.max(max, d[o + c]);
    let s = 0;
    for (let c = 0; c < cols; c++) s += Math.exp(d[o + c] - max);
    for (let c = 0; c < cols; c++) y[o + c] = Math.exp(d[o + c] - max) / s;
  }
  return Tensor.result(y, x.shape, [x], (g) => {
    x.sendGrad((gx, acc) => {
      for (let r = 0; r < rows; r++) {
        const o = r * cols;
        let dot = 0;
        for (let c = 0; c < cols; c++) dot += g[o + c] * y[o + c];
        for (let c = 0; c < cols; c++) gx[o + c] = (acc ? gx[o + c] : 0) + y[o + c] * (g[o + c] - dot);
      }
    });
  });
}

/**
 * log softmax(x)ᵢ = xᵢ − max x − log Σⱼ exp(xⱼ − max x), stable for any logits.
 * Backward: dx = dy − softmax(x)·Σ dy.
 */
export function logSoftmax(x: Tensor): Tensor {
  const [rows, cols] = rowsOf(x);
  const y = alloc(x.size);
  const d = x.data;
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let max = -Infinity;
    for (let c = 0; c < cols; c++) max = Math.max(max, d[o + c]);
    let s = 0;
    for (let c = 0; c < cols; c++) s += Math.exp(d[o + c] - max);
    const lse = max + Math.log(s);
    for (let c = 0; c < cols; c++) y[o + c] = d[o + c] - lse;
  }
  return Tensor.result(y, x.shape, [x], (g) => {
    x.sendGrad((gx, acc) => {
      for (let r = 0; r < rows; r++) {
        const o = r * cols;
        let total = 0;
        for (let c = 0; c < cols; c++) total += g[o + c];
        for (let c = 0; c < cols; c++) gx[o + c] = (acc ? gx[o + c] : 0) + g[o + c] - Math.exp(y[o + c]) * total;
      }
    });
  });
}
