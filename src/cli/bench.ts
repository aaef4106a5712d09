import path from 'node:path';
import type { BackendName } from '../backend/select.js';
import { prepareBackend } from '../bench/backend-label.js';
import { BENCH_SPECS, SPEC_FILES, TORCH_REF } from '../bench/defaults.js';
import { describeMachine, machineLine } from '../bench/machine.js';
import { MLP_SHAPES, matmulSweep, squareShapes } from '../bench/matmul-sweep.js';
import { openBlasReference } from '../bench/openblas.js';
import { DEFAULT_PYTHON, probeTorch, referenceEnvironment } from '../bench/python.js';
import { shareOfOpenBlas, workloadRatios } from '../bench/ratios.js';
import { TRAINING_WORKLOADS, type BenchReport, type MatmulReport, type TrainingWorkload, type WorkloadReport } from '../bench/report.js';
import { isSkipped, skippedBecause, type Skipped } from '../bench/skipped.js';
import { matmulSummary, workloadSummary } from '../bench/summary.js';
import { DEFAULT_TFJS_BUDGET, TFJS_BACKENDS, loadTfjs, timeTfjsSteps, type TfjsBackend, type TfjsTiming } from '../bench/tfjs.js';
import { timeTorchEpochs, type TorchEpochs } from '../bench/torch-ref.js';
import { timeRemedyEpochs } from '../bench/workload.js';
import { loadData } from '../data/index.js';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic.js';
import { loadSpec } from '../spec/load.js';
import { checkWritable } from './paths.js';
import { Progress } from './progress.js';

/** The log of --quiet: nothing but errors, which are thrown, not logged. */
const NO_LOG = (_line: string) => {};

export const BENCH_WORKLOADS = [...TRAINING_WORKLOADS, 'matmul', 'all'] as const;

export interface BenchFlags {
  /** Also run PyTorch (torch_ref.py) and TensorFlow.js on the same workloads, and OpenBLAS's matmul. */
  compare?: boolean;
  json?: string;
  quiet?: boolean;
  /** Epochs to time per framework; the median is reported (default 1). */
  repeat?: number;
  /** remedy's backend (default: REMEDY_BACKEND, else blas where a BLAS loads, else wasm). */
  backend?: BackendName;
  /** The folder of mlp-fashion.json and cnn-fashion.json (default bench/specs). */
  specs?: string;
  /** The interpreter that has torch (default /usr/bin/python3). */
  python?: string;
  torchRef?: string;
  /** TF.js steps to time before extrapolating to an epoch (default 50). */
  tfjsSteps?: number;
}

/**
 * `remedy bench mlp|cnn|matmul|all`: one epoch of each training workload through remedy's own
 * training path, and a sweep of matrix products; with --compare, the same work in PyTorch and
 * TensorFlow.js, and OpenBLAS's matmul rate, with the ratios. Comparisons that cannot run here
 * are reported as skipped, with the reason; they never fail the command.
 */
export async function benchCommand(workload: string, flags: BenchFlags): Promise<number> {
  if (!(BENCH_WORKLOADS as readonly string[]).includes(workload)) {
    throw new InputError(`unknown workload; choose one of ${BENCH_WORKLOADS.join(', ')}`, 'workload', workload);
  }
  if (flags.json !== undefined) checkWritable(flags.json, '--json');
  const repeat = flags.repeat ?? 1;
  const python = flags.python ?? DEFAULT_PYTHON;
  const log = flags.quiet ? NO_LOG : (line: string) => console.log(line);
  const machine = describeMachine();
  const backend = prepareBackend(flags.backend);
  log(`remedy bench ${workload}: ${machineLine(machine)}`);
  log(`remedy backend: ${backend.label}; ${backend.reason}`);

  const compare: Comparison | null = flags.compare
    ? { torch: probeTorch(python), python, script: flags.torchRef ?? TORCH_REF, tfjsSteps: flags.tfjsSteps ?? DEFAULT_TFJS_BUDGET.steps }
    : null;
  if (compare !== null) log(isSkipped(compare.torch) ? compare.torch.skipped : `PyTorch ${compare.torch.version} via ${python}`);
  const pinned = pinnedOpenBlas();
  if (compare !== null && backend.blas !== undefined && pinned.length > 0) {
    log(`note: ${pinned.join(' ')} pin remedy's OpenBLAS kernels but are removed for PyTorch's; unset them to compare the same kernels`);
  }

  // the products first: measured in a fresh process, as `remedy bench matmul` measures them,
  // not after training has left its arena, collector and thread-sharing state behind
  let matmul: MatmulReport | undefined;
  if (workload === 'matmul' || workload === 'all') matmul = await benchMatmul(backend.label, compare, log);
  const workloads: WorkloadReport[] = [];
  for (const w of TRAINING_WORKLOADS) {
    if (workload !== w && workload !== 'all') continue;
    const specFile = path.resolve(flags.specs ?? BENCH_SPECS, SPEC_FILES[w]);
    workloads.push(await benchWorkload(w, specFile, repeat, backend.label, compare, log));
  }

  if (!flags.quiet) {
    console.log('');
    if (workloads.length > 0) console.log(workloadSummary(workloads));
    if (workloads.length > 0 && matmul !== undefined) console.log('');
    if (matmul !== undefined) console.log(matmulSummary(matmul));
  }
  if (flags.json !== undefined) {
    const report: BenchReport = {
      command: `remedy bench ${workload}${flags.compare ? ' --compare' : ''}${repeat > 1 ? ` --repeat ${repeat}` : ''}`,
      flags: { ...flags },
      date: new Date().toISOString(),
      machine,
      backend,
      loadAverageAfter: describeMachine().loadAverage,
      torch: compare?.torch,
      workloads,
      matmul,
    };
    writeFileAtomic(flags.json, JSON.stringify(report, null, 2) + '\n');
  }
  return 0;
}

