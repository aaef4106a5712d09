import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { InputError } from '../errors.js';
import { asNobody, distForNobody } from '../testing/cli.js';
import { writeFileAtomic } from './atomic.js';

const folders: string[] = [];
after(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

function freshFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'remedy-atomic-'));
  folders.push(folder);
  return folder;
}

/** Asserts `write` fails with an InputError naming `path` and saying `reason`. */
function assertRefused(write: () => void, path: string, reason: RegExp): void {
  assert.throws(write, (error: unknown) => {
    assert.ok(error instanceof InputError, `expected an InputError, got ${String(error)}`);
    assert.equal(error.file, path);
    assert.match(error.message, reason);
    return true;
  });
}

test('writes a new file and replaces an existing one, leaving no temporary files', () => {
  const folder = freshFolder();
  const target = join(folder, 'weights.bin');
  writeFileAtomic(target, 'first');
  assert.equal(readFileSync(target, 'utf8'), 'first');
  writeFileAtomic(target, new Uint8Array([1, 2, 3]));
  assert.deepEqual([...readFileSync(target)], [1, 2, 3]);
  assert.deepEqual(readdirSync(folder), ['weights.bin']);
});

test('a missing folder is refused with a plain reason and creates nothing', () => {
  const folder = freshFolder();
  const target = join(folder, 'missing', 'weights.bin');
  const reason = /^.*weights\.bin: cannot write: folder does not exist$/;
  assertRefused(() => writeFileAtomic(target, 'x'), target, reason);
  assert.deepEqual(readdirSync(folder), []);
});

test('a file in place of the folder is refused', () => {
  const folder = freshFolder();
  writeFileSync(join(folder, 'not-a-folder'), 'x');
  const target = join(folder, 'not-a-folder', 'weights.bin');
  assertRefused(() => writeFileAtomic(target, 'x'), target, /a parent path is a file, not a folder$/);
});

test('a failed rename removes the temporary file and leaves the target untouched', () => {
  const folder = freshFolder();
  const target = join(folder, 'taken');
  mkdirSync(target);
  writeFileSync(join(target, 'inside'), 'kept');
  assertRefused(() => writeFileAtomic(target, 'x'), target, /cannot write: is a folder$/);
  assert.deepEqual(readdirSync(folder), ['taken']);
  assert.equal(readFileSync(join(target, 'inside'), 'utf8'), 'kept');
});

test('a write that fails halfway (file size limit) keeps the old file and no temporary file', {
  skip: process.platform === 'win32' ? 'needs a POSIX shell for ulimit' : false,
}, () => {
  const folder = freshFolder();
  const target = join(folder, 'weights.bin');
  writeFileSync(target, 'old contents');
  // `ulimit -f 1` caps files at 512 bytes, so writing 64 KiB fails midway with EFBIG.
  const script = `
    import { writeFileAtomic } from ${JSON.stringify(new URL('./atomic.js', import.meta.url).href)};
    try { writeFileAtomic(${JSON.stringify(target)}, new Uint8Array(65536)); console.log('written'); }
    catch (error) { console.log(error.name + ': ' + error.message); }`;
  const limited = 'ulimit -f 1 && exec "$0" --input-type=module -e "$1"';
  const child = spawnSync('sh', ['-c', limited, process.execPath, script], { encoding: 'utf8' });
  assert.equal(child.stderr, '');
  const reason = 'file too large for this file system or process limit';
  assert.equal(child.stdout.trim(), `InputError: ${target}: cannot write: ${reason}`);
  assert.equal(readFileSync(target, 'utf8'), 'old contents');
  assert.deepEqual(readdirSync(folder), ['weights.bin']);
});

test('a read-only folder is refused', { skip: process.platform === 'win32' ? 'needs POSIX permissions' : false }, () => {
  const folder = freshFolder();
  const target = join(folder, 'weights.bin');
  writeFileSync(target, 'old contents');
  chmodSync(folder, 0o555);
  try {
    // root ignores folder permissions: then the write is tried as nobody, for whom they hold
    const script = `
      import { writeFileAtomic } from ${JSON.stringify(pathToFileURL(distForNobody('io/atomic.js')).href)};
      try { writeFileAtomic(${JSON.stringify(target)}, 'new'); console.log('written'); }
      catch (error) { console.log(error.name + ': ' + error.message); }`;
    const [command, ...args] = [...asNobody(), process.execPath, '--input-type=module', '-e', script];
    const child = spawnSync(command, args, { encoding: 'utf8' });
    assert.equal(child.stdout.trim(), `InputError: ${target}: cannot write: permission denied`, child.stderr);
  } finally {
    chmodSync(folder, 0o755);
  }
  assert.equal(readFileSync(target, 'utf8'), 'old contents');
  assert.deepEqual(readdirSync(folder), ['weights.bin']);
});
