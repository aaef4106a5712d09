import { connectRedis } from '../distributed/connection.js';
import { runWorker } from '../distributed/worker.js';

export interface WorkerFlags {
  redis: string;
  concurrency: number;
  checkpointEvery: number;
  quiet?: boolean;
}

/** `remedy worker --redis URL`: trains the trials coordinators put on the queue until SIGINT or SIGTERM. */
export async function workerCommand(flags: WorkerFlags): Promise<number> {
  const say = flags.quiet ? () => {} : (line: string) => console.log(line);
  const redis = await connectRedis(flags.redis, '--redis', say);
  try {
    await runWorker(redis, { concurrency: flags.concurrency, checkpointEverySeconds: flags.checkpointEvery, say });
  } finally {
    redis.disconnect();
  }
  return 0;
}
