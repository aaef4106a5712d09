import type { Allocator } from '../../tensor/memory.js';
import type { WasmHeap } from './heap.js';

const FIRST_CHUNK_BYTES = 1 << 20;

/**
 * A bump allocator over chunks of wasm memory. `reset` makes every chunk free again without
 * returning it, so a training step that allocates the same sizes as the previous one reuses the
 * same memory. Chunks double in size so a growing workload settles after a few steps.
 */
export class WasmArena implements Allocator {
  private readonly chunks: { address: number; bytes: number }[] = [];
  private current = 0;
  private used = 0;

  constructor(private readonly heap: WasmHeap) {}

  alloc(n: number): Float32Array {
    return this.heap.f32(this.allocBytes(n * 4), n);
  }

  allocInt32(n: number): Int32Array {
    return this.heap.i32(this.allocBytes(n * 4), n);
  }

  /** Address of `bytes` bytes, aligned to a cache line. */
  allocBytes(bytes: number): number {
    const size = Math.ceil(bytes / 64) * 64;
    while (this.current < this.chunks.length && this.used + size > this.chunks[this.current].bytes) {
      this.current++;
      this.used = 0;
    }
    if (this.current === this.chunks.length) {
      const last = this.chunks.at(-1)?.bytes ?? FIRST_CHUNK_BYTES / 2;
      const chunkBytes = Math.max(size, 2 * last);
      this.chunks.push({ address: this.heap.reserve(chunkBytes), bytes: chunkBytes });
    }
    const address = this.chunks[this.current].address + this.used;
    this.used += size;
    return address;
  }

  /** Frees everything handed out so far: views from before now alias later allocations. */
  reset(): void {
    this.current = 0;
    this.used = 0;
  }
}
