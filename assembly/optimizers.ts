import { at, tailIn, tailOut } from './tail';

/**
 * Whole optimizer steps on elements [0, n) of one parameter (the formulas are in backend.ts):
 * each element's gradient, state and parameter are read once and written once, instead of once
 * per transformation of the chain. Threads split a step into ranges of elements. Absent state
 * streams (no momentum, not centered) are address 0. `work` is the thread's scratch, used for
 * the tail (see tail.ts). Complements such as 1 − β come from the caller, computed in float64.
 */

export function sgdStep(
  work: usize,
  param: usize,
  grad: usize,
  buffer: usize,
  update: usize,
  n: i32,
  lr: f32,
  weightDecay: f32,
  momentum: f32,
  dampeningComplement: f32,
  nesterov: bool,
  firstStep: bool,
): void {
  const negLr = f32x4.splat(-lr);
  const decay = f32x4.splat(weightDecay);
  const mu = f32x4.splat(momentum);
  const keep = f32x4.splat(dampeningComplement);
  const coupled = weightDecay != 0;
  const bytes = <usize>n << 2;
  const whole = bytes & ~15;
  for (let i: usize = 0; i < whole; i += 16) {
    sgdLanes(param + i, grad + i, at(buffer, i), update + i, negLr, coupled, decay, mu, keep, nesterov, firstStep);
  }
  const rest = bytes - whole;
  if (rest == 0) return;
  const p = tailIn(work, param + whole, rest);
  const b = tailIn(work + 16, at(buffer, whole), rest);
  sgdLanes(p, tailIn(work + 32, grad + whole, rest), b, work + 48, negLr, coupled, decay, mu, keep, nesterov, firstStep);
  tailOut(param + whole, p, rest);
  tailOut(at(buffer, whole), b, rest);
  tailOut(update + whole, work + 48, rest);
}

@inline
function sgdLanes(
  param: usize,
  grad: usize,
  buffer: usize,
  update: usize,
  negLr: v128,
  coupled: bool,
  decay: v128,
  mu: v128,
  keep: v128,
  nesterov: bool,
  firstStep: bool,
): void {
  const p = v128.load(param);
  let g = v128.load(grad);
  if (coupled) g = f32x4.add(g, f32x4.mul(decay, p));
  let step = g;
  if (buffer != 0) {
    const b = firstStep ? g : f32x4.add(f32x4.mul(mu, v128.load(buffer)), f32x4.mul(keep, g));
    v128.store(buffer, b);
    step = nesterov ? f32x4.add(g, f32x4.mul(mu, b)) : b;
  }
  const delta = f32x4.mul(negLr, step);
  v128.store(update, delta);
  v128.store(param, f32x4.add(p, delta));
}

export function adamStep(
  work: usize,
  param: usize,
  grad: usize,
  m: usize,
  v: usize,
  update: usize,
  n: i32,
  beta1: f32,
  beta1Complement: f32,
  beta2: f32,
  beta2Complement: f32,
  eps: f32,
  weightDecay: f32,
  gradientStep: f32,
  momentStep: f32,
  rootCorrection: f32,
  decoupledDecay: f32,
): void {
  const b1 = f32x4.splat(beta1);
  const k1 = f32x4.splat(beta1Complement);
  const b2 = f32x4.splat(beta2);
  const k2 = f32x4.splat(beta2Complement);
  const e = f32x4.splat(eps);
  const decay = f32x4.splat(weightDecay);
  const a = f32x4.splat(gradientStep);
  const b = f32x4.splat(momentStep);
  const c = f32x4.splat(rootCorrection);
  const d = f32x4.splat(decoupledDecay);
  const coupled = weightDecay != 0;
  const bytes = <usize>n << 2;
  const whole = bytes & ~15;
  for (let i: usize = 0; i < whole; i += 16) {
    adamLanes(param + i, grad + i, m + i, v + i, update + i, b1, k1, b2, k2, e, coupled, decay, a, b, c, d);
  }
  const rest = bytes - whole;
  if (rest == 0) return;
  const p = tailIn(work, param + whole, rest);
  const mm = tailIn(work + 16, m + whole, rest);
  const vv = tailIn(work + 32, v + whole, rest);
  adamLanes(p, tailIn(work + 48, grad + whole, rest), mm, vv, work + 64, b1, k1, b2, k2, e, coupled, decay, a, b, c, d);
  tailOut(param + whole, p, rest);
  tailOut(m + whole, mm, rest);
  tailOut(v + whole, vv, rest);
  tailOut(update + whole, work + 64, rest);
}

