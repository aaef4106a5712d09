/**
 * A killed run resumes exactly: SIGKILL at random moments (and once in the middle of a
 * checkpoint write), resume each time, and the final weights equal those of a run that was never
 * interrupted, bit for bit. Ctrl-C stops with a checkpoint that resumes as exactly.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { readSafetensors } from '../io/safetensors.js';
import { runCli } from '../testing/cli.js';
import { repoPath } from '../testing/paths.js';
import { Random } from '../util/random.js';

const dir = mkdtempSync(path.join(tmpdir(), 'remedy-resume-'));
const specFile = path.join(dir, 'spec.json');
// dropout, augmentation, a per-step schedule, early stopping state and Adam state all resume
writeFileSync(
  specFile,
  JSON.stringify({
    seed: 5,
    data: { source: 'mnist-sample', trainLimit: 1500 },
    model: { layers: [{ type: 'dense', units: 96, activation: 'relu' }, { type: 'dropout', rate: 0.3 }, { type: 'dense', units: 10, activation: 'softmax' }] },
    optimizer: { type: 'adam', lr: 0.002 },
    schedule: { type: 'cosine', warmupEpochs: 1 },
    earlyStopping: { patience: 10 },
    augmentation: { rotate: 10, shift: 1, noise: 0.05 },
    batchSize: 25,
    epochs: 6,
  }),
);

interface Run {
  code: number | null;
  killed: boolean;
}

/** Starts `remedy train`, kills it when `killWhen` says so (polled every 5 ms), and waits. */
function run(args: string[], env: Record<string, string>, killWhen: (elapsed: number) => boolean, signal: NodeJS.Signals = 'SIGKILL'): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [repoPath('dist/cli/main.js'), 'train', specFile, '--quiet', ...args], {
      env: { ...process.env, ...env },
      stdio: 'ignore',
    });
    const start = performance.now();
    let killed = false;
    const timer = setInterval(() => {
      if (!killed && killWhen(performance.now() - start)) {
        killed = true;
        child.kill(signal);
      }
    }, 5);
    child.on('exit', (code) => {
      clearInterval(timer);
      resolve({ code, killed });
    });
  });
}

function assertSameWeights(a: string, b: string) {
  const x = readSafetensors(a);
  const y = readSafetensors(b);
  assert.deepEqual([...x.keys()].sort(), [...y.keys()].sort());
  for (const [name, t] of y) assert.deepEqual(x.get(name)!.data, t.data, `${name} differs`);
}

const reference = path.join(dir, 'reference.safetensors');
/** How long an uninterrupted run takes: kills are placed inside that span. */
let runMs = 0;

test('an uninterrupted run, twice: bit-identical weights (determinism)', () => {
  const start = performance.now();
  assert.equal(runCli(['train', specFile, '--quiet', '--save', reference]).code, 0);
  runMs = performance.now() - start;
  const again = path.join(dir, 'again.safetensors');
  assert.equal(runCli(['train', specFile, '--quiet', '--save', again]).code, 0);
  assertSameWeights(again, reference);
});

test('SIGKILL at random moments and during a checkpoint write; each resume continues exactly', { timeout: 240_000 }, async () => {
  const ckpt = path.join(dir, 'killed');
  const final = path.join(dir, 'killed.safetensors');
  const rng = new Random(11);
  const tempExists = () => existsSync(ckpt) && readdirSync(ckpt).some((f) => f.includes('.tmp-'));
  let kills = 0;
  let killedInWrite = false;
  for (let attempt = 0; attempt < 40; attempt++) {
    const args = existsSync(path.join(ckpt, 'checkpoint.safetensors')) ? ['--resume', ckpt] : ['--checkpoint', ckpt];
    // the second kill waits for a checkpoint write in progress (slowed down to be catchable)
    const inWrite = kills === 1;
    const delay = runMs * (0.15 + 0.6 * rng.uniform());
    const r = await run(
      [...args, '--save', final],
      inWrite ? { REMEDY_TEST_PAUSE_BEFORE_RENAME_MS: '400' } : {},
      inWrite ? () => tempExists() : (elapsed) => kills < 4 && elapsed > delay,
    );
    if (r.killed) {
      kills++;
      if (inWrite) killedInWrite = true;
      continue;
    }
    assert.equal(r.code, 0);
    break;
  }
  assert.ok(kills >= 3, `killed ${kills} times`);
  assert.ok(killedInWrite, 'one kill landed in the middle of a checkpoint write');
  assertSameWeights(final, reference);
});

test('Ctrl-C stops between batches with a checkpoint (exit 130); resuming gives the same weights', async () => {
  const ckpt = path.join(dir, 'interrupted');
  const final = path.join(dir, 'interrupted.safetensors');
  // interrupt once the first epoch's checkpoint exists: surely in the middle of the run
  const r = await run(['--checkpoint', ckpt], {}, () => existsSync(path.join(ckpt, 'checkpoint.safetensors')), 'SIGINT');
  assert.equal(r.code, 130);
  assert.ok(existsSync(path.join(ckpt, 'checkpoint.safetensors')));
  const resumed = runCli(['train', specFile, '--quiet', '--resume', ckpt, '--save', final]);
  assert.equal(resumed.code, 0, resumed.stderr);
  assertSameWeights(final, reference);
});

test('a checkpoint from a different spec is refused, naming the difference', () => {
  const other = path.join(dir, 'other.json');
  const spec = { ...JSON.parse(readFileSync(specFile, 'utf8')), optimizer: { type: 'adam', lr: 0.01 } };
  writeFileSync(other, JSON.stringify(spec));
  const r = runCli(['train', other, '--resume', path.join(dir, 'killed')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /different spec: optimizer\.lr is 0\.002 there, 0\.01 here/);
  assert.equal(runCli(['train', specFile, '--resume', path.join(dir, 'nothing-here')]).code, 2);
});
