import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Random } from '../../util/random.js';
import type { Backend } from '../backend.js';
import { referenceBackend } from '../reference/index.js';
import { assertAgrees, randomArray } from './agreement.js';
import { createWasmAllocators, createWasmBackend, createWasmRuntime } from './index.js';

/** Whole vectors, tails of 1 to 3, one element; 70001 makes the step large enough to share between threads. */
const LENGTHS = [1, 3, 4, 17, 1002, 70001];

type Streams = Record<string, Float32Array[]>;

interface Case {
  name: string;
  streams: string[];
  /**
   * Streams that hold squares: kept above the mean's square by a margin, since a variance
   * v − m² near zero leaves no digits for two rounding orders to agree on.
   */
  squares?: string[];
  step(backend: Backend, s: Streams): void;
}

const adam = { beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, gradientStep: 0, momentStep: 1e-3 / 0.1, rootCorrection: 1 / Math.sqrt(0.001), decoupledDecay: 0 };
const rmsprop = { lr: 0.01, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, firstStep: false };
const sgd = { lr: 0.1, weightDecay: 0, momentum: 0, dampening: 0, nesterov: false, firstStep: false };

const CASES: Case[] = [
  { name: 'sgd', streams: ['p', 'g', 'u'], step: (b, s) => b.sgdStep(s.p, s.g, null, s.u, sgd) },
  {
    name: 'sgd, momentum, dampening, weight decay',
    streams: ['p', 'g', 'buf', 'u'],
    step: (b, s) => b.sgdStep(s.p, s.g, s.buf, s.u, { ...sgd, momentum: 0.9, dampening: 0.2, weightDecay: 0.01 }),
  },
  {
    name: 'sgd, Nesterov, first step',
    streams: ['p', 'g', 'buf', 'u'],
    step: (b, s) => b.sgdStep(s.p, s.g, s.buf, s.u, { ...sgd, momentum: 0.9, nesterov: true, firstStep: true }),
  },
  { name: 'adam', streams: ['p', 'g', 'm', 'v', 'u'], squares: ['v'], step: (b, s) => b.adamStep(s.p, s.g, s.m, s.v, s.u, adam) },
  {
    name: 'adam, every term',
    streams: ['p', 'g', 'm', 'v', 'u'],
    squares: ['v'],
    step: (b, s) => b.adamStep(s.p, s.g, s.m, s.v, s.u, { ...adam, weightDecay: 0.01, gradientStep: 3e-3, decoupledDecay: 1e-4 }),
  },
  { name: 'rmsprop', streams: ['p', 'g', 'sq', 'u'], squares: ['sq'], step: (b, s) => b.rmspropStep(s.p, s.g, s.sq, null, null, s.u, rmsprop) },
  {
    name: 'rmsprop, centered, momentum, weight decay',
    streams: ['p', 'g', 'sq', 'mean', 'buf', 'u'],
    squares: ['sq'],
    step: (b, s) => b.rmspropStep(s.p, s.g, s.sq, s.mean, s.buf, s.u, { ...rmsprop, momentum: 0.9, weightDecay: 0.01 }),
  },
  {
    name: 'rmsprop, momentum, first step',
    streams: ['p', 'g', 'sq', 'buf', 'u'],
    squares: ['sq'],
    step: (b, s) => b.rmspropStep(s.p, s.g, s.sq, null, s.buf, s.u, { ...rmsprop, momentum: 0.9, firstStep: true }),
  },
];

const rt = createWasmRuntime({ threads: 2, shareAlways: true });
rt.team.waitUntilReady();
const backend = createWasmBackend(() => rt);
const { persistent } = createWasmAllocators(rt);
const rng = new Random(5);

function randomStreams(c: Case, inside: boolean): Streams {
  const streams: Streams = {};
  for (const name of c.streams) {
    streams[name] = LENGTHS.map((n) => randomArray(rng, n, inside ? persistent.alloc(n) : new Float32Array(n)));
  }
  for (const name of c.squares ?? []) {
    streams[name].forEach((sq, i) => {
      for (let j = 0; j < sq.length; j++) sq[j] = 0.1 + Math.abs(sq[j]) + (streams.mean?.[i][j] ?? 0) ** 2;
    });
  }
  return streams;
}

function copy(streams: Streams): Streams {
  return Object.fromEntries(Object.entries(streams).map(([name, buffers]) => [name, buffers.map((b) => Float32Array.from(b))]));
}

test('optimizer steps agree with the reference, inside and outside wasm memory, on two threads', () => {
  assert.equal(rt.team.available(), 2);
  for (const c of CASES) {
    for (const inside of [false, true]) {
      const actual = randomStreams(c, inside);
      const expected = copy(actual);
      c.step(referenceBackend, expected);
      c.step(backend, actual);
      for (const name of c.streams) {
        actual[name].forEach((b, i) => assertAgrees(b, expected[name][i], 1, `${c.name} inside=${inside} ${name}[${LENGTHS[i]}]`));
      }
    }
  }
});

test('optimizer steps may write their updates over the gradients', () => {
  for (const c of CASES) {
    const actual = randomStreams(c, true);
    actual.u = actual.g;
    const expected = copy(actual);
    expected.u = expected.g;
    c.step(referenceBackend, expected);
    c.step(backend, actual);
    for (const name of c.streams) actual[name].forEach((b, i) => assertAgrees(b, expected[name][i], 1, `${c.name} ${name}[${LENGTHS[i]}]`));
  }
});

test('optimizer steps on views that start mid-buffer leave the rest of the buffer alone', () => {
  const outer = randomArray(rng, 64, persistent.alloc(64));
  const before = Float32Array.from(outer);
  // 7 elements from element 1: a misaligned start and a tail of 3
  const view = (offset: number) => [outer.subarray(offset, offset + 7)];
  backend.adamStep(view(1), view(9), view(17), [outer.subarray(25, 32).fill(0.5)], view(33), adam);
  for (let i = 0; i < outer.length; i++) {
    if (i % 8 === 0 || i >= 40) assert.equal(outer[i], before[i], `element ${i}`);
  }
});

test('addInPlace agrees with the reference, inside and outside wasm memory', () => {
  for (const n of LENGTHS) {
    for (const inside of [false, true]) {
      const make = () => randomArray(rng, n, inside ? persistent.alloc(n) : new Float32Array(n));
      const target = make();
      const addend = make();
      const expected = Float32Array.from(target);
      referenceBackend.addInPlace(expected, addend);
      backend.addInPlace(target, addend);
      assertAgrees(target, expected, 0, `addInPlace n=${n} inside=${inside}`);
    }
  }
});
