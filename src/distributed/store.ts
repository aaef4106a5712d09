import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { writeFileAtomic } from '../io/atomic.js';
import { checkpointKey, type StoreLocation } from './jobs.js';

/** Kept a week after their last write, as the finished jobs are: long enough to restart a run. */
export const KEEP_SECONDS = 7 * 24 * 3600;

/**
 * Where a distributed run keeps its trials' checkpoints (the existing exact format,
 * src/train/checkpoint.ts), and beside each the epochs it holds: a worker that still has the
 * trial in memory reads that number, not the checkpoint, to know whether it may go on from
 * memory (worker.ts).
 */
export interface CheckpointStore {
  get(run: string, trial: number): Promise<Uint8Array | null>;
  /** The epochs trained in the stored checkpoint; null when there is none. Never more than the checkpoint holds. */
  epoch(run: string, trial: number): Promise<number | null>;
  put(run: string, trial: number, bytes: Uint8Array, epoch: number): Promise<void>;
  delete(run: string, trial: number): Promise<void>;
}

const epochKey = (run: string, trial: number) => `${checkpointKey(run, trial)}:epoch`;

/** The checkpoints in Redis itself: nothing to share but the Redis server. */
export function redisStore(redis: Redis): CheckpointStore {
  return {
    get: async (run, trial) => redis.getBuffer(checkpointKey(run, trial)),
    epoch: async (run, trial) => {
      const epoch = await redis.get(epochKey(run, trial));
      return epoch === null ? null : Number(epoch);
    },
    // both or neither: MULTI
    put: async (run, trial, bytes, epoch) =>
      void (await redis
        .multi()
        .set(checkpointKey(run, trial), Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'EX', KEEP_SECONDS)
        .set(epochKey(run, trial), String(epoch), 'EX', KEEP_SECONDS)
        .exec()),
    delete: async (run, trial) => void (await redis.del(checkpointKey(run, trial), epochKey(run, trial))),
  };
}

/**
 * The checkpoints as files in a folder every machine mounts at the same path (`--store DIR`),
 * written atomically so a worker killed mid-write leaves the previous checkpoint whole. The
 * epoch file is written after its checkpoint, so it never names more epochs than the file holds.
 * Not flushed to disk (fsync), as Redis keeps its checkpoints in memory: they outlive any
 * worker or coordinator, not a crash of the machine that holds the folder (docs/distributed.md
 * says what such a crash costs). The flushes were most of a store's time, and a worker takes its
 * next job only once the last one's checkpoint is stored.
 */
export function folderStore(dir: string): CheckpointStore {
  const file = (run: string, trial: number) => path.join(dir, `${checkpointKey(run, trial).replaceAll(':', '-')}.safetensors`);
  const epochFile = (run: string, trial: number) => `${file(run, trial)}.epoch`;
  const read = (name: string): Buffer | null => {
    try {
      return readFileSync(name);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  };
  return {
    get: async (run, trial) => read(file(run, trial)),
    epoch: async (run, trial) => {
      const epoch = read(epochFile(run, trial));
      return epoch === null ? null : Number(epoch.toString());
    },
    put: async (run, trial, bytes, epoch) => {
      mkdirSync(dir, { recursive: true });
      writeFileAtomic(file(run, trial), bytes, { durable: false });
      writeFileAtomic(epochFile(run, trial), String(epoch), { durable: false });
    },
    delete: async (run, trial) => {
      rmSync(epochFile(run, trial), { force: true });
      rmSync(file(run, trial), { force: true });
    },
  };
}

export const openStore = (location: StoreLocation, redis: Redis): CheckpointStore => (location === null ? redisStore(redis) : folderStore(location.dir));
