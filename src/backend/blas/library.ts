/**
 * The machine's BLAS, reached through the FFI library koffi (prebuilt binaries in its npm
 * package: nothing is compiled at install). Typed arrays go to C as pointers to their memory,
 * also those inside the shared WebAssembly.Memory, so operands are never copied.
 */
import { createRequire } from 'node:module';

type Koffi = typeof import('koffi');
type KoffiLibrary = ReturnType<Koffi['load']>;

export interface BlasLibrary {
  /** The library and its version, e.g. "OpenBLAS 0.3.21". */
  name: string;
  /** The kernels it chose for this processor (OpenBLAS's corename), when it says. */
  kernel: string | null;
  /** Its own description (openblas_get_config, MKL's version string). */
  config: string | null;
  /** The file name or path it was loaded by. */
  file: string;
  /** Row-major C[m,n] = alpha·op(A)·op(B) + beta·C (cblas_sgemm); leading dimensions in elements. */
  sgemm(
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    a: Float32Array,
    lda: number,
    b: Float32Array,
    ldb: number,
    beta: number,
    c: Float32Array,
    ldc: number,
  ): void;
  /** The BLAS's own inner kernel, where it exports one this code knows how to feed (OpenBLAS). */
  packed: PackedKernel | null;
  /** Lets the next products use `threads` threads; a no-op where the library offers no control (Accelerate). */
  useThreads(threads: number): void;
  /** The threads it uses now, or null where it does not say. */
  threads(): number | null;
}

/**
 * C (column-major, `ldc`) += A·B on operands already cut into the kernel's panels
 * (assembly/blas-panels.ts): A [m, k] across its rows, `unrollA` wide, B [k, n] across its
 * columns, `unrollB` wide, the rest of each in halving widths. Always on the calling thread.
 */
export interface PackedKernel {
  unrollA: number;
  unrollB: number;
  multiply(m: number, n: number, k: number, a: Float32Array, b: Float32Array, c: Float32Array, ldc: number): void;
}

/** REMEDY_BLAS values that turn the BLAS off. */
const OFF = ['off', 'none', '0', 'false'];

/** Tried in order where REMEDY_BLAS names no library; the loader's search path finds them. */
export const BLAS_CANDIDATES: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: ['libopenblas.so.0', 'libmkl_rt.so.2', 'libmkl_rt.so'],
  darwin: ['/System/Library/Frameworks/Accelerate.framework/Accelerate', 'libopenblas.0.dylib', 'libmkl_rt.2.dylib'],
  win32: ['libopenblas.dll', 'mkl_rt.2.dll'],
};

const ROW_MAJOR = 101;
const NO_TRANS = 111;
const TRANS = 112;

/**
 * The BLAS to use, or why there is none: REMEDY_BLAS=/path/to/lib chooses one (and nothing else
 * is tried), REMEDY_BLAS=off turns it off, and by default the platform's candidates are tried.
 */
export function loadBlas(setting: string | undefined = process.env.REMEDY_BLAS): BlasLibrary | { unavailable: string } {
  if (setting !== undefined && OFF.includes(setting.toLowerCase())) return { unavailable: `REMEDY_BLAS=${setting}` };
  let koffi: Koffi;
  try {
    koffi = createRequire(import.meta.url)('koffi') as Koffi;
  } catch (e) {
    return { unavailable: `the FFI library koffi does not load (${firstLine(e)})` };
  }
  if (setting !== undefined && setting !== '') {
    const loaded = open(koffi, setting);
    return 'unavailable' in loaded ? { unavailable: `REMEDY_BLAS=${setting}: ${loaded.unavailable}` } : loaded;
  }
  const candidates = BLAS_CANDIDATES[process.platform] ?? [];
  const failures: string[] = [];
  for (const file of candidates) {
    const loaded = open(koffi, file);
    if (!('unavailable' in loaded)) return loaded;
    failures.push(`${file}: ${loaded.unavailable}`);
  }
  if (candidates.length === 0) return { unavailable: `no BLAS is known on ${process.platform} (set REMEDY_BLAS=/path/to/lib)` };
  return { unavailable: `no BLAS loads (${failures.join('; ')})` };
}

