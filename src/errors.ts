/**
 * Errors a user can act on. `InputError` means the input was wrong (exit code 2): it names the
 * file and the field. `RunError` means the input was fine but the run failed (exit code 1), for
 * example a loss that diverged to NaN. Anything else is a bug and keeps its stack trace.
 */
export class InputError extends Error {
  constructor(
    readonly detail: string,
    readonly file?: string,
    readonly field?: string,
  ) {
    super([file, field, detail].filter((s) => s !== undefined && s !== '').join(': '));
    this.name = 'InputError';
  }
}

export class RunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunError';
  }
}
