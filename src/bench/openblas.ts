import { runPythonJson } from './python.js';

/** The reference rate the matmul target is stated against: torch.mm at these sizes and threads. */
export const REFERENCE_SIZES = [512, 1024];
export const REFERENCE_THREADS = [1, 2];

export interface ReferenceRate {
  size: number;
  threads: number;
  seconds: number;
  gflops: number;
}

export interface OpenBlasReference {
  torch: string;
  /** OpenBLAS's own description (version, kernel chosen for this processor), when it is the BLAS. */
  blas: { library: string; corename: string | null; config: string | null };
  rates: ReferenceRate[];
}

/**
 * Times torch.mm the way matmul-sweep.ts times remedy (3 warm-up calls, 7 samples of at least
 * 50 ms, the median). torch.set_num_threads does not reach Debian's pthread OpenBLAS, which keeps
 * a thread per core, so the thread count is also set through OpenBLAS's own API, found among the
 * libraries torch loaded.
 */
const SNIPPET = `
import ctypes, json, sys, time, torch
sizes = [int(s) for s in sys.argv[1].split(',')]
threads = [int(t) for t in sys.argv[2].split(',')]
blas = None
for line in open('/proc/self/maps'):
    path = line.split()[-1]
    if 'libopenblas' in path:
        blas = ctypes.CDLL(path)
        blas.openblas_get_corename.restype = ctypes.c_char_p
        blas.openblas_get_config.restype = ctypes.c_char_p
        break
def median_seconds(run):
    start = time.perf_counter()
    for _ in range(3): run()
    per_call = (time.perf_counter() - start) / 3
    batch = max(1, int(0.05 / max(per_call, 1e-9)) + 1)
    samples = []
    for _ in range(7):
        start = time.perf_counter()
        for _ in range(batch): run()
        samples.append((time.perf_counter() - start) / batch)
    return sorted(samples)[3]
rates = []
for t in threads:
    torch.set_num_threads(t)
    if blas is not None: blas.openblas_set_num_threads(t)
    for n in sizes:
        a, b, c = torch.rand(n, n) * 2 - 1, torch.rand(n, n) * 2 - 1, torch.empty(n, n)
        s = median_seconds(lambda: torch.mm(a, b, out=c))
        rates.append({"size": n, "threads": t, "seconds": s, "gflops": 2 * n ** 3 / s / 1e9})
print(json.dumps({
    "torch": torch.__version__,
    "blas": {"library": "OpenBLAS" if blas is not None else "unknown (not OpenBLAS)",
             "corename": blas.openblas_get_corename().decode() if blas is not None else None,
             "config": blas.openblas_get_config().decode() if blas is not None else None},
    "rates": rates}))
`;

export async function openBlasReference(python: string): Promise<OpenBlasReference> {
  return (await runPythonJson(python, ['-c', SNIPPET, REFERENCE_SIZES.join(','), REFERENCE_THREADS.join(',')], 'the torch.mm timing')) as OpenBlasReference;
}
