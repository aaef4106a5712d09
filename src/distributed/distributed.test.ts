/**
 * Trials as jobs on Redis, end to end: a redis-server of the test's own on loopback, `remedy
 * worker` processes, and a small doctor run whose --json must equal the local run's, also when a
 * worker is SIGKILLed mid-trial, when Redis restarts, and when the coordinator is killed and
 * started again with its run id.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { Job } from 'bullmq';
import { runDoctor, type DoctorResult } from '../doctor/doctor.js';
import { doctorJson } from '../doctor/doctor-json.js';
import { WorkerRunner, type TrialState } from '../doctor/runner.js';
import { InputError } from '../errors.js';
import { parseSpec } from '../spec/load.js';
import { originOf } from '../train/run.js';
import { assertRefused } from '../testing/cli.js';
import { Remedy } from '../testing/child.js';
import { RedisServer } from '../testing/redis-server.js';
import type { TrialJob } from './jobs.js';
import { TrialQueue } from './redis-runner.js';
import type { CheckpointStore } from './store.js';
import { mayGoOn, movable } from './worker.js';

let redis: RedisServer;
let dir: string;
let specFile: string;
/** The local run (two trial threads): what every distributed run must give, histories included. */
let localResult: DoctorResult;
/** Its --json. */
let local: unknown;

// three rungs of successive halving: trials are extended, so a later rung resumes a checkpoint
const SPEC = {
  name: 'tiny',
  seed: 3,
  data: { source: 'mnist-sample', trainLimit: 3000 },
  model: { layers: [{ type: 'dense', units: 128, activation: 'relu' }, { type: 'dense', units: 10, activation: 'softmax' }] },
  loss: 'cross_entropy',
  optimizer: { type: 'sgd', lr: 0.001 },
  batchSize: 50,
  epochs: 8,
};
const BUDGET = 30;
const origin = () => originOf(specFile);

/**
 * The --json without its timings, trials in a fixed order: the doctor lists a rung's trials as
 * they finish, which varies from run to run locally too.
 */
function comparable(document: object): unknown {
  const strip = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(strip) : typeof v === 'object' && v !== null ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'seconds').map(([k, x]) => [k, strip(x)])) : v;
  const doc = strip(document) as { trials: unknown[] };
  doc.trials.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  return doc;
}

const written = (json: string) => comparable(JSON.parse(readFileSync(path.join(dir, json), 'utf8')) as object);

/** A result without its timings, trials in a fixed order (see comparable). */
const withoutTimes = (r: DoctorResult) => comparable(r);

const doctorArgs = (json: string, runId: string) => ['doctor', specFile, '--budget', String(BUDGET), '--json', path.join(dir, json), '--redis', redis.url, '--run-id', runId];
/** A `remedy worker`; the tests that kill one after its first epoch store every epoch (`--checkpoint-every 0`). */
const worker = (concurrency = 1, checkpointEvery?: number) =>
  new Remedy(['worker', '--redis', redis.url, '--concurrency', String(concurrency), ...(checkpointEvery === undefined ? [] : ['--checkpoint-every', String(checkpointEvery)])]);

before(async () => {
  redis = await RedisServer.start();
  dir = redis.dir;
  specFile = path.join(dir, 'tiny.json');
  writeFileSync(specFile, JSON.stringify(SPEC));
  localResult = await runDoctor(parseSpec(SPEC), origin(), new WorkerRunner(origin(), 2), { budget: BUDGET });
  local = comparable(doctorJson(localResult));
});

after(async () => {
  await redis.stop();
});

test('two workers, one SIGKILLed mid-trial: the other resumes its job from the last checkpoint, and the result equals the local run', { timeout: 180_000 }, async () => {
  const workers = [worker(1, 0), worker(1, 0)];
  const lines: string[] = [];
  const queue = await TrialQueue.open({ redis: redis.url, runId: 'kill' }, (line) => lines.push(line));
  try {
    const running = runDoctor(parseSpec(SPEC), origin(), (await queue.runners())(origin()), { budget: BUDGET });
    // the worker training the baseline, once it has stored its first epoch of four
    const victim = await Promise.race(workers.map(async (w) => (await w.printed(/trial 0 of kill\.0 to 4 epochs: epoch 1 stored/), w)));
    victim.child.kill('SIGKILL');
    const result = await running;
    assert.deepEqual(withoutTimes(result), withoutTimes(localResult), 'the same result, histories and all');
    // the job came back (stalled, not failed) and was continued, not started over
    const survivor = workers.find((w) => w !== victim)!;
    assert.match(survivor.output, /trial 0 of kill\.0 to 4 epochs: from its checkpoint \(again: attempt 1, stalled 1×\)/);
    assert.doesNotMatch(survivor.output, /trial 0 of kill\.0 to 4 epochs: epoch 1 stored/, 'epoch 1 not trained twice');
    assert.match(lines.join('\n'), /\[queue\] trial 0 of kill\.0 to 4 epochs: running on [^ ]+:\d+/, 'the coordinator says which worker runs what');
  } finally {
    await queue.close();
    for (const w of workers) await w.end();
  }
});

