import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runPythonJson } from './python.js';
import { median } from './timing.js';
import type { EpochRun } from './workload.js';

/** What torch_ref.py prints (its --json document), the parts the benchmark reads. */
interface TorchRefOutput {
  history: { epoch: number; loss: number; seconds: number }[];
  test?: { acc: number };
  threads: number;
}

export interface TorchEpochs {
  version: string;
  threads: number;
  runs: EpochRun[];
  seconds: number;
  testAcc: number | null;
}

/**
 * One epoch of the spec in PyTorch, `repeat` times, through the project's reference twin:
 *   python torch_ref.py SPEC --threads THREADS
 * Run r trains a copy of the spec with seed spec.seed + r, as remedy's runs do.
 * `--threads` sets torch's own threads; Debian's pthread OpenBLAS keeps its own pool (one thread
 * per core) for the products, as it does for anyone who runs the script.
 */
export async function timeTorchEpochs(python: string, script: string, version: string, specFile: string, repeat: number, threads = 1): Promise<TorchEpochs> {
  if (!existsSync(script)) throw new Error(`no PyTorch comparison: ${script} not found (see --torch-ref)`);
  const runs: EpochRun[] = [];
  let threadsUsed = threads;
  const spec = withAbsoluteSource(JSON.parse(readFileSync(specFile, 'utf8')) as TwinSpec, path.dirname(path.resolve(specFile)));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'remedy-bench-'));
  try {
    for (let run = 0; run < repeat; run++) {
      const seeded = path.join(dir, path.basename(specFile));
      writeFileSync(seeded, JSON.stringify({ ...spec, seed: (spec.seed ?? 0) + run }));
      const out = (await runPythonJson(python, [script, seeded, '--threads', String(threads)], `${script} ${specFile}`)) as TorchRefOutput;
      threadsUsed = out.threads;
      runs.push({ seconds: out.history[0].seconds, trainLoss: out.history[0].loss, testAcc: out.test?.acc ?? null });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const accuracies = runs.flatMap((r) => (r.testAcc === null ? [] : [r.testAcc]));
  return {
    version,
    threads: threadsUsed,
    runs,
    seconds: median(runs.map((r) => r.seconds)),
    testAcc: accuracies.length > 0 ? median(accuracies) : null,
  };
}

interface TwinSpec {
  seed?: number;
  data?: { source?: string };
}

/** The seeded copies live in a temporary folder, so a csv:/idx: path relative to the spec is made absolute. */
function withAbsoluteSource(spec: TwinSpec, specDir: string): TwinSpec {
  const match = /^(csv|idx):(.*)$/.exec(spec.data?.source ?? '');
  if (match === null || path.isAbsolute(match[2])) return spec;
  return { ...spec, data: { ...spec.data, source: `${match[1]}:${path.resolve(specDir, match[2])}` } };
}
