/**
 * What the process has opened that would keep it alive, or leave something behind, if a command
 * ended early: worker threads, child processes, servers. Whoever opens one holds it here until it
 * closes it; the command line closes whatever is still held before it exits (src/cli/exit.ts),
 * so an error anywhere ends the process instead of leaving it waiting on a thread.
 */
export interface Closable {
  close(): Promise<void> | void;
}

const held = new Set<Closable>();

export function holdOpen<T extends Closable>(resource: T): T {
  held.add(resource);
  return resource;
}

export function letGo(resource: Closable): void {
  held.delete(resource);
}

/** How long closing may take before the process ends regardless (a thread stuck in a kernel). */
const CLOSE_WAIT_MS = 3000;

/** Closes everything still held, each at most once; a failure to close is not a new error. */
export async function closeAllHeld(): Promise<void> {
  const closing = [...held].map(async (r) => {
    held.delete(r);
    try {
      await r.close();
    } catch {
      // already failing or already gone: the process is ending either way
    }
  });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS).unref()));
  await Promise.race([Promise.all(closing), late]);
  clearTimeout(timer);
}