test('Redis restarting mid-run: the worker and the coordinator reconnect, and the result equals the local run', { timeout: 180_000 }, async () => {
  const w = worker(2);
  const coordinator = new Remedy(doctorArgs('restarted.json', 'restart'));
  try {
    await coordinator.printed(/done 2\)/);
    await redis.restart(1000);
    assert.equal(await coordinator.exited, 0, coordinator.output);
    assert.deepEqual(written('restarted.json'), local);
    assert.match(coordinator.output + w.output, /reconnect/);
  } finally {
    await coordinator.end('SIGKILL');
    await w.end();
  }
});

test('a coordinator killed and started again with its --run-id keeps the finished trials instead of training them again (checkpoints in a --store folder)', { timeout: 180_000 }, async () => {
  const w = worker(2);
  const store = ['--store', path.join(dir, 'store')];
  const first = new Remedy([...doctorArgs('resumed.json', 'again'), ...store]);
  let second: Remedy | null = null;
  try {
    await first.printed(/done 3\)/);
    await first.end('SIGKILL');
    second = new Remedy([...doctorArgs('resumed.json', 'again'), ...store]);
    assert.equal(await second.exited, 0, second.output);
    assert.ok((second.output.match(/done before/g) ?? []).length >= 3, second.output);
    assert.deepEqual(written('resumed.json'), local);
    assert.ok(readdirSync(path.join(dir, 'store')).some((f) => f.startsWith('remedy-checkpoint-again.0-')), 'the checkpoints went to the folder');
    // the baseline trained once only, by the first coordinator's job
    assert.equal((w.output.match(/trial 0 of again\.0 to 4 epochs: from scratch/g) ?? []).length, 1, w.output);
    // at the default interval a job of a few short epochs stores its checkpoint once, at its end
    assert.deepEqual(w.output.match(/trial 0 of again\.0 to 4 epochs: epoch \d+ stored/g), ['trial 0 of again.0 to 4 epochs: epoch 4 stored'], w.output);
  } finally {
    await first.end('SIGKILL');
    await second?.end('SIGKILL');
    await w.end();
  }
});

test('a worker stopped by SIGTERM mid-trial hands its job back at once, without spending an attempt; the next worker continues it exactly', { timeout: 120_000 }, async () => {
  const first = worker(1, 0);
  const queue = await TrialQueue.open({ redis: redis.url, runId: 'term' }, () => {});
  let second: Remedy | null = null;
  try {
    const state = (await queue.runners())(origin()).train(0, parseSpec(SPEC), 4);
    await first.printed(/trial 0 of term\.0 to 4 epochs: epoch 1 stored/);
    assert.equal(await first.end('SIGTERM'), 0);
    second = worker();
    const local = new WorkerRunner(origin(), 1);
    const expected = await local.train(0, parseSpec(SPEC), 4);
    await local.close();
    const strip = (s: TrialState) => s.history.map(({ seconds: _, ...r }) => r);
    assert.deepEqual(strip(await state), strip(expected));
    assert.match(second.output, /trial 0 of term\.0 to 4 epochs: from its checkpoint\n/);
  } finally {
    await queue.close();
    await first.end();
    await second?.end();
  }
});

test('a worker goes on from the trial it kept in memory when the next rung, and the test, come to it; the results are the local run\'s', { timeout: 120_000 }, async () => {
  const w = worker();
  const queue = await TrialQueue.open({ redis: redis.url, runId: 'kept' }, () => {});
  try {
    const runner = (await queue.runners())(origin());
    await runner.train(0, parseSpec(SPEC), 2);
    const state = await runner.train(0, parseSpec(SPEC), 4);
    const tested = await runner.test(0);
    const local = new WorkerRunner(origin(), 1);
    await local.train(0, parseSpec(SPEC), 2);
    const expected = await local.train(0, parseSpec(SPEC), 4);
    const expectedTest = await local.test(0);
    await local.close();
    const strip = (s: TrialState) => s.history.map(({ seconds: _, ...r }) => r);
    assert.deepEqual(strip(state), strip(expected));
    assert.deepEqual(tested, expectedTest);
    assert.match(w.output, /trial 0 of kept\.0 to 4 epochs: from memory\n/);
    assert.match(w.output, /test of trial 0 of kept\.0: from memory\n/);
  } finally {
    await queue.close();
    await w.end();
  }
});

