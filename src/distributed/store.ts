import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { writeFileAtomic } from '../io/atomic.js';
import { checkpointKey, type StoreLocation } from './jobs.js';

/** Kept a week after their last write, as the finished jobs are: long enough to restart a run. */
export const KEEP_SECONDS = 7 * 24 * 3600;

/** Where a distributed run keeps its trials' checkpoints (the existing exact format, src/train/checkpoint.ts). */
export interface CheckpointStore {
  get(run: string, trial: number): Promise<Uint8Array | null>;
  put(run: string, trial: number, bytes: Uint8Array): Promise<void>;
  delete(run: string, trial: number): Promise<void>;
}

/** The checkpoints in Redis itself: nothing to share but the Redis server. */
export function redisStore(redis: Redis): CheckpointStore {
  return {
    get: async (run, trial) => redis.getBuffer(checkpointKey(run, trial)),
    put: async (run, trial, bytes) => void (await redis.set(checkpointKey(run, trial), Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'EX', KEEP_SECONDS)),
    delete: async (run, trial) => void (await redis.del(checkpointKey(run, trial))),
  };
}

/**
 * The checkpoints as files in a folder every machine mounts at the same path (`--store DIR`),
 * written atomically so a worker killed mid-write leaves the previous checkpoint whole.
 */
export function folderStore(dir: string): CheckpointStore {
  const file = (run: string, trial: number) => path.join(dir, `${checkpointKey(run, trial).replaceAll(':', '-')}.safetensors`);
  return {
    get: async (run, trial) => {
      try {
        return readFileSync(file(run, trial));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
    },
    put: async (run, trial, bytes) => {
      mkdirSync(dir, { recursive: true });
      writeFileAtomic(file(run, trial), bytes);
    },
    delete: async (run, trial) => rmSync(file(run, trial), { force: true }),
  };
}

export const openStore = (location: StoreLocation, redis: Redis): CheckpointStore => (location === null ? redisStore(redis) : folderStore(location.dir));
