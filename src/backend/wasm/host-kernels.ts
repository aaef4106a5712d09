import type { KernelTable } from './chunks.js';
import type { WasmMemory } from './webassembly.js';

/**
 * Kernels written in JavaScript that the team's threads run as they run the wasm ones, each
 * thread its own copy: the blas backend's convolutions run this way, every thread calling the
 * BLAS on its own images. A module registers its kernels here when it is imported, and every
 * worker the team starts afterwards imports it at boot (`url`) and calls its `hostKernels`
 * export; a team whose workers started before a registration runs those kernels on the calling
 * thread alone (team.ts).
 */
export type HostKernels = (memory: WasmMemory, kernels: KernelTable) => KernelTable;

export interface HostModule {
  /** The module's URL, which exports `hostKernels`. */
  url: string;
  hostKernels: HostKernels;
}

const modules: HostModule[] = [];

export function registerHostKernels(module: HostModule): void {
  if (!modules.some((m) => m.url === module.url)) modules.push(module);
}

export function hostModules(): readonly HostModule[] {
  return modules;
}
