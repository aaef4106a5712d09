import { InputError, RunError } from '../errors.js';

export const EXIT_OK = 0;
export const EXIT_RUN_FAILED = 1;
export const EXIT_BAD_INPUT = 2;

/**
 * Runs a command and turns its errors into the contract's exit codes: bad input 2, a failed run
 * 1, each as one plain line on stderr. A stack trace appears only with --debug, or for a bug.
 */
export async function runCommand(action: () => Promise<number | void>, debug: boolean): Promise<number> {
  try {
    return (await action()) ?? EXIT_OK;
  } catch (e) {
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
}
