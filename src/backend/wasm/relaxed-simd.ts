import { setFlagsFromString } from 'node:v8';
import { webAssembly } from './webassembly.js';

/**
 * Whether this V8 accepts `bytes`, a module using relaxed SIMD. V8 11.4+ (Node 22) ships the
 * feature; Node 20's V8 11.3 has it behind --experimental-wasm-relaxed-simd, which it honours
 * when set at run time before compiling (checked on 20.20). The flag is process-wide and only
 * makes V8 accept more modules.
 */
export function relaxedSimdAccepted(bytes: Uint8Array): boolean {
  if (webAssembly.validate(bytes)) return true;
  setFlagsFromString('--experimental-wasm-relaxed-simd');
  return webAssembly.validate(bytes);
}
