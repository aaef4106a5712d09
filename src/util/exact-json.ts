/**
 * JSON that keeps NaN and ±Infinity (plain JSON turns them into null): a diverged run's history
 * holds them, and a run resumed from a checkpoint, or read back from a job queue, must see the
 * very numbers it had. They are written as `{"nonFinite": "NaN"}`.
 */
const TAG = 'nonFinite';

export function stringifyExact(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? { [TAG]: String(v) } : v));
}

export function parseExact(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
    const keys = Object.keys(v);
    return keys.length === 1 && keys[0] === TAG ? Number((v as Record<string, string>)[TAG]) : v;
  });
}
