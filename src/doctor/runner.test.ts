/**
 * The trial threads fail loudly, never silently: an error in a thread rejects its call (an
 * InputError stays one), and a thread that dies fails its calls, pending and later, at once.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { Worker } from 'node:worker_threads';
import { InputError, RunError } from '../errors.js';
import { parseSpec } from '../spec/load.js';
import { originOf } from '../train/run.js';
import { localRunners, Trial, WorkerRunner, type TrialState } from './runner.js';

const dir = mkdtempSync(path.join(tmpdir(), 'remedy-runner-'));
writeFileSync(path.join(dir, 'ok.csv'), '0,1,2\n1,3,4\n2,5,6\n0,7,8\n');
writeFileSync(path.join(dir, 'cell.csv'), '0,1,2\n1,x,4\n');
const spec = (file: string) =>
  parseSpec({
    data: { source: `csv:${file}`, validationSplit: 0 },
    model: { layers: [{ type: 'dense', units: 3 }] },
    optimizer: { type: 'sgd', lr: 0.1 },
    batchSize: 2,
    epochs: 1,
  });
const origin = originOf(path.join(dir, 'spec.json'));

test('an error in a trial thread rejects its call as an InputError naming the file; the thread carries on', async () => {
  const runner = new WorkerRunner(origin, 1);
  try {
    await assert.rejects(runner.train(0, spec('cell.csv'), 1), (e) => e instanceof InputError && /cell\.csv: row 2, column 2/.test(e.message));
    assert.equal((await runner.train(1, spec('ok.csv'), 1)).history.length, 1);
  } finally {
    await runner.close();
  }
});

test('a trial thread that dies fails its pending call and every later one, instead of waiting forever', async () => {
  const runner = new WorkerRunner(origin, 1);
  const thread = (runner as unknown as { threads: { workers: { worker: Worker }[] } }).threads.workers[0].worker;
  try {
    const pending = runner.train(0, spec('ok.csv'), 1_000_000);
    await thread.terminate();
    await assert.rejects(pending, (e) => e instanceof RunError && /trial thread stopped/.test(e.message));
    await assert.rejects(runner.train(1, spec('ok.csv'), 1), RunError);
  } finally {
    await runner.close();
  }
});

test('runs in local lanes share two trial threads: trial 0 of each run is a trial of its own, trained as it is alone, and the threads end with the last run', async () => {
  const seeded = (seed: number) => ({ ...spec('ok.csv'), seed });
  const [a, b] = [localRunners.lane!('0')(origin), localRunners.lane!('1')(origin)];
  const alone = new WorkerRunner(origin, 1);
  const threads = (r: unknown) => (r as { threads: { closed: boolean } }).threads;
  try {
    assert.equal(threads(a), threads(b));
    const [ta, tb] = await Promise.all([a.train(0, seeded(1), 3), b.train(0, seeded(2), 3)]);
    const metrics = (s: TrialState) => s.history.map(({ loss, acc }) => [loss, acc]);
    assert.deepEqual(metrics(ta), metrics(await alone.train(0, seeded(1), 3)));
    assert.deepEqual(metrics(tb), metrics(await alone.train(1, seeded(2), 3)));
    assert.notDeepEqual(metrics(ta), metrics(tb));
    await a.close();
    assert.equal(threads(b).closed, false);
    assert.equal((await b.train(0, seeded(2), 4)).history.length, 4);
  } finally {
    await a.close();
    await b.close();
    await alone.close();
  }
  assert.equal(threads(b).closed, true);
});

test('a new trial goes to the thread with the fewest calls under way, then the one with the fewest trials', async () => {
  const runner = new WorkerRunner(origin, 2);
  const thread = (id: number) => (runner as unknown as { home: Map<number, { thread: number }> }).home.get(id)!.thread;
  let long: Promise<unknown> = Promise.resolve();
  try {
    for (const id of [0, 1, 2]) await runner.train(id, spec('ok.csv'), 1);
    assert.deepEqual([thread(0), thread(1), thread(2)], [0, 1, 0], 'nothing under way: the fewest trials, then the first');
    // thread 1 holds fewer trials, but is busy training one
    long = runner.train(1, spec('ok.csv'), 1_000_000).catch(() => {});
    await runner.train(3, spec('ok.csv'), 1);
    assert.equal(thread(3), 0);
  } finally {
    await runner.close();
    await long;
  }
});

test('a trial resumed from its checkpoint elsewhere goes on bit for bit: history, weights, and the keeper of its best epoch', async () => {
  const trialSpec = parseSpec({
    seed: 4,
    data: { source: 'mnist-sample', trainLimit: 300 },
    model: { layers: [{ type: 'dense', units: 16, activation: 'relu' }, { type: 'dropout', rate: 0.2 }, { type: 'dense', units: 10, activation: 'softmax' }] },
    optimizer: { type: 'adam', lr: 0.05 },
    batchSize: 30,
    epochs: 6,
  });
  const withoutTimes = (s: TrialState) => ({ ...s, history: s.history.map(({ seconds: _, ...r }) => r) });
  const straight = await Trial.create(trialSpec, origin);
  await straight.train(2);
  const expected = withoutTimes(await straight.train(6));
  const first = await Trial.create(trialSpec, origin);
  await first.train(2);
  const resumed = await Trial.create(trialSpec, origin);
  resumed.restore(first.checkpoint(), 'trial');
  first.release();
  assert.deepEqual(withoutTimes(await resumed.train(6)), expected);
  // a high rate makes the validation loss wobble: the best epoch is not the last, and both keep it
  assert.notEqual(expected.epoch, 6, 'the keeper matters in this run');
  assert.deepEqual(resumed.test(), straight.test());
  const weights = (t: Trial) => [...t.trainer.model.stateDict().values()].map((w) => w.data);
  assert.deepEqual(weights(resumed), weights(straight), 'the best epoch\'s weights, restored for the test');
  resumed.release();
  straight.release();
});
