import { existsSync } from 'node:fs';
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
 *   python torch_ref.py SPEC --threads 1
 * `--threads` sets torch's own threads; Debian's pthread OpenBLAS keeps its own pool (one thread
 * per core) for the products, as it does for anyone who runs the script.
 */
export async function timeTorchEpochs(python: string, script: string, version: string, specFile: string, repeat: number): Promise<TorchEpochs> {
  if (!existsSync(script)) throw new Error(`no PyTorch comparison: ${script} not found (see --torch-ref)`);
  const runs: EpochRun[] = [];
  let threads = 1;
  for (let run = 0; run < repeat; run++) {
    const out = (await runPythonJson(python, [script, specFile, '--threads', '1'], `${script} ${specFile}`)) as TorchRefOutput;
    threads = out.threads;
    runs.push({ seconds: out.history[0].seconds, trainLoss: out.history[0].loss, testAcc: out.test?.acc ?? null });
  }
  const accuracies = runs.flatMap((r) => (r.testAcc === null ? [] : [r.testAcc]));
  return {
    version,
    threads,
    runs,
    seconds: median(runs.map((r) => r.seconds)),
    testAcc: accuracies.length > 0 ? median(accuracies) : null,
  };
}
