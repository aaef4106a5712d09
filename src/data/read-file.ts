/**
 * Reading data files so that every way it can fail is one line naming the file, not a stack
 * trace: a missing file, a folder where a file was expected, a corrupt gzip stream.
 */
import { readFile, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { InputError } from '../errors.js';
import { readFailureReason } from '../io/fs-reason.js';

const gunzipAsync = promisify(gunzip);

/**
 * The most a gzipped data file may expand to: Fashion-MNIST's training images are 47 MB, and a
 * small corrupt or hostile stream must not make us allocate gigabytes before failing.
 */
export const MAX_DECOMPRESSED_BYTES = 2 ** 30;

/** The bytes of `file`, decompressed when they are gzip (recognised by the magic bytes 1f 8b). */
export async function readDataFile(file: string): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new InputError(readFailureReason(e), file);
  }
  return decompressIfGzip(bytes, file);
}

/** `bytes` as they are, or decompressed when they start like gzip; `file` labels the errors. */
export async function decompressIfGzip(bytes: Buffer, file: string, maxBytes = MAX_DECOMPRESSED_BYTES): Promise<Buffer> {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    return await gunzipAsync(bytes, { maxOutputLength: maxBytes });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new InputError(`decompresses to more than ${maxBytes} bytes; data files that large are not supported`, file);
    }
    throw new InputError(`starts like gzip but does not decompress: ${(e as Error).message}`, file);
  }
}

/** Refuses a folder that does not exist, so the error names the folder and not its first file. */
export async function requireFolder(folder: string, howToGetIt = ''): Promise<void> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(folder)).isDirectory();
  } catch (e) {
    throw new InputError(readFailureReason(e, 'no such folder') + howToGetIt, folder);
  }
  if (!isFolder) throw new InputError('is a file, expected a folder', folder);
}

/** True when `file` exists (as anything); for choosing between a raw and a .gz variant. */
export async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