@inline
function adamLanes(
  param: usize,
  grad: usize,
  m: usize,
  v: usize,
  update: usize,
  beta1: v128,
  beta1Complement: v128,
  beta2: v128,
  beta2Complement: v128,
  eps: v128,
  coupled: bool,
  decay: v128,
  gradientStep: v128,
  momentStep: v128,
  rootCorrection: v128,
  decoupledDecay: v128,
): void {
  const p = v128.load(param);
  let g = v128.load(grad);
  if (coupled) g = f32x4.add(g, f32x4.mul(decay, p));
  const mi = f32x4.add(f32x4.mul(beta1, v128.load(m)), f32x4.mul(beta1Complement, g));
  const vi = f32x4.add(f32x4.mul(beta2, v128.load(v)), f32x4.mul(f32x4.mul(beta2Complement, g), g));
  v128.store(m, mi);
  v128.store(v, vi);
  const numerator = f32x4.add(f32x4.mul(gradientStep, g), f32x4.mul(momentStep, mi));
  const step = f32x4.div(numerator, f32x4.add(f32x4.mul(rootCorrection, f32x4.sqrt(vi)), eps));
  const delta = f32x4.neg(f32x4.add(step, f32x4.mul(decoupledDecay, p)));
  v128.store(update, delta);
  v128.store(param, f32x4.add(p, delta));
}

export function rmspropStep(
  work: usize,
  param: usize,
  grad: usize,
  square: usize,
  mean: usize,
  buffer: usize,
  update: usize,
  n: i32,
  lr: f32,
  alpha: f32,
  alphaComplement: f32,
  eps: f32,
  weightDecay: f32,
  momentum: f32,
  firstStep: bool,
): void {
  const negLr = f32x4.splat(-lr);
  const al = f32x4.splat(alpha);
  const keep = f32x4.splat(alphaComplement);
  const e = f32x4.splat(eps);
  const decay = f32x4.splat(weightDecay);
  const mu = f32x4.splat(momentum);
  const coupled = weightDecay != 0;
  const bytes = <usize>n << 2;
  const whole = bytes & ~15;
  for (let i: usize = 0; i < whole; i += 16) {
    rmspropLanes(param + i, grad + i, square + i, at(mean, i), at(buffer, i), update + i, negLr, al, keep, e, coupled, decay, mu, firstStep);
  }
  const rest = bytes - whole;
  if (rest == 0) return;
  const p = tailIn(work, param + whole, rest);
  const sq = tailIn(work + 16, square + whole, rest);
  const mn = tailIn(work + 32, at(mean, whole), rest);
  const b = tailIn(work + 48, at(buffer, whole), rest);
  rmspropLanes(p, tailIn(work + 64, grad + whole, rest), sq, mn, b, work + 80, negLr, al, keep, e, coupled, decay, mu, firstStep);
  tailOut(param + whole, p, rest);
  tailOut(square + whole, sq, rest);
  tailOut(at(mean, whole), mn, rest);
  tailOut(at(buffer, whole), b, rest);
  tailOut(update + whole, work + 80, rest);
}

@inline
function rmspropLanes(
  param: usize,
  grad: usize,
  square: usize,
  mean: usize,
  buffer: usize,
  update: usize,
  negLr: v128,
  alpha: v128,
  alphaComplement: v128,
  eps: v128,
  coupled: bool,
  decay: v128,
  mu: v128,
  firstStep: bool,
): void {
  const p = v128.load(param);
  let g = v128.load(grad);
  if (coupled) g = f32x4.add(g, f32x4.mul(decay, p));
  const sq = f32x4.add(f32x4.mul(alpha, v128.load(square)), f32x4.mul(f32x4.mul(alphaComplement, g), g));
  v128.store(square, sq);
  let variance = sq;
  if (mean != 0) {
    const mn = f32x4.add(f32x4.mul(alpha, v128.load(mean)), f32x4.mul(alphaComplement, g));
    v128.store(mean, mn);
    variance = f32x4.sub(variance, f32x4.mul(mn, mn));
  }
  let step = f32x4.div(g, f32x4.add(f32x4.sqrt(variance), eps));
  if (buffer != 0) {
    if (!firstStep) step = f32x4.add(f32x4.mul(mu, v128.load(buffer)), step);
    v128.store(buffer, step);
  }
  const delta = f32x4.mul(negLr, step);
  v128.store(update, delta);
  v128.store(param, f32x4.add(p, delta));
}

/** target += addend over [0, n): how the generic optimizer path applies its updates. */
export function addInPlace(work: usize, target: usize, addend: usize, n: i32): void {
  const bytes = <usize>n << 2;
  let i: usize = 0;
  for (; i + 16 <= bytes; i += 16) v128.store(target + i, f32x4.add(v128.load(target + i), v128.load(addend + i)));
  for (; i < bytes; i += 4) store<f32>(target + i, load<f32>(target + i) + load<f32>(addend + i));
}
