import { readFileSync, statSync } from 'node:fs';
import type { z } from 'zod';
import { InputError } from '../errors.js';
import { readFailureReason } from '../io/fs-reason.js';
import { specSchema, type Spec } from './schema.js';

/** Reads and validates a spec file; every problem is an InputError naming the file and field. */
export function loadSpec(path: string): Spec {
  let text: string;
  try {
    if (statSync(path).isDirectory()) throw new InputError('is a folder, not a spec file', path);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(readFailureReason(e), path);
  }
  return parseSpecText(text, path);
}

/** Validates a spec file's text; `file` labels the errors. */
export function parseSpecText(text: string, file: string): Spec {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new InputError(`not valid JSON (${jsonErrorLocation(text, (e as Error).message)})`, file);
  }
  return parseSpec(raw, file);
}

/**
 * Keras' defaults for `form: "keras"` (keras/src/optimizers/*.py), filled in for fields the spec
 * does not give before validation; PyTorch's defaults, in the schema, fill the rest.
 */
export const KERAS_DEFAULTS: Record<string, Record<string, unknown>> = {
  adagrad: { lr: 1e-3, initial_accumulator_value: 0.1, eps: 1e-7 },
  rmsprop: { lr: 1e-3, alpha: 0.9, eps: 1e-7 },
  adadelta: { lr: 1e-3, rho: 0.95, eps: 1e-7 },
  adam: { lr: 1e-3, eps: 1e-7 },
  nadam: { lr: 1e-3, eps: 1e-7, momentum_decay: 1 },
};

function withKerasDefaults(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || !('optimizer' in raw)) return raw;
  const optimizer = (raw as { optimizer: unknown }).optimizer as Record<string, unknown> | null;
  if (typeof optimizer !== 'object' || optimizer === null || optimizer.form !== 'keras') return raw;
  const defaults = KERAS_DEFAULTS[optimizer.type as string];
  return defaults ? { ...raw, optimizer: { ...defaults, ...optimizer } } : raw;
}

/** Deeper than any spec's fields go; validating deeper values would exhaust the stack. */
const MAX_NESTING = 32;

function nestedTooDeep(raw: unknown): boolean {
  const pending: [unknown, number][] = [[raw, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [value, depth] = next;
    if (typeof value !== 'object' || value === null) continue;
    if (depth === MAX_NESTING) return true;
    for (const child of Object.values(value)) pending.push([child, depth + 1]);
  }
  return false;
}

/** Validates a spec object; `file` only labels the errors. */
export function parseSpec(raw: unknown, file = 'spec'): Spec {
  if (nestedTooDeep(raw)) throw new InputError(`values nested more than ${MAX_NESTING} levels deep; no spec field goes that deep`, file);
  const result = specSchema.safeParse(withKerasDefaults(raw), { reportInput: true });
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 5).map(describeIssue);
  const more = result.error.issues.length > 5 ? ` (and ${result.error.issues.length - 5} more)` : '';
  const [first, ...rest] = issues;
  throw new InputError(first.detail + (rest.length ? '; ' + rest.map((i) => `${i.field}: ${i.detail}`).join('; ') : '') + more, file, first.field);
}

/** `model.layers[2].units`, the way a user would point at the field. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out === '' ? '(top level)' : out;
}

function describeIssue(issue: z.core.$ZodIssue): { field: string; detail: string } {
  const field = jsonPath(issue.path);
  const found = 'input' in issue ? ` found ${show(issue.input)}` : '';
  switch (issue.code) {
    case 'unrecognized_keys':
      return {
        field: jsonPath([...issue.path, issue.keys[0]]),
        detail: `unknown field${issue.keys.length > 1 ? 's ' + issue.keys.map((k) => `"${k}"`).join(', ') : ''}`,
      };
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator) {
        const options = (issue as { options?: unknown[] }).options ?? [];
        const value = (issue.input as Record<string, unknown> | undefined)?.[issue.discriminator as string];
        return {
          field: jsonPath([...issue.path, issue.discriminator as string].filter((p, i, a) => a.indexOf(p) === i)),
          detail: `expected one of ${options.map((o) => JSON.stringify(o)).join(', ')};${value === undefined ? ' it is missing' : ` found ${show(value)}`}`,
        };
      }
      return { field, detail: `${issue.message};${found}` };
    case 'invalid_type':
      return { field, detail: issue.input === undefined ? `required (${issue.expected})` : `expected ${issue.expected};${found}` };
    case 'invalid_value':
      return { field, detail: `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')};${found}` };
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const inclusive = issue.inclusive !== false;
      const op = issue.code === 'too_small' ? (inclusive ? '>=' : '>') : inclusive ? '<=' : '<';
      const what = issue.origin === 'array' ? 'length' : 'a value';
      return { field, detail: `expected ${what} ${op} ${String(bound)};${found}` };
    }
    default:
      return { field, detail: `${issue.message};${found}` };
  }
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  if (s === undefined) return String(v);
  return s.length > 40 ? s.slice(0, 37) + '...' : s;
}

function jsonErrorLocation(text: string, message: string): string {
  const m = /position (\d+)/.exec(message);
  if (!m) return message;
  const pos = Number(m[1]);
  const before = text.slice(0, pos).split('\n');
  return `line ${before.length}, column ${before[before.length - 1].length + 1}: ${message.replace(/ in JSON at position \d+.*/, '')}`;
}
