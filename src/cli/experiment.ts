import { InputError } from '../errors.js';
import { checkExperimentName, DOCTOR_EXPERIMENTS, experimentJson, type ExperimentOptions } from '../experiments/experiment-json.js';
import { EXPERIMENTS } from '../experiments/index.js';
import { writeFileAtomic } from '../io/atomic.js';
import { LiveExperiments } from '../live/experiment.js';
import { experimentReport } from '../report/experiment-report.js';
import { reportPage } from '../report/page.js';
import type { DistributedFlags } from '../distributed/redis-runner.js';
import { runnersFor } from './distributed.js';
import { startLive, type LiveFlags } from './live.js';
import { checkWritable } from './paths.js';

/** The command's flags: the experiment's options (experiment-json.ts) and where its results go. */
export interface ExperimentFlags extends LiveFlags, Partial<DistributedFlags>, Omit<ExperimentOptions, 'budget' | 'onProgress' | 'watch' | 'runners'> {
  json?: string;
  report?: string;
  quiet?: boolean;
  budget: number;
}

/**
 * `remedy experiment NAME|all`: reproduce the training tips' claims over several seeds and say
 * whether each holds here; with `--full` (or by name) also the published comparisons.
 */
export async function experimentCommand(name: string, flags: ExperimentFlags): Promise<number> {
  checkExperimentName(name);
  if (flags.json !== undefined) checkWritable(flags.json, '--json');
  const claimsOnly = "is for the claims and the published comparisons, not the doctor's checks";
  if (flags.report !== undefined) {
    if (DOCTOR_EXPERIMENTS.includes(name)) throw new InputError(claimsOnly, '--report', flags.report);
    checkWritable(flags.report, '--report');
  }
  if (flags.live !== undefined && DOCTOR_EXPERIMENTS.includes(name)) throw new InputError(claimsOnly, '--live');
  const log = flags.quiet ? () => {} : (line: string) => console.log(line);
  const runners = await runnersFor(flags, log);
  const live = DOCTOR_EXPERIMENTS.includes(name) ? null : await startLive(flags, `Experiments: ${name}`, `remedy experiment ${name}`);
  try {
    const watch = live === null ? undefined : new LiveExperiments(live, name === 'all' ? Object.keys(EXPERIMENTS).length : name in EXPERIMENTS ? 1 : 0);
    // the flags are the experiment's options (experiment-json reads only those) and the outputs
    const document = await experimentJson(name, { ...flags, onProgress: log, watch, runners });
    if (flags.json !== undefined) writeFileAtomic(flags.json, JSON.stringify(document, null, 2) + '\n');
    if ('experiments' in document && (flags.report !== undefined || live !== null)) {
      const report = experimentReport(document.experiments, document.published);
      if (flags.report !== undefined) writeFileAtomic(flags.report, reportPage(report));
      live?.finish(report);
    }
  } finally {
    await live?.close();
  }
  return 0;
}