function open(koffi: Koffi, file: string): BlasLibrary | { unavailable: string } {
  let lib: KoffiLibrary;
  try {
    lib = koffi.load(file);
  } catch (e) {
    return { unavailable: `cannot load it (${firstLine(e)})` };
  }
  const sgemm = optional(
    lib,
    'void cblas_sgemm(int order, int transA, int transB, int m, int n, int k, float alpha, const float *a, int lda, const float *b, int ldb, float beta, float *c, int ldc)',
  );
  if (sgemm === null) return { unavailable: 'it has no cblas_sgemm' };
  const product: BlasLibrary['sgemm'] = (transA, transB, m, n, k, a, lda, b, ldb, beta, c, ldc) =>
    sgemm(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k, 1, a, lda, b, ldb, beta, c, ldc);
  return openBlas(lib, file, product) ?? mkl(lib, file, product) ?? other(file, product);
}

/** OpenBLAS's thread count is one for the whole process, so it is checked before every product. */
function openBlas(lib: KoffiLibrary, file: string, sgemm: BlasLibrary['sgemm']): BlasLibrary | null {
  const config = optional(lib, 'const char *openblas_get_config(void)');
  if (config === null) return null;
  const corename = optional(lib, 'const char *openblas_get_corename(void)');
  const get = lib.func('int openblas_get_num_threads(void)');
  const set = lib.func('void openblas_set_num_threads(int threads)');
  const description = String(config());
  const [library, version] = description.split(' ');
  const kernel = corename === null ? null : String(corename());
  return {
    name: `${library} ${version ?? ''}`.trim(),
    kernel,
    config: description,
    file,
    sgemm,
    packed: kernel === null ? null : openBlasKernel(lib, kernel),
    useThreads: (threads) => {
      if (get() !== threads) set(threads);
    },
    threads: () => get(),
  };
}

/** MKL sets threads per calling thread, so once per JavaScript thread is enough. */
function mkl(lib: KoffiLibrary, file: string, sgemm: BlasLibrary['sgemm']): BlasLibrary | null {
  const version = optional(lib, 'void MKL_Get_Version_String(_Out_ uint8_t *buffer, int length)');
  if (version === null) return null;
  const buffer = Buffer.alloc(256);
  version(buffer, buffer.length);
  const description = buffer.toString('latin1').replace(/\0.*$/s, '').trim();
  const setLocal = lib.func('int MKL_Set_Num_Threads_Local(int threads)');
  const max = lib.func('int MKL_Get_Max_Threads(void)');
  let local = 0;
  return {
    name: `MKL ${/Version ([\d.]+)/.exec(description)?.[1] ?? ''}`.trim(),
    kernel: null,
    config: description,
    file,
    sgemm,
    packed: null,
    useThreads: (threads) => {
      if (local !== threads) setLocal((local = threads));
    },
    threads: () => (local === 0 ? max() : local),
  };
}

/** Accelerate, or another CBLAS that says nothing about itself: named after its file. */
function other(file: string, sgemm: BlasLibrary['sgemm']): BlasLibrary {
  const name = file.includes('Accelerate') ? 'Accelerate' : (file.split(/[\\/]/).pop() ?? file);
  return { name, kernel: null, config: null, file, sgemm, packed: null, useThreads: () => {}, threads: () => null };
}

/**
 * OpenBLAS's sgemm kernel for the core it chose, fed as its own copy routines feed it. Built for
 * many cores (DYNAMIC_ARCH, as Debian's is) it exports each core's kernel and copy routines by
 * name. The panel widths are read off the copy routines, and a small product checks the kernel
 * before it is used; anything unexpected leaves the kernel out, and the products go through
 * cblas_sgemm as before.
 */
