import type { WasmMemory } from './webassembly.js';

const PAGE_BYTES = 65536;
/** Cache-line alignment: SIMD loads never straddle a line at the start of a buffer. */
const ALIGN = 64;

/**
 * The byte ranges of one shared WebAssembly.Memory, handed out by bumping a pointer (nothing is
 * ever returned: arenas recycle what they got). Also answers "does this typed array live in
 * here": growing shared memory keeps old views valid but gives `memory.buffer` a new
 * SharedArrayBuffer object each time, so every buffer object ever handed out is remembered.
 */
export class WasmHeap {
  private top: number;
  private readonly buffers = new WeakSet<ArrayBufferLike>();

  constructor(
    readonly memory: WasmMemory,
    base: number,
  ) {
    this.top = alignUp(base, ALIGN);
  }

  /** Address of `bytes` fresh bytes, growing the memory when needed. */
  reserve(bytes: number): number {
    const address = this.top;
    this.top = alignUp(address + bytes, ALIGN);
    const missing = this.top - this.memory.buffer.byteLength;
    if (missing > 0) this.memory.grow(Math.ceil(missing / PAGE_BYTES));
    return address;
  }

  f32(address: number, length: number): Float32Array {
    return new Float32Array(this.buffer(), address, length);
  }

  i32(address: number, length: number): Int32Array {
    return new Int32Array(this.buffer(), address, length);
  }

  /** The byte address of `view` in this memory, or -1 when it lives elsewhere. */
  addressOf(view: ArrayBufferView): number {
    return this.buffers.has(view.buffer) ? view.byteOffset : -1;
  }

  /** Whether every view lives in this memory. */
  holdsAll(...views: ArrayBufferView[]): boolean {
    return views.every((view) => this.buffers.has(view.buffer));
  }

  private buffer(): ArrayBufferLike {
    const buffer = this.memory.buffer;
    this.buffers.add(buffer);
    return buffer;
  }
}

export function alignUp(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}
