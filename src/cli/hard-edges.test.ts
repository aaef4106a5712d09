/**
 * The hard edges of a long run: outputs that cannot be written fail cleanly with the previous
 * checkpoint intact, memory stays flat over many epochs, and a run repeats exactly.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../testing/cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'remedy-edges-'));
chmodSync(dir, 0o755); // readable by the unprivileged user some tests run as
const spec = path.join(dir, 'spec.json');
writeFileSync(
  spec,
  JSON.stringify({
    seed: 3,
    data: { source: 'mnist-sample', trainLimit: 1000 },
    model: { layers: [{ type: 'dense', units: 64, activation: 'relu' }, { type: 'dense', units: 10, activation: 'softmax' }] },
    optimizer: { type: 'adam' },
    batchSize: 50,
    epochs: 2,
  }),
);

test('--save into a read-only folder: exit 2, one line naming the file, nothing written', () => {
  const locked = path.join(dir, 'locked');
  mkdirSync(locked, { mode: 0o555 });
  const target = path.join(locked, 'w.safetensors');
  const r = runCli(['train', spec, '--save', target], { unprivileged: true });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, new RegExp(`--save: ${target.replace(/[.]/g, '\\.')}: cannot write to`));
  assert.equal(r.stdout, '', 'refused before training');
  assert.deepEqual(readdirSync(locked), []);
});

test('a checkpoint that cannot be written (file size limit, as a full disk) fails cleanly; the previous one still resumes', () => {
  const ckpt = path.join(dir, 'ckpt');
  assert.equal(runCli(['train', spec, '--checkpoint', ckpt, '--epochs', '1', '--quiet']).code, 0);
  const before = readFileSync(path.join(ckpt, 'checkpoint.safetensors'));
  // 64 KiB: the weights alone are 200 KiB, so the next checkpoint write fails part way
  const r = runCli(['train', spec, '--resume', ckpt, '--quiet'], { shell: 'ulimit -f 64' });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /checkpoint\.safetensors: cannot write: file too large/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
  assert.deepEqual(readFileSync(path.join(ckpt, 'checkpoint.safetensors')), before, 'the previous checkpoint is intact');
  assert.deepEqual(readdirSync(ckpt), ['checkpoint.safetensors'], 'no temporary file left');
  assert.equal(runCli(['train', spec, '--resume', ckpt, '--quiet']).code, 0, 'and it resumes');
});

test('resident memory after 20 epochs is within 10% of after 2 (no leak across epochs)', () => {
  const script = `
    import { parseSpec, createTrainer, originOf } from ${JSON.stringify(new URL('../index.js', import.meta.url).href)};
    const spec = parseSpec({ ...JSON.parse(process.argv[1]), epochs: 20 });
    const trainer = await createTrainer(spec, originOf('spec.json'));
    const rss = [];
    await trainer.fit(20, [{ onEpochEnd: () => { globalThis.gc(); rss.push(process.memoryUsage().rss); } }]);
    console.log(JSON.stringify(rss));`;
  const r = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script, readFileSync(spec, 'utf8')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const rss = JSON.parse(r.stdout) as number[];
  const growth = rss[19] / rss[1] - 1;
  assert.ok(Math.abs(growth) < 0.1, `RSS ${(rss[1] / 2 ** 20).toFixed(0)} MiB after 2 epochs, ${(rss[19] / 2 ** 20).toFixed(0)} MiB after 20`);
});

test('same spec, seed and backend: bit-identical history and weights', () => {
  const runs = [1, 2].map((i) => {
    const json = path.join(dir, `run${i}.json`);
    const weights = path.join(dir, `run${i}.safetensors`);
    assert.equal(runCli(['train', spec, '--json', json, '--save', weights, '--quiet']).code, 0);
    const history = (JSON.parse(readFileSync(json, 'utf8')).history as Record<string, unknown>[]).map(({ seconds: _seconds, ...rest }) => rest);
    return { history, weights: readFileSync(weights) };
  });
  assert.deepEqual(runs[1].history, runs[0].history);
  assert.ok(runs[0].weights.equals(runs[1].weights));
  assert.ok(existsSync(path.join(dir, 'run1.safetensors')));
});
