/**
 * The coordinator's side of a distributed run (`remedy doctor|experiment --redis`): each trial
 * call becomes a job on the queue, any `remedy worker` takes it, and the call returns what the
 * job returned. The doctor, the searches and the experiments see an ordinary TrialRunner.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Queue, QueueEvents, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { errorFromMessage, InputError, RunError, type ErrorMessage } from '../errors.js';
import type { Runners, TrialRunner, TrialState } from '../doctor/runner.js';
import type { Spec } from '../spec/schema.js';
import type { SpecOrigin } from '../train/run.js';
import { parseExact } from '../util/exact-json.js';
import { holdOpen, letGo } from '../util/open-resources.js';
import { connectRedis } from './connection.js';
import { jobId, jobName, QUEUE, type StoreLocation, type TrialJob } from './jobs.js';
import { KEEP_SECONDS, openStore, type CheckpointStore } from './store.js';

/** The flags of a coordinator. */
export interface DistributedFlags {
  /** redis://HOST:PORT of the queue. */
  redis: string;
  /** A folder every worker reaches at the same path, for the checkpoints; default Redis itself. */
  store?: string;
  /** Names the run's jobs and checkpoints, so a restarted coordinator finds them; default a fresh one. */
  runId?: string;
}

/**
 * A waiting call takes its result from the queue's completed event, or looks at its job when the
 * job failed, and at least this often (for the progress lines, and for an event lost while Redis
 * was away). Polling every 0.1 s without the events cost the full duel table about 3% of its
 * time: a doctor's rungs follow one another, and each waited half a poll on average.
 */
const POLL_MS = 1000;
/** A job that failed for anything but bad input is tried again (a worker's disk, a lost thread). */
const ATTEMPTS = 3;
/** Jobs put on the queue at once: workers take them as they free up. */
const IN_FLIGHT = 256;

/** Kept as long as the checkpoints, so that a restarted coordinator finds the finished jobs. */
const JOB_OPTIONS = { attempts: ATTEMPTS, backoff: { type: 'fixed', delay: 1000 }, removeOnComplete: { age: KEEP_SECONDS }, removeOnFail: { age: KEEP_SECONDS } };

const RUN_ID = /^[A-Za-z0-9_.-]{1,100}$/;

type Status = 'queued' | 'running' | 'done';

/**
 * The queue of one coordinator: its Redis connection, checkpoint store and run id, and the
 * progress of its jobs (queued, running where, done), told through `say` as it changes.
 */
export class TrialQueue {
  private readonly jobs = new Map<string, { status: Status; worker?: string }>();
  /** The calls waiting for their job, each woken by the job's completed event (with its return value) or failed event. */
  private readonly waiting = new Map<string, (returned?: string) => void>();
  private done = 0;

  private constructor(
    readonly redis: Redis,
    readonly queue: Queue,
    private readonly events: { queue: QueueEvents; connection: Redis },
    readonly location: StoreLocation,
    readonly store: CheckpointStore,
    readonly runId: string,
    private readonly say: (line: string) => void,
  ) {}

  /** Checks the flags and connects; fails (bad input) before anything is queued. */
  static async open(flags: DistributedFlags, say: (line: string) => void): Promise<TrialQueue> {
    if (flags.runId !== undefined && !RUN_ID.test(flags.runId)) throw new InputError('expected letters, digits, ".", "_" or "-" (at most 100)', '--run-id', flags.runId);
    let location: StoreLocation = null;
    if (flags.store !== undefined) {
      // absolute, so that a worker on another machine finds the same mount
      const dir = path.resolve(flags.store);
      try {
        mkdirSync(dir, { recursive: true });
      } catch (e) {
        throw new InputError(`cannot create the folder: ${(e as Error).message}`, '--store', flags.store);
      }
      location = { dir };
    }
    const redis = await connectRedis(flags.redis, '--redis', say);
    const runId = flags.runId ?? `run-${new Date().toISOString().slice(0, 10)}-${randomBytes(4).toString('hex')}`;
    const queue = new Queue(QUEUE, { connection: redis });
    // the events are read by a blocking XREAD, so on a connection of their own
    const connection = redis.duplicate();
    const events = new QueueEvents(QUEUE, { connection });
    await events.waitUntilReady();
    const q = new TrialQueue(redis, queue, { queue: events, connection }, location, openStore(location, redis), runId, say);
    // BullMQ parses the stored return value once: what the worker returned, our exact JSON
    events.on('completed', ({ jobId, returnvalue }) => q.waiting.get(jobId)?.(returnvalue as unknown as string));
    events.on('failed', ({ jobId }) => q.waiting.get(jobId)?.());
    holdOpen(q);
    say(`trials go to ${QUEUE} on ${flags.redis}, run id ${runId}${location === null ? '' : `, checkpoints in ${location.dir}`} (restart with --run-id ${runId} to keep its finished trials)`);
    return q;
  }

  /**
   * A runner per doctor run or search, numbered in the order the command makes them (the same
   * again on a restart), with as many lanes as workers, at least two: while one run waits on a
   * lone trial, another keeps the workers busy. A lane's runners are numbered under its name.
   */
  async runners(): Promise<Runners> {
    const lanes = Math.max(2, await this.queue.getWorkersCount());
    const numbered = (prefix: string): Runners => {
      let made = 0;
      const make = (origin: SpecOrigin, keepBest = true) => new RedisRunner(this, `${prefix}${made++}`, origin, keepBest);
      return Object.assign(make, { lanes, lane: (name: string) => numbered(`${prefix}${name}.`) });
    };
    return numbered(`${this.runId}.`);
  }

