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

/** An error as plain data, to cross to another thread or process (postMessage, a job queue). */
export interface ErrorMessage {
  name: string;
  message: string;
  detail?: string;
  file?: string;
  field?: string;
}

export function errorMessage(e: unknown): ErrorMessage {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e) };
  const { detail, file, field } = e as Partial<InputError>;
  return { name: e.name, message: e.message, detail, file, field };
}

/** The error again on the other side: an InputError stays one (exit 2), so does a RunError. */
export function errorFromMessage(e: ErrorMessage): Error {
  if (e.name === 'InputError') return new InputError(e.detail ?? e.message, e.file, e.field);
  if (e.name === 'RunError') return new RunError(e.message);
  return new Error(e.message);
}
