import { InputError, RunError } from '../errors.js';
import { closeAllHeld } from '../util/open-resources.js';

export const EXIT_OK = 0;
export const EXIT_RUN_FAILED = 1;
export const EXIT_BAD_INPUT = 2;

/**
 * The contract's exit code of an error, printed as one plain line on stderr: bad input 2, a
 * failed run 1. A stack trace appears only with --debug, or for a bug.
 */
export function exitCodeOf(e: unknown, debug: boolean): number {
  if (debug) console.error(e);
  if (e instanceof InputError) {
    if (!debug) console.error(`remedy: ${e.message}`);
    return EXIT_BAD_INPUT;
  }
  if (e instanceof RunError) {
    if (!debug) console.error(`remedy: ${e.message}`);
    return EXIT_RUN_FAILED;
  }
  if (!debug) console.error(`remedy: internal error: ${(e as Error)?.message ?? String(e)} (run with --debug for the stack trace)`);
  return EXIT_RUN_FAILED;
}

/**
 * Runs a command and turns its errors into exit codes (exitCodeOf). Whatever it left open
 * (worker threads, child processes) is closed before this returns, on success and on error.
 */
export async function runCommand(action: () => Promise<number | void> | number | void, debug: boolean): Promise<number> {
  try {
    return (await action()) ?? EXIT_OK;
  } catch (e) {
    return exitCodeOf(e, debug);
  } finally {
    await closeAllHeld();
  }
}

const flushed = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write('', () => resolve()));

/**
 * Ends the process with `code`: closes what is still open, lets stdout and stderr drain, then
 * exits, so that nothing (a thread, a timer, a child) can keep a finished command waiting.
 */
export async function endProcess(code: number): Promise<never> {
  await closeAllHeld();
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}

/**
 * Errors that escape every command (thrown in an event handler, a promise nobody awaits) end the
 * process the same way: one line, their exit code, everything closed.
 */
export function endOnStrayErrors(debug: () => boolean): void {
  const end = (e: unknown) => void endProcess(exitCodeOf(e, debug()));
  process.on('uncaughtException', end);
  process.on('unhandledRejection', end);
}
