/**
 * Where tensor storage comes from. Every op asks `alloc` for its output and gradient buffers
 * instead of calling `new Float32Array`, so a backend or the training loop can plan memory (an
 * arena reused from step to step, or storage inside WebAssembly memory) without touching the ops.
 * Buffers from `alloc` may hold stale values: kernels must write every element they own.
 * `allocPersistent` is for state that outlives a training step: parameters and their gradients.
 */
export interface Allocator {
  alloc(n: number): Float32Array;
  /** Takes a buffer back before the garbage collector would; optional. */
  free?(a: Float32Array): void;
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

/**
 * Returns persistent buffers that will never be used again at once (internal: the doctor drops
 * many models; users never need this, the garbage collector returns them too, only later).
 */
export function freePersistent(buffers: Iterable<Float32Array>): void {
  if (persistent.free === undefined) return;
  for (const b of buffers) persistent.free(b);
}

export function setPersistentAllocator(a: Allocator | null): void {
  persistent = a ?? heap;
}

/** An arena that hands out buffers until `reset()` takes them all back at once. */
export interface ScratchAllocator extends Allocator {
  reset(): void;
}

let scratch: ScratchAllocator | null = null;
let scratchDepth = 0;

/** Sets (or, with null, removes) the arena that scratchScope() allocates from. */
export function setScratchAllocator(a: ScratchAllocator | null): void {
  scratch = a;
}

/**
 * Runs `fn` with transient buffers from the scratch arena, which the next outermost scope
 * recycles: memory planned per training step, the same addresses reused step after step. Nothing
 * allocated inside may be used after the next scope begins. Without an arena, plain allocation.
 */
export function scratchScope<T>(fn: () => T): T {
  if (scratch === null) return fn();
  if (scratchDepth === 0) scratch.reset();
  scratchDepth++;
  try {
    return withAllocator(scratch, fn);
  } finally {
    scratchDepth--;
  }
}