  /**
   * Puts the job on the queue, unless a run with this id already did: then a finished job is
   * read, a running one waited for, a failed one tried again. Resolves with the job's result.
   */
  async run(job: TrialJob, id: string): Promise<unknown> {
    let first = true;
    try {
      for (;; first = false) {
        // listening before looking, so that an event between the two is not missed
        const settled = this.nextEvent(id);
        // the state first: a job read before it completes has no return value yet
        const state = await this.queue.getJobState(id);
        // not there (new, expired, or a Redis that lost its data): the id keeps it single
        if (state === 'unknown') {
          await this.queue.add(job.op, job, { jobId: id, ...JOB_OPTIONS });
          continue;
        }
        const current = (await this.queue.getJob(id)) as Job<TrialJob, string> | undefined;
        if (current === undefined) continue;
        if (state === 'completed') {
          if (first) this.say(`  ${jobName(job)}: done before (run ${this.runId})`);
          this.update(id, job, 'done');
          return parseExact(current.returnvalue);
        }
        if (state === 'failed') {
          if (!first) throw failure(current.failedReason);
          await current.retry('failed');
          continue;
        }
        this.update(id, job, state === 'active' ? 'running' : 'queued', current.processedBy);
        const returned = await settled;
        // completed: its result came with the event, no need to read the job back
        if (returned !== undefined) {
          this.update(id, job, 'done');
          return parseExact(returned);
        }
      }
    } finally {
      this.waiting.get(id)?.();
      this.jobs.delete(id);
    }
  }

  /** Resolves at job `id`'s next completed event with its return value, at a failed event or after POLL_MS with nothing. */
  private nextEvent(id: string): Promise<string | undefined> {
    this.waiting.get(id)?.();
    return new Promise((resolve) => {
      const done = (returned?: string) => {
        clearTimeout(timer);
        if (this.waiting.get(id) === done) this.waiting.delete(id);
        resolve(returned);
      };
      const timer = setTimeout(done, POLL_MS);
      this.waiting.set(id, done);
    });
  }

  /** Tells of a job that changed: where it runs, and the coordinator's counts. */
  private update(id: string, job: TrialJob, status: Status, worker?: string): void {
    const before = this.jobs.get(id);
    if (before?.status === status && before.worker === worker) return;
    this.jobs.set(id, { status, worker });
    if (status === 'done') this.done++;
    const count = (s: Status) => [...this.jobs.values()].filter((j) => j.status === s).length;
    const where = status === 'running' && worker !== undefined ? ` on ${worker}` : '';
    this.say(`  [queue] ${jobName(job)}: ${status}${where}  (queued ${count('queued')}, running ${count('running')}, done ${this.done})`);
  }

  async close(): Promise<void> {
    letGo(this);
    for (const wake of [...this.waiting.values()]) wake();
    await this.events.queue.close();
    // a connection given to BullMQ stays open when BullMQ closes
    this.events.connection.disconnect();
    await this.queue.close();
    this.redis.disconnect();
  }
}

/** A job's failedReason back into its error (worker.ts sends errors as JSON). */
function failure(reason: string): Error {
  try {
    return errorFromMessage(JSON.parse(reason) as ErrorMessage);
  } catch {
    return new RunError(`a trial job failed: ${reason}`);
  }
}

/** One doctor run's (or search's, or experiment's) trials as jobs under run `run`. */
class RedisRunner implements TrialRunner {
  readonly parallel = IN_FLIGHT;
  /** The epochs each trial was last trained to: a test job is of that checkpoint. */
  private readonly epochs = new Map<number, number>();
  private readonly specs = new Map<number, Spec>();

  constructor(
    private readonly queue: TrialQueue,
    private readonly run: string,
    private readonly origin: SpecOrigin,
    private readonly keepBest: boolean,
  ) {}

  async train(trial: number, spec: Spec, asked: number): Promise<TrialState> {
    // a trial never trains backwards: asked for fewer epochs than it has run (an incumbent trained
    // on after its race), it answers where it stands, as a local Trial does, and not with the
    // finished job of that shorter length
    const epochs = Math.max(asked, this.epochs.get(trial) ?? 0);
    this.specs.set(trial, spec);
    this.epochs.set(trial, epochs);
    const job: TrialJob = { op: 'train', run: this.run, trial, spec, epochs, origin: this.origin, keepBest: this.keepBest, store: this.queue.location };
    return (await this.queue.run(job, jobId(job, epochs))) as TrialState;
  }

  async test(trial: number): Promise<{ acc: number; loss: number } | null> {
    const job: TrialJob = { op: 'test', run: this.run, trial, spec: this.specs.get(trial)!, origin: this.origin, keepBest: this.keepBest, store: this.queue.location };
    return (await this.queue.run(job, jobId(job, this.epochs.get(trial) ?? 0))) as { acc: number; loss: number } | null;
  }

  release(trial: number): void {
    this.specs.delete(trial);
    this.epochs.delete(trial);
    // its jobs are all finished: a restarted coordinator reads their results, not the checkpoint
    this.queue.store.delete(this.run, trial).catch(() => {});
  }

  /** The queue is the command's, closed when the command ends. */
  async close(): Promise<void> {}
}
