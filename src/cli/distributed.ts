import { Option } from 'commander';
import { localRunners, type Runners } from '../doctor/runner.js';
import { InputError } from '../errors.js';
import { TrialQueue, type DistributedFlags } from '../distributed/redis-runner.js';

/** The flags of doctor and experiment that put their trials on Redis (docs/distributed.md). */
export const redisOption = () => new Option('--redis <url>', 'run the trials as jobs on this Redis (redis://HOST:PORT) for `remedy worker` processes to take, instead of local threads');
export const storeOption = () => new Option('--store <dir>', "with --redis: keep the trials' checkpoints in this folder, mounted at the same path on every worker (default: in Redis)");
export const runIdOption = () => new Option('--run-id <id>', 'with --redis: name the run, so that restarted with the same id it keeps the trials already finished (default: a new id, printed)');

/** Local threads, or the queue on Redis the flags name (connected, the flags checked). */
export async function runnersFor(flags: Partial<DistributedFlags>, say: (line: string) => void): Promise<Runners> {
  if (flags.redis === undefined) {
    for (const [flag, value] of [['--store', flags.store], ['--run-id', flags.runId]] as const) if (value !== undefined) throw new InputError('needs --redis', flag);
    return localRunners;
  }
  return (await TrialQueue.open({ redis: flags.redis, store: flags.store, runId: flags.runId }, say)).runners();
}