/** PyTorch's intra-op threads tried; the faster counts (its convolutions gain from the second core, its products use OpenBLAS's pool either way). */
const TORCH_THREADS = [1, 2];

/** The OpenBLAS settings the PyTorch reference runs without (python.ts), as set here. */
function pinnedOpenBlas(): string[] {
  const reference = referenceEnvironment();
  return Object.keys(process.env)
    .filter((name) => name.startsWith('OPENBLAS_') && !(name in reference))
    .map((name) => `${name}=${process.env[name]}`);
}

interface Comparison {
  torch: { version: string } | Skipped;
  python: string;
  script: string;
  tfjsSteps: number;
}

async function benchWorkload(
  workload: TrainingWorkload,
  specFile: string,
  repeat: number,
  backendLabel: string,
  compare: Comparison | null,
  log: (line: string) => void,
): Promise<WorkloadReport> {
  const spec = loadSpec(specFile);
  log(`${workload}: remedy, ${repeat} epoch${repeat > 1 ? 's' : ''} of ${spec.name ?? specFile}`);
  const interactive = log !== NO_LOG && process.stderr.isTTY === true;
  const remedy = await timeRemedyEpochs(specFile, repeat, () => (log === NO_LOG ? [] : [new Progress(1, interactive, (line) => log(`  ${line}`))]));
  const result: Omit<WorkloadReport, 'ratios'> = { workload, spec: specFile, remedy: { ...remedy, backend: backendLabel } };
  if (compare !== null) {
    if (isSkipped(compare.torch)) result.torch = compare.torch;
    else {
      result.torchThreads = [];
      for (const threads of TORCH_THREADS) {
        log(`${workload}: PyTorch, ${repeat} epoch${repeat > 1 ? 's' : ''} (${path.basename(compare.script)} --threads ${threads})`);
        const timed = await timeTorchEpochs(compare.python, compare.script, compare.torch.version, specFile, repeat, threads).catch(skippedBecause);
        log(isSkipped(timed) ? `  ${timed.skipped}` : `  ${timed.seconds.toFixed(2)} s an epoch`);
        result.torchThreads.push(timed);
      }
      const ran = result.torchThreads.filter((t): t is TorchEpochs => !isSkipped(t));
      result.torch = ran.length === 0 ? result.torchThreads[0] : ran.reduce((best, t) => (t.seconds < best.seconds ? t : best));
    }
    result.tfjs = await benchTfjs(workload, specFile, compare.tfjsSteps, log).catch(skippedBecause);
  }
  return { ...result, ratios: workloadRatios(result) };
}

async function benchTfjs(
  workload: TrainingWorkload,
  specFile: string,
  steps: number,
  log: (line: string) => void,
): Promise<Partial<Record<TfjsBackend, TfjsTiming | Skipped>>> {
  const tf = await loadTfjs();
  const spec = loadSpec(specFile);
  const data = await loadData(spec.data, { seed: spec.seed, specDir: path.dirname(specFile), specFile });
  const budget = { ...DEFAULT_TFJS_BUDGET, steps };
  const timings: Partial<Record<TfjsBackend, TfjsTiming | Skipped>> = {};
  for (const backend of TFJS_BACKENDS) {
    log(`${workload}: TF.js ${backend}, ${budget.steps} steps after ${budget.warmup} warm-up (at most ~${budget.seconds} s), extrapolated to an epoch`);
    const timing = await timeTfjsSteps(tf, spec, data, backend, budget).catch(skippedBecause);
    log(isSkipped(timing) ? `  ${timing.skipped}` : `  ${timing.secondsPerStep.toFixed(3)} s a step over ${timing.stepsTimed} steps`);
    timings[backend] = timing;
  }
  return timings;
}

async function benchMatmul(backendLabel: string, compare: Comparison | null, log: (line: string) => void): Promise<MatmulReport> {
  const shapes = [...squareShapes(), ...MLP_SHAPES];
  log(`matmul: ${shapes.length} products on ${backendLabel}`);
  const results = matmulSweep(shapes, (r) => log(`  ${r.label.padEnd(22)} ${r.gflops.toFixed(1).padStart(7)} GFLOP/s`));
  const report: MatmulReport = { backend: backendLabel, results };
  if (compare !== null) {
    if (isSkipped(compare.torch)) report.openblas = compare.torch;
    else {
      log('matmul: OpenBLAS reference (torch.mm, 1 and 2 threads)');
      report.openblas = await openBlasReference(compare.python).catch(skippedBecause);
      if (!isSkipped(report.openblas)) report.shareOfOpenBlas = shareOfOpenBlas(results, report.openblas);
    }
  }
  return report;
}

