/**
 * Promise.all, except that when several fail, the error of the first in order is the one
 * thrown, not whichever failed first in time: a user fixing files one by one sees them in a
 * stable order (train before test, images before labels).
 */
export async function allInOrder<T extends readonly unknown[]>(promises: { [K in keyof T]: T[K] | Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(promises);
  for (const s of settled) if (s.status === 'rejected') throw s.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
