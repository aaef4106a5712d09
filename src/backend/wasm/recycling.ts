import type { Allocator } from '../../tensor/memory.js';
import type { WasmHeap } from './heap.js';

/** Sizes are rounded up to a power of two (at least 64 bytes), one free list per size. */
const MIN_CLASS_BYTES = 64;

interface Block {
  address: number;
  bytes: number;
}

/**
 * Long-lived buffers (parameters, gradients, optimizer state) inside wasm memory, returned for
 * reuse once the garbage collector has collected the Float32Array that held them. Users never
 * free anything. The collector, though, does not see wasm memory and may wait long before it
 * runs, so code that drops many models (the doctor's discarded trials) returns their blocks at
 * once with `free`. Rounding to powers of two wastes at most half of each buffer and makes a
 * freed block fit the next request of its class.
 */
export class RecyclingAllocator implements Allocator {
  private readonly freeBlocks = new Map<number, number[]>();
  private readonly blocks = new WeakMap<Float32Array, Block>();
  private readonly registry = new FinalizationRegistry<Block>(({ address, bytes }) => {
    this.listFor(bytes).push(address);
  });

  constructor(private readonly heap: WasmHeap) {}

  alloc(n: number): Float32Array {
    const bytes = sizeClass(n * 4);
    const address = this.listFor(bytes).pop() ?? this.heap.reserve(bytes);
    const view = this.heap.f32(address, n);
    const block = { address, bytes };
    this.blocks.set(view, block);
    this.registry.register(view, block, view);
    return view;
  }

  /** Returns `view`'s block now; `view` must not be used afterwards. Other arrays are ignored. */
  free(view: Float32Array): void {
    const block = this.blocks.get(view);
    if (block === undefined) return;
    this.blocks.delete(view);
    this.registry.unregister(view);
    this.listFor(block.bytes).push(block.address);
  }

  private listFor(bytes: number): number[] {
    let list = this.freeBlocks.get(bytes);
    if (list === undefined) this.freeBlocks.set(bytes, (list = []));
    return list;
  }
}

function sizeClass(bytes: number): number {
  let size = MIN_CLASS_BYTES;
  while (size < bytes) size *= 2;
  return size;
}
