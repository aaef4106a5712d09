import { InputError } from '../errors.js';
import { EXPERIMENTS } from '../experiments/index.js';
import { runExperiment, type ExperimentResult } from '../experiments/run.js';
import { fmt } from '../experiments/experiment.js';
import { writeFileAtomic } from '../io/atomic.js';
import { checkWritable } from './paths.js';

export interface ExperimentFlags {
  json?: string;
  quiet?: boolean;
}

/** `remedy experiment NAME|all`: reproduce the note's claims and say whether each holds here. */
export async function experimentCommand(name: string, flags: ExperimentFlags): Promise<number> {
  if (name !== 'all' && !(name in EXPERIMENTS)) {
    throw new InputError(`unknown experiment; choose one of ${Object.keys(EXPERIMENTS).join(', ')}, or all`, 'experiment', name);
  }
  if (flags.json !== undefined) checkWritable(flags.json, '--json');
  const log = flags.quiet ? () => {} : (line: string) => console.log(line);
  const names = name === 'all' ? Object.keys(EXPERIMENTS) : [name];
  const start = performance.now();
  const results: ExperimentResult[] = [];
  for (const n of names) {
    const experiment = EXPERIMENTS[n]();
    log(`${n}: ${experiment.claim}`);
    const result = await runExperiment(experiment, (label, r) =>
      log(`  ${label.padEnd(16)} train ${fmt(r.trainAcc)}  val ${fmt(r.valAcc)}  test ${fmt(r.testAcc)}  loss ${fmt(r.trainLoss)}  ${r.epochsRun} epochs  ${r.seconds.toFixed(1)}s`),
    );
    log(`  → ${result.holds ? 'holds' : 'does not hold'}: ${result.because}`);
    results.push(result);
  }
  const seconds = (performance.now() - start) / 1000;
  log(`${results.filter((r) => r.holds).length} of ${results.length} claims hold here (${seconds.toFixed(0)}s)`);
  if (flags.json !== undefined) writeFileAtomic(flags.json, JSON.stringify({ experiments: results, seconds }, null, 2) + '\n');
  return 0;
}
