import { InputError } from '../errors.js';
import { checkExperimentName, DOCTOR_EXPERIMENTS, experimentJson } from '../experiments/experiment-json.js';
import type { ExperimentData } from '../experiments/experiment.js';
import { writeFileAtomic } from '../io/atomic.js';
import { experimentReportHtml } from '../report/experiment-report.js';
import { checkWritable } from './paths.js';

export interface ExperimentFlags {
  json?: string;
  report?: string;
  quiet?: boolean;
  /** Default: the package's fault suite. */
  faults?: string;
  budget: number;
  /** Default: 5 for the claims and the published comparisons, 3 for doctor-vs-search. */
  seeds?: number;
  data?: ExperimentData['source'];
  full?: boolean;
  cases?: number;
  seed?: number;
  split?: 'dev' | 'eval';
  generated?: boolean;
}

/**
 * `remedy experiment NAME|all`: reproduce the training tips' claims over several seeds and say
 * whether each holds here; with `--full` (or by name) also the published comparisons.
 */
export async function experimentCommand(name: string, flags: ExperimentFlags): Promise<number> {
  checkExperimentName(name);
  if (flags.json !== undefined) checkWritable(flags.json, '--json');
  if (flags.report !== undefined) {
    if (DOCTOR_EXPERIMENTS.includes(name)) throw new InputError("is for the claims and the published comparisons, not the doctor's checks", '--report', flags.report);
    checkWritable(flags.report, '--report');
  }
  const log = flags.quiet ? () => {} : (line: string) => console.log(line);
  const document = await experimentJson(name, { faults: flags.faults, budget: flags.budget, seeds: flags.seeds, data: flags.data, full: flags.full, cases: flags.cases, seed: flags.seed, split: flags.split, generated: flags.generated, onProgress: log });
  if (flags.json !== undefined) writeFileAtomic(flags.json, JSON.stringify(document, null, 2) + '\n');
  if (flags.report !== undefined && 'experiments' in document) writeFileAtomic(flags.report, experimentReportHtml(document.experiments, document.published));
  return 0;
}
