import { InvalidArgumentError, Option } from 'commander';
import { InputError } from '../errors.js';
import { LiveBoard } from '../live/board.js';

export interface LiveFlags {
  /** `--live` alone is true: a free port. */
  live?: true | number;
  liveLinger?: number;
}

function port(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError('expected a port number (0-65535; 0 or none: a free one)');
  return n;
}

function seconds(value: string): number {
  const n = Number(value);
  if (!(n >= 0 && Number.isFinite(n))) throw new InvalidArgumentError('expected seconds, 0 or more');
  return n;
}

/** The options of train, doctor and experiment that serve the live page (new ones for each command). */
export const liveOption = () => new Option('--live [port]', 'follow the run on a local page (127.0.0.1, a free port unless given; put it after the spec)').argParser(port);
export const liveLingerOption = () => new Option('--live-linger <seconds>', 'keep serving the live page this long after the run ends').argParser(seconds);

/** Starts the live page when asked for and says where it is (also with --quiet: it was asked for). */
export async function startLive(flags: LiveFlags, title: string, subtitle?: string): Promise<LiveBoard | null> {
  if (flags.live === undefined) {
    if (flags.liveLinger !== undefined) throw new InputError('needs --live', '--live-linger');
    return null;
  }
  const board = await LiveBoard.start({ port: flags.live === true ? 0 : flags.live, lingerSeconds: flags.liveLinger ?? 0, title, subtitle });
  console.log(`live: ${board.url}`);
  return board;
}
