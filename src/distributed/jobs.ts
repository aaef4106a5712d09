/**
 * What a coordinator (`remedy doctor|experiment --redis`) and `remedy worker` agree on: the
 * queue, the jobs, their ids and the checkpoints' keys. (Errors travel as errors.ts's ErrorMessage.)
 */
import type { Spec } from '../spec/schema.js';
import type { SpecOrigin } from '../train/run.js';

/** The one BullMQ queue every coordinator puts its trials on and every worker takes them from. */
export const QUEUE = 'remedy-trials';

/** Where trial checkpoints live: in Redis (null), or a folder every machine reaches at this path. */
export type StoreLocation = { dir: string } | null;

/**
 * One call of the TrialRunner: train trial `trial` of run `run` to `epochs` epochs (resuming
 * from its stored checkpoint), or test its best checkpoint.
 */
export type TrialJob = {
  /** The coordinator's run and the runner within it (a duel has several): `RUN-ID.N`. */
  run: string;
  trial: number;
  spec: Spec;
  origin: SpecOrigin;
  keepBest: boolean;
  store: StoreLocation;
} & ({ op: 'train'; epochs: number } | { op: 'test' });

/** Job ids are the calls themselves, so a coordinator restarted with its run id finds the jobs it had already put on the queue. */
export function jobId(job: TrialJob, epochs: number): string {
  return `${job.run}-t${job.trial}-${job.op}-${epochs}`;
}

/** A trial of a run, as a worker's threads keep it in memory between jobs (job-thread.ts). */
export const trialKey = (job: TrialJob) => `${job.run}:${job.trial}`;

/** The key (or file name, in a folder) of a trial's checkpoint. */
export const checkpointKey = (run: string, trial: number) => `remedy:checkpoint:${run}:${trial}`;

/** The job in words, for progress lines. */
export const jobName = (job: TrialJob) => (job.op === 'train' ? `trial ${job.trial} of ${job.run} to ${job.epochs} epochs` : `test of trial ${job.trial} of ${job.run}`);
