/**
 * Plain words for the file-system failures a user can fix, so an InputError reads as one short
 * line ("disk full") instead of errno jargon with the path repeated.
 */
const reasons: Record<string, string> = {
  ENOSPC: 'disk full',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large for this file system or process limit',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  EISDIR: 'is a folder',
  ENOTDIR: 'a parent path is a file, not a folder',
  ENAMETOOLONG: 'name too long',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EIO: 'input/output error',
};

/**
 * The reason for a failed system call, or undefined for anything else (a bad argument, say),
 * which is a bug and should keep its stack trace. `whenMissing` words ENOENT, whose meaning
 * depends on the operation: a missing file when reading, a missing folder when writing.
 */
export function fsErrorReason(error: unknown, whenMissing: string): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, syscall } = error as NodeJS.ErrnoException;
  if (typeof code !== 'string' || typeof syscall !== 'string') return undefined;
  if (code === 'ENOENT') return whenMissing;
  return reasons[code] ?? error.message;
}

/**
 * The reason a file or folder could not be read, for an InputError: the system's reason in plain
 * words, else the error's own message (a reader reports every failure as bad input).
 */
export function readFailureReason(error: unknown, whenMissing = 'no such file'): string {
  return fsErrorReason(error, whenMissing) ?? (error as Error).message;
}