function openBlasKernel(lib: KoffiLibrary, corename: string): PackedKernel | null {
  const core = corename.toUpperCase();
  const copy = (name: string) => optional(lib, `int sgemm_${name}_${core}(intptr_t m, intptr_t n, const float *a, intptr_t lda, _Inout_ float *b)`);
  const [packA, packB] = [copy('incopy'), copy('oncopy')];
  const kernel = optional(lib, `int sgemm_kernel_${core}(intptr_t m, intptr_t n, intptr_t k, float alpha, const float *a, const float *b, float *c, intptr_t ldc)`);
  if (packA === null || packB === null || kernel === null) return null;
  const unrollA = panelWidth(packA);
  const unrollB = panelWidth(packB);
  if (unrollA === null || unrollB === null) return null;
  const packed: PackedKernel = { unrollA, unrollB, multiply: (m, n, k, a, b, c, ldc) => void kernel(m, n, k, 1, a, b, c, ldc) };
  return kernelAgrees(packed) ? packed : null;
}

/**
 * The width of a copy routine's full panels, when it cuts every count of columns up to 64 as
 * assembly/blas-panels.ts does (full panels, then halving widths); else null.
 */
function panelWidth(copy: (...args: unknown[]) => unknown): number | null {
  const length = 3;
  // column j of a column-major [length, count] matrix holds j·length + t
  const pack = (count: number) => {
    const out = new Float32Array(length * count).fill(-1);
    copy(length, count, Float32Array.from(out, (_, i) => i), length, out);
    return out;
  };
  const wide = pack(64);
  let unroll = 0;
  while (unroll < 64 && wide[unroll] === unroll * length) unroll++;
  if (unroll === 0 || (unroll & (unroll - 1)) !== 0) return null;
  for (let count = 1; count <= 64; count++) {
    const expected = packPanels((j, t) => j * length + t, count, unroll, length);
    if (pack(count).some((v, i) => v !== expected[i])) return null;
  }
  return unroll;
}

/** Widths of the panels that cut `count` indices: `unroll` while they fit, then halving. */
export function panelWidths(count: number, unroll: number): number[] {
  const widths: number[] = [];
  let width = unroll;
  for (let first = 0; first < count; first += width) {
    while (width > count - first) width >>= 1;
    widths.push(width);
  }
  return widths;
}

/** element(i, t) packed across i < count in panels, t < length along each (assembly/blas-panels.ts's layout). */
function packPanels(element: (i: number, t: number) => number, count: number, unroll: number, length: number): Float32Array {
  const out = new Float32Array(count * length);
  let at = 0;
  let first = 0;
  for (const width of panelWidths(count, unroll)) {
    for (let t = 0; t < length; t++) for (let j = 0; j < width; j++) out[at++] = element(first + j, t);
    first += width;
  }
  return out;
}

/**
 * Whether the kernel adds A·B onto C, and touches nothing else, on a product with ragged panels
 * at both ends. Small integers keep every sum exact, so the check is equality.
 */
export function kernelAgrees(kernel: PackedKernel): boolean {
  const [m, n, k, ldc] = [2 * kernel.unrollA + 7, 2 * kernel.unrollB + 3, 29, 2 * kernel.unrollA + 10];
  const a = (i: number, t: number) => ((i * 7 + t * 3) % 9) - 4;
  const b = (t: number, j: number) => ((t * 5 + j * 11) % 7) - 3;
  const c = Float32Array.from({ length: ldc * n }, (_, i) => i % 5);
  kernel.multiply(m, n, k, packPanels(a, m, kernel.unrollA, k), packPanels((j, t) => b(t, j), n, kernel.unrollB, k), c, ldc);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < ldc; i++) {
      let sum = (j * ldc + i) % 5;
      for (let t = 0; i < m && t < k; t++) sum += a(i, t) * b(t, j);
      if (c[j * ldc + i] !== sum) return false;
    }
  }
  return true;
}

/** A function of the library, or null when it lacks the symbol. */
function optional(lib: KoffiLibrary, declaration: string): ((...args: unknown[]) => unknown) | null {
  try {
    return lib.func(declaration) as (...args: unknown[]) => unknown;
  } catch {
    return null;
  }
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}
