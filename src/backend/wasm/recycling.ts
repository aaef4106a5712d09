import type { Allocator } from '../../tensor/memory.js';
import type { WasmHeap } from './heap.js';

/** Sizes are rounded up to a power of two (at least 64 bytes), one free list per size. */
const MIN_CLASS_BYTES = 64;

/**
 * Long-lived buffers (parameters, gradients, optimizer state) inside wasm memory, returned for
 * reuse once the garbage collector has collected the Float32Array that held them. Users never
 * free anything; a process that builds many models (the doctor's trials) reuses the memory of the
 * ones it dropped instead of growing until the 4 GiB limit. Rounding to powers of two wastes at
 * most half of each buffer and makes a freed block fit the next request of its class.
 */
export class RecyclingAllocator implements Allocator {
  private readonly free = new Map<number, number[]>();
  private readonly registry = new FinalizationRegistry<{ address: number; bytes: number }>(({ address, bytes }) => {
    this.listFor(bytes).push(address);
  });

  constructor(private readonly heap: WasmHeap) {}

  alloc(n: number): Float32Array {
    const bytes = sizeClass(n * 4);
    const address = this.listFor(bytes).pop() ?? this.heap.reserve(bytes);
    const view = this.heap.f32(address, n);
    this.registry.register(view, { address, bytes });
    return view;
  }

  private listFor(bytes: number): number[] {
    let list = this.free.get(bytes);
    if (list === undefined) this.free.set(bytes, (list = []));
    return list;
  }
}

function sizeClass(bytes: number): number {
  let size = MIN_CLASS_BYTES;
  while (size < bytes) size *= 2;
  return size;
}
