import { writeFileAtomic } from '../io/atomic.js';
import { runDoctor, type DoctorResult } from '../doctor/doctor.js';
import { doctorJson } from '../doctor/doctor-json.js';
import { LiveDoctor } from '../live/doctor.js';
import { doctorReport } from '../report/doctor-report.js';
import { reportPage } from '../report/page.js';
import { describeChange, specDiff } from '../report/spec-diff.js';
import { loadSpec } from '../spec/load.js';
import type { Spec } from '../spec/schema.js';
import { originOf } from '../train/run.js';
import type { DistributedFlags } from '../distributed/redis-runner.js';
import { runnersFor } from './distributed.js';
import { startLive, type LiveFlags } from './live.js';
import { checkWritable } from './paths.js';

export interface DoctorFlags extends LiveFlags, Partial<DistributedFlags> {
  budget: number;
  target?: number;
  json?: string;
  saveSpec?: string;
  report?: string;
  quiet?: boolean;
}

const pct = (v: number | null) => (v === null ? '-' : v.toFixed(3));

/** `remedy doctor SPEC`: diagnose, race repairs, report. */
export async function doctorCommand(specFile: string, flags: DoctorFlags): Promise<number> {
  for (const [flag, file] of [['--json', flags.json], ['--save-spec', flags.saveSpec], ['--report', flags.report]] as const) if (file !== undefined) checkWritable(file, flag);
  const spec = loadSpec(specFile);
  const origin = originOf(specFile);
  const log = flags.quiet ? () => {} : (line: string) => console.log(line);
  log(`remedy doctor: ${spec.name ?? specFile}, a budget of ${flags.budget} epochs${flags.target !== undefined ? `, target validation accuracy ${flags.target}` : ''}`);
  const runners = await runnersFor(flags, log);
  const live = await startLive(flags, `Doctor: ${spec.name ?? 'run spec'}`, `remedy doctor ${specFile}`);
  try {
    const view = live === null ? null : new LiveDoctor(live, flags.budget);
    const result = await runDoctor(spec, origin, runners(origin), { budget: flags.budget, target: flags.target, onProgress: log, onEvent: view?.onEvent });
    summarise(spec, result, flags, log);
    if (flags.report !== undefined || live !== null) {
      const report = doctorReport(spec, result, { budget: flags.budget });
      if (flags.report !== undefined) writeFileAtomic(flags.report, reportPage(report));
      live?.finish(report);
    }
  } finally {
    await live?.close();
  }
  return 0;
}

/** Prints the verdict and writes the files asked for. */
function summarise(spec: Spec, result: DoctorResult, flags: DoctorFlags, log: (line: string) => void): void {
  log(`verdict: ${result.verdict}  (${result.epochsSpent.toFixed(1)} of ${flags.budget} epochs, ${result.seconds.toFixed(1)}s)`);
  log(`  before: train ${pct(result.baseline.trainAcc)}  val ${pct(result.baseline.valAcc)}  test ${pct(result.baseline.testAcc)}`);
  if (result.best.change !== 'no change') {
    log(`  after:  train ${pct(result.best.trainAcc)}  val ${pct(result.best.valAcc)}  test ${pct(result.best.testAcc)}`);
    log('the repaired spec:');
    for (const change of specDiff(spec, result.best.spec)) log(`  ${describeChange(change)}`);
  }
  for (const d of result.remaining) log(`  still: ${d.symptom}: ${d.explanation}`);
  if (flags.json !== undefined) writeFileAtomic(flags.json, JSON.stringify(doctorJson(result), null, 2) + '\n');
  if (flags.saveSpec !== undefined) writeFileAtomic(flags.saveSpec, JSON.stringify(result.best.spec, null, 2) + '\n');
}
