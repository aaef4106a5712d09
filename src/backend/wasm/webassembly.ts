/**
 * The part of the WebAssembly JavaScript API this backend uses, typed here because the project
 * compiles without the DOM lib and @types/node 20 does not declare it.
 */
export interface WasmMemory {
  /** A new SharedArrayBuffer object after every grow; older ones stay valid views. */
  readonly buffer: SharedArrayBuffer;
  grow(pages: number): number;
}

/** A compiled module: opaque, but can be posted to worker threads. */
export interface WasmModule {
  readonly __compiledWasmModule: unique symbol;
}

export interface WasmInstance {
  readonly exports: Record<string, unknown>;
}

interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => WasmInstance;
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
  validate(bytes: Uint8Array): boolean;
}

export const webAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
