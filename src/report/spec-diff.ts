/**
 * What differs between two JSON documents (a spec and its repair), path by path, so the doctor's
 * report can say `model.layers[0].activation: "sigmoid" → "relu"` instead of showing two specs.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface SpecChange {
  kind: 'changed' | 'added' | 'removed';
  /** Where, in JavaScript notation: `model.layers[2]`, `optimizer.lr`. */
  path: string;
  /** The value before (absent when added). */
  before?: JsonValue;
  /** The value after (absent when removed). */
  after?: JsonValue;
}

/**
 * The changes that turn `before` into `after`, in document order. Both go through JSON first, so
 * an undefined property counts as absent, as in the spec file. Arrays of equal length are
 * compared element by element; when a layer was inserted or dropped, the elements both keep are
 * matched first (a longest common subsequence), so an inserted layer reads as one addition
 * rather than as every later layer changed.
 */
export function specDiff(before: unknown, after: unknown): SpecChange[] {
  const changes: SpecChange[] = [];
  compare(asJson(before), asJson(after), '', changes);
  return changes;
}

/**
 * One change as a line: `path: old → new`, `path: added new`, `path: removed old`. `mark` wraps
 * each part, so the report can style the path and the old and new values (and escape them).
 */
export function describeChange(change: SpecChange, mark: (part: 'path' | 'old' | 'new', text: string) => string = (_, text) => text): string {
  const path = mark('path', change.path === '' ? '(whole spec)' : change.path);
  // an element of an array (a layer) is inserted between others, a property is added
  if (change.kind === 'added') return `${path}: ${/\[\d+\]$/.test(change.path) ? 'inserted' : 'added'} ${mark('new', show(change.after!))}`;
  if (change.kind === 'removed') return `${path}: removed ${mark('old', show(change.before!))}`;
  return `${path}: ${mark('old', show(change.before!))} → ${mark('new', show(change.after!))}`;
}

/** A value as compact JSON, as it would appear in the spec file. */
function show(value: JsonValue): string {
  return JSON.stringify(value);
}

function asJson(value: unknown): JsonValue {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as JsonValue);
}

function compare(a: JsonValue, b: JsonValue, path: string, out: SpecChange[]): void {
  if (same(a, b)) return;
  // another `type` (sgd → adam, dense → dropout) is another thing, with other fields and defaults:
  // one change of the whole object reads better than each field added and removed
  if (isObject(a) && isObject(b) && 'type' in a && 'type' in b && a.type !== b.type) {
    out.push({ kind: 'changed', path, before: a, after: b });
  } else if (isObject(a) && isObject(b)) {
    for (const key of Object.keys(a)) {
      if (key in b) compare(a[key], b[key], member(path, key), out);
      else out.push({ kind: 'removed', path: member(path, key), before: a[key] });
    }
    for (const key of Object.keys(b)) if (!(key in a)) out.push({ kind: 'added', path: member(path, key), after: b[key] });
  } else if (Array.isArray(a) && Array.isArray(b)) {
    compareArrays(a, b, path, out);
  } else {
    out.push({ kind: 'changed', path, before: a, after: b });
  }
}

function compareArrays(a: JsonValue[], b: JsonValue[], path: string, out: SpecChange[]): void {
  if (a.length === b.length) {
    a.forEach((x, i) => compare(x, b[i], `${path}[${i}]`, out));
    return;
  }
  // between two kept elements, the leftovers of the same kind pair up in order (a widened layer
  // next to an inserted one; dense → dense + batchnorm + activation is a dense changed and two
  // layers inserted) and whatever is left over on one side was inserted or removed
  let i = 0;
  let j = 0;
  for (const [keptA, keptB] of [...commonSubsequence(a, b, same), [a.length, b.length]]) {
    const pairs = commonSubsequence(a.slice(i, keptA), b.slice(j, keptB), sameKind).map(([x, y]): [number, number] => [i + x, j + y]);
    for (const [pairA, pairB] of [...pairs, [keptA, keptB]]) {
      for (; i < pairA; i++) out.push({ kind: 'removed', path: `${path}[${i}]`, before: a[i] });
      for (; j < pairB; j++) out.push({ kind: 'added', path: `${path}[${j}]`, after: b[j] });
      if (pairA < keptA) compare(a[i++], b[j++], `${path}[${pairB}]`, out);
    }
    i = keptA + 1;
    j = keptB + 1;
  }
}

/** Objects of the same `type` (two layers, two optimizers), or two values that are not typed objects. */
function sameKind(a: JsonValue, b: JsonValue): boolean {
  const kind = (v: JsonValue) => (isObject(v) && 'type' in v ? JSON.stringify(v.type) : isObject(v) ? 'object' : Array.isArray(v) ? 'array' : typeof v);
  return kind(a) === kind(b);
}

/** Index pairs of a longest common subsequence of elements `equal` matches (dynamic programming; specs are small). */
function commonSubsequence(a: JsonValue[], b: JsonValue[], equal: (x: JsonValue, y: JsonValue) => boolean): [number, number][] {
  const longest = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      longest[i][j] = equal(a[i], b[j]) ? longest[i + 1][j + 1] + 1 : Math.max(longest[i + 1][j], longest[i][j + 1]);
    }
  }
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (equal(a[i], b[j])) pairs.push([i++, j++]);
    else if (longest[i + 1][j] >= longest[i][j + 1]) i++;
    else j++;
  }
  return pairs;
}

/** Deep equality of JSON values; key order does not matter. */
function same(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && same(a[k], b[k]));
  }
  return false;
}

function isObject(v: JsonValue): v is { [key: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `parent.key`, or `parent["odd key"]` for a key that is not an identifier. */
function member(parent: string, key: string): string {
  if (!/^[A-Za-z_$][\w$]*$/.test(key)) return `${parent}[${JSON.stringify(key)}]`;
  return parent === '' ? key : `${parent}.${key}`;
}
