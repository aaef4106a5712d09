import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import { fsErrorReason } from './fs-reason.js';

/**
 * Replaces `path` with `data` so that a reader (or a crash, or a full disk) sees either the old
 * file or the complete new one, never a torn mix: the data goes to a temporary file in the same
 * folder (rename is atomic only within one file system), is flushed to disk, then renamed over
 * the target. On failure the temporary file is removed, the old file is left untouched, and an
 * InputError names the path with a plain reason. Synchronous because the training loop writes
 * checkpoints between steps and must not run ahead of them.
 *
 * `durable: false` leaves out the flushes (fsync of the file and its folder): the rename still
 * shows every process the old file or the new one, whoever is killed when, but a crash of the
 * machine itself may lose the write or leave the file cut short. For copies that can be made
 * again, such as a distributed run's checkpoints (src/distributed/store.ts), where the flushes
 * were most of a write's time.
 */
export function writeFileAtomic(path: string, data: Uint8Array | string, { durable = true } = {}): void {
  const folder = dirname(path);
  const tempPath = join(folder, `.${basename(path)}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  let fd: number | undefined;
  let created = false; // only a file this call created may be removed
  try {
    fd = openSync(tempPath, 'wx');
    created = true;
    writeFileSync(fd, data);
    if (durable) fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    pauseForCrashTests();
    renameSync(tempPath, path);
  } catch (error) {
    if (fd !== undefined) closeQuietly(fd);
    if (created) removeQuietly(tempPath);
    const reason = fsErrorReason(error, 'folder does not exist');
    if (reason === undefined) throw error;
    throw new InputError(`cannot write: ${reason}`, path);
  }
  if (durable) syncFolder(folder);
}

/**
 * Fault injection for the crash tests (src/train/resume.test.ts): with
 * REMEDY_TEST_PAUSE_BEFORE_RENAME_MS set, every write waits that long with its temporary file
 * complete but not yet renamed, so a test can SIGKILL the process in the middle of a write.
 */
function pauseForCrashTests(): void {
  const ms = Number(process.env.REMEDY_TEST_PAUSE_BEFORE_RENAME_MS ?? 0);
  if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Cleanup after a failure must not replace the failure's error with its own. */
function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // The original failure is the one worth reporting.
  }
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // The original failure is the one worth reporting.
  }
}

/**
 * Flushes the folder entry so the rename itself survives a power cut. Best effort: some
 * platforms (Windows) and file systems cannot open or sync a folder, and the data is safe anyway.
 */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Best effort, see above.
  } finally {
    if (fd !== undefined) closeQuietly(fd);
  }
}
