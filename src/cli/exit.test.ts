/**
 * Whatever fails, the process ends with its exit code: runCommand closes the threads a command
 * left open, and an error thrown outside any command still ends the process with one line.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

const imports = `
  import { endOnStrayErrors, runCommand } from ${JSON.stringify(new URL('./exit.js', import.meta.url).href)};
  import { WorkerRunner } from ${JSON.stringify(new URL('../doctor/runner.js', import.meta.url).href)};
  import { InputError, RunError } from ${JSON.stringify(new URL('../errors.js', import.meta.url).href)};
  import { originOf } from ${JSON.stringify(new URL('../train/run.js', import.meta.url).href)};`;

/** Runs `body` as a module; the trial threads it starts would keep it alive if left open. */
function child(body: string) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', imports + body], { encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, stderr: r.stderr };
}

test('a command that fails with threads open: exit code, one line, threads closed so the process ends', () => {
  const r = child(`
    process.exitCode = await runCommand(async () => {
      new WorkerRunner(originOf('spec.json'), 2);
      throw new InputError('expected a number', 'data.csv', 'row 2');
    }, false);`);
  assert.equal(r.code, 2, `null: still running after 20 s; ${r.stderr}`);
  assert.equal(r.stderr, 'remedy: data.csv: row 2: expected a number\n');
});

test('a failed run exits 1; a bug exits 1 with its message and no stack trace', () => {
  const failed = child(`process.exitCode = await runCommand(async () => { new WorkerRunner(originOf('s.json'), 1); throw new RunError('diverged'); }, false);`);
  assert.deepEqual(failed, { code: 1, stderr: 'remedy: diverged\n' });
  const bug = child(`process.exitCode = await runCommand(async () => { new WorkerRunner(originOf('s.json'), 1); null.x; }, false);`);
  assert.equal(bug.code, 1);
  assert.match(bug.stderr, /^remedy: internal error: .*\(run with --debug for the stack trace\)\n$/);
});

test('an error thrown outside any command (an event handler) still ends the process with its code', () => {
  const r = child(`
    endOnStrayErrors(() => false);
    new WorkerRunner(originOf('spec.json'), 2);
    setTimeout(() => { throw new InputError('cannot read', 'w.safetensors'); }, 10);`);
  assert.deepEqual(r, { code: 2, stderr: 'remedy: w.safetensors: cannot read\n' });
});
