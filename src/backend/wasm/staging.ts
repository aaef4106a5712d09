import type { WasmArena } from './arena.js';
import type { WasmHeap } from './heap.js';

type Buffer = Float32Array | Int32Array;

/**
 * Lets a kernel take any typed array: one that lives in wasm memory is used in place, any other
 * is copied into scratch space on the way in and, for outputs, copied back by `finish`.
 */
export class Staging {
  private readonly pending: { view: Buffer; address: number; length: number }[] = [];

  constructor(
    private readonly heap: WasmHeap,
    private readonly scratch: WasmArena,
  ) {}

  /** Address of the first `length` elements of `view`, read by the kernel. */
  input(view: Buffer, length: number): number {
    const address = this.heap.addressOf(view);
    if (address >= 0) return address;
    const copy = this.place(view, length);
    copy.set(length === view.length ? view : view.subarray(0, length));
    return copy.byteOffset;
  }

  /** Address the kernel writes `length` elements of `view` to; `read` when it also reads them. */
  output(view: Buffer, length: number, read: boolean): number {
    const inPlace = this.heap.addressOf(view);
    if (inPlace >= 0) return inPlace;
    const address = read ? this.input(view, length) : this.place(view, length).byteOffset;
    this.pending.push({ view, address, length });
    return address;
  }

  /** Address of `bytes` bytes of scratch for the kernel's own use, freed by `finish`. */
  temporary(bytes: number): number {
    return this.scratch.allocBytes(bytes);
  }

  /** Copies staged outputs back and frees the scratch space. */
  finish(): void {
    for (const { view, address, length } of this.pending) {
      view.set(view instanceof Float32Array ? this.heap.f32(address, length) : this.heap.i32(address, length));
    }
    this.pending.length = 0;
    this.scratch.reset();
  }

  private place(view: Buffer, length: number): Buffer {
    return view instanceof Float32Array ? this.scratch.alloc(length) : this.scratch.allocInt32(length);
  }
}
