import { readFileSync } from 'node:fs';
import os from 'node:os';

/** What a benchmark result depends on, recorded beside it. */
export interface Machine {
  cpu: string;
  cores: number;
  /** The vector extensions that decide kernel speed, as /proc/cpuinfo names them. */
  flags: { avx2: boolean; avx512f: boolean; fma: boolean };
  memoryGiB: number;
  node: string;
  platform: string;
  /** 1, 5 and 15 minute load averages: other processes competing for the cores. */
  loadAverage: number[];
}

export function describeMachine(): Machine {
  const flags = cpuFlags();
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    flags: { avx2: flags.has('avx2'), avx512f: flags.has('avx512f'), fma: flags.has('fma') },
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

/** The first processor's flags; empty where /proc/cpuinfo does not exist (not Linux). */
function cpuFlags(): Set<string> {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').match(/^flags\s*:(.*)$/m);
    return new Set(line ? line[1].trim().split(/\s+/) : []);
  } catch {
    return new Set();
  }
}

export function machineLine(m: Machine): string {
  const flags = Object.entries(m.flags)
    .filter(([, has]) => has)
    .map(([name]) => name.toUpperCase())
    .join(' ');
  return `${m.cpu}, ${m.cores} cores (${flags || 'no AVX2/AVX-512/FMA'}), ${m.memoryGiB} GiB, Node ${m.node}, load ${m.loadAverage.join(' ')}`;
}
