import { Redis } from 'ioredis';
import { InputError } from '../errors.js';

/** How long the first connection may take before the address counts as unreachable. */
const FIRST_CONNECT_MS = 5000;
/** Between reconnection attempts once connected: a restarting Redis is back within seconds. */
const RECONNECT_MS = [100, 500, 1000, 2000];

/**
 * Connects to the Redis at `url` (redis://HOST:PORT[/DB], rediss:// for TLS). A bad URL or a
 * Redis that does not answer at first is bad input, named by `flag`. Once connected, a lost
 * connection is retried for ever and commands wait for it (BullMQ's workers need
 * maxRetriesPerRequest null), so a Redis restart only pauses the run; `say` tells of it.
 */
export async function connectRedis(url: string, flag: string, say: (line: string) => void): Promise<Redis> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError('not a URL; expected redis://HOST:PORT', flag, url);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new InputError(`expected redis://HOST:PORT, not ${parsed.protocol}//`, flag, url);
  let connected = false;
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: null,
    connectTimeout: FIRST_CONNECT_MS,
    retryStrategy: (times) => (connected ? RECONNECT_MS[Math.min(times, RECONNECT_MS.length) - 1] : null),
  });
  let lastError = '';
  redis.on('error', (e: Error) => {
    // ioredis reports each failed attempt; one line per outage is enough
    if (connected && e.message !== lastError) say(`redis: ${e.message}; reconnecting`);
    lastError = e.message;
  });
  redis.on('ready', () => {
    if (connected && lastError !== '') say('redis: reconnected');
    lastError = '';
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (e) {
    redis.disconnect();
    throw new InputError(`cannot reach Redis: ${(e as Error).message || 'no answer'}`, flag, url);
  }
  connected = true;
  return redis;
}
