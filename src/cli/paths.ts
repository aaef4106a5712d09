import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';

/**
 * Refuses an output path whose folder is missing or not writable, so a run fails before it
 * spends compute rather than after, with nothing half-written.
 */
export function checkWritable(file: string, flag: string): void {
  const dir = path.dirname(path.resolve(file));
  try {
    if (!statSync(dir).isDirectory()) throw new InputError(`${dir} is not a folder`, flag, file);
    accessSync(dir, constants.W_OK);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `folder ${dir} does not exist` : `cannot write to ${dir}`, flag, file);
  }
  try {
    if (statSync(file).isDirectory()) throw new InputError('is a folder', flag, file);
  } catch (e) {
    if (e instanceof InputError) throw e;
  }
}

/** Refuses an input file that is missing or a folder. */
export function checkReadable(file: string, flag: string): void {
  try {
    if (!statSync(file).isFile()) throw new InputError('is not a file', flag, file);
    accessSync(file, constants.R_OK);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError((e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot read it', flag, file);
  }
}

/** A folder to write into: created when missing; refused when it is a file or not writable. */
export function checkWritableFolder(dir: string, flag: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    if (!statSync(dir).isDirectory()) throw new InputError('is not a folder', flag, dir);
    accessSync(dir, constants.W_OK);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'EEXIST' || code === 'ENOTDIR' ? 'is not a folder' : 'cannot write to it', flag, dir);
  }
}