test('a kept trial is used only when it is as far as the stored checkpoint (to train) or exactly there (to test)', async () => {
  const store = (epoch: number | null) => ({ epoch: async () => epoch }) as unknown as CheckpointStore;
  const train = { op: 'train', run: 'r.0', trial: 0, epochs: 6 } as TrialJob;
  const test = { op: 'test', run: 'r.0', trial: 0 } as TrialJob;
  assert.equal(await mayGoOn(undefined, train, store(4)), false, 'not kept');
  assert.equal(await mayGoOn(4, train, store(null)), false, 'no checkpoint: released, or Redis lost it');
  assert.equal(await mayGoOn(3, train, store(4)), false, 'another worker trained it further');
  assert.equal(await mayGoOn(4, train, store(4)), true);
  assert.equal(await mayGoOn(5, train, store(4)), true, 'its last checkpoint was not stored');
  assert.equal(await mayGoOn(4, test, store(4)), true);
  assert.equal(await mayGoOn(5, test, store(4)), false, 'a test is of the stored epoch');
});

test('a checkpoint goes to the job thread without a copy only when its bytes are all of their memory', () => {
  const whole = Buffer.allocUnsafe(64 << 10);
  assert.deepEqual(movable(whole), [whole.buffer], 'a Redis reply or a file of more than a few kilobytes');
  assert.deepEqual(movable(Buffer.from('a small reply')), [], "a slice of Node's buffer pool");
  assert.deepEqual(movable(whole.subarray(8)), [], 'part of a larger buffer');
  assert.deepEqual(movable(new Uint8Array(new SharedArrayBuffer(16))), [], 'shared memory is shared, not moved');
  assert.deepEqual(movable(null), []);
});

test('a worker stopped while Redis is away still ends, at the latest when its lock time is up', { timeout: 60_000 }, async () => {
  const own = await RedisServer.start();
  const w = new Remedy(['worker', '--redis', own.url]);
  try {
    await w.printed(/taking trials/);
    await own.stop();
    const start = performance.now();
    assert.equal(await w.end('SIGTERM'), 0);
    // at once when BullMQ sees the connection closed, else when the lock time is up
    assert.ok(performance.now() - start < 20_000);
  } finally {
    await w.end('SIGKILL');
  }
});

test('a job with bad input fails once, with its message, as an InputError; the worker carries on', { timeout: 60_000 }, async () => {
  const w = worker();
  const queue = await TrialQueue.open({ redis: redis.url, runId: 'bad' }, () => {});
  try {
    writeFileSync(path.join(dir, 'cell.csv'), '0,1,2\n1,x,4\n');
    const spec = parseSpec({ data: { source: 'csv:cell.csv', validationSplit: 0 }, model: { layers: [{ type: 'dense', units: 3 }] }, optimizer: { type: 'sgd', lr: 0.1 }, batchSize: 2, epochs: 1 });
    const runner = (await queue.runners())(originOf(path.join(dir, 'spec.json')));
    await assert.rejects(runner.train(0, spec, 1), (e) => e instanceof InputError && /cell\.csv: row 2, column 2/.test(e.message));
    const job = await Job.fromId(queue.queue, 'bad.0-t0-train-1');
    assert.equal(job?.attemptsMade, 1, 'not retried');
    assert.equal((w.output.match(/failed/g) ?? []).length, 1, w.output);
  } finally {
    await queue.close();
    assert.equal(await w.end('SIGINT'), 0, 'SIGINT ends the worker cleanly');
  }
});

test('bad addresses and flags end at once with one line (exit 2), before anything is queued', () => {
  assertRefused(['worker', '--redis', 'http://127.0.0.1:1'], '--redis', 'redis://');
  assertRefused(['worker', '--redis', redis.url, '--concurrency', '0'], '--concurrency');
  assertRefused(['doctor', specFile, '--store', dir], '--store', 'needs --redis');
  assertRefused(['doctor', specFile, '--redis', redis.url, '--run-id', 'a:b'], '--run-id');
  assertRefused(['doctor', path.join(dir, 'missing.json'), '--redis', redis.url], 'missing.json');
});
