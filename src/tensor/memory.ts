/**
 * Where tensor storage comes from. Every op asks `alloc` for its output and gradient buffers
 * instead of calling `new Float32Array`, so a backend or the training loop can plan memory (an
 * arena reused from step to step, or storage inside WebAssembly memory) without touching the ops.
 * Buffers from `alloc` may hold stale values: kernels must write every element they own.
 * `allocPersistent` is for state that outlives a training step: parameters and their gradients.
 */
export interface Allocator {
  alloc(n: number): Float32Array;
}

const heap: Allocator = { alloc: (n) => new Float32Array(n) };

let transient: Allocator = heap;
let persistent: Allocator = heap;

export function alloc(n: number): Float32Array {
  return transient.alloc(n);
}

export function allocPersistent(n: number): Float32Array {
  return persistent.alloc(n);
}

/** Runs `fn` with `a` serving transient allocations; restores the previous allocator after. */
export function withAllocator<T>(a: Allocator, fn: () => T): T {
  const saved = transient;
  transient = a;
  try {
    return fn();
  } finally {
    transient = saved;
  }
}

export function setPersistentAllocator(a: Allocator | null): void {
  persistent = a ?? heap;
}
