import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InputError } from '../errors.js';

/**
 * Inputs per reader: a few hundred in `npm test`, REMEDY_FUZZ_RUNS of them in `npm run fuzz`.
 * REMEDY_FUZZ_SEED replays a run that fast-check reported.
 */
export function fuzzOptions(): { numRuns: number; seed?: number } {
  const runs = Number(process.env.REMEDY_FUZZ_RUNS ?? 300);
  const seed = process.env.REMEDY_FUZZ_SEED;
  return { numRuns: runs, ...(seed === undefined ? {} : { seed: Number(seed) }) };
}

/** The reader's contract: it loads, or it refuses with an InputError that names the file. */
export function assertLoadsOrRefuses(read: () => unknown, file: string): void {
  try {
    read();
  } catch (e) {
    assert.ok(e instanceof InputError, `not an InputError: ${(e as Error)?.stack ?? String(e)}`);
    assert.ok(e.message.includes(file), `does not name ${file}: ${e.message}`);
  }
}

/** The same for a reader that returns a promise. */
export async function assertLoadsOrRefusesAsync(read: () => Promise<unknown>, file: string): Promise<void> {
  try {
    await read();
  } catch (e) {
    assert.ok(e instanceof InputError, `not an InputError: ${(e as Error)?.stack ?? String(e)}`);
    assert.ok(e.message.includes(file), `does not name ${file}: ${e.message}`);
  }
}

/** A size a corrupt header might claim: small, at a type's edge, or far beyond memory. */
export const claimedSize = fc.oneof(
  fc.nat(64),
  fc.constantFrom(0, 1, 255, 2 ** 16, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 40, 2 ** 53, Number.MAX_SAFE_INTEGER),
);

/** One damage to a file: cut short, a byte overwritten, bytes inserted, a range deleted. */
type Damage = { cut: number } | { at: number; byte: number } | { at: number; insert: Uint8Array } | { at: number; remove: number };

const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ cut: fc.nat() }),
  fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ at: fc.nat(), insert: fc.uint8Array({ minLength: 1, maxLength: 16 }) }),
  fc.record({ at: fc.nat(), remove: fc.integer({ min: 1, max: 16 }) }),
);

function applyDamage(bytes: Uint8Array, d: Damage): Uint8Array {
  const n = bytes.length;
  if ('cut' in d) return bytes.slice(0, n === 0 ? 0 : d.cut % (n + 1));
  const at = n === 0 ? 0 : d.at % n;
  if ('byte' in d) {
    const out = bytes.slice();
    if (n > 0) out[at] = d.byte;
    return out;
  }
  if ('insert' in d) return Uint8Array.from([...bytes.subarray(0, at), ...d.insert, ...bytes.subarray(at)]);
  return Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at + d.remove)]);
}

/** `valid` files with up to four damages each: close enough to valid to reach deep checks. */
export function damaged(valid: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> {
  return fc.tuple(valid, fc.array(damage, { maxLength: 4 })).map(([bytes, ds]) => ds.reduce(applyDamage, bytes));
}

/** Text with what trips parsers: lone surrogates, BOMs, NULs, right-to-left marks, emoji. */
export const oddText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\uFEFF', '\u0000', '\uD800', '\uDFFF', '\u202E', '🙂', 'e\u0301', '\u00A0', '\u2028', '١٢٣'),
);
