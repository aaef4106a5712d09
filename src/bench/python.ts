import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import type { Skipped } from './skipped.js';

/** Debian's interpreter: the one python3-torch installs into (a virtualenv's python lacks it). */
export const DEFAULT_PYTHON = '/usr/bin/python3';

/**
 * The environment for the PyTorch reference: this machine's, less OPENBLAS_CORETYPE and
 * OPENBLAS_L2_SIZE. They are set here for older OpenBLAS builds and pin a slower kernel, which
 * would understate the reference; unset both together, in these commands only.
 */
export function referenceEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const { OPENBLAS_CORETYPE: _coretype, OPENBLAS_L2_SIZE: _l2, ...rest } = env;
  return rest;
}

/** torch's version under `python`, or why there is none. */
export function probeTorch(python: string): { version: string } | Skipped {
  const r = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], {
    env: referenceEnvironment(),
    encoding: 'utf8',
    timeout: 120_000,
  });
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return { skipped: `no PyTorch comparison: ${python} not found` };
  if (r.error !== undefined || r.status !== 0) {
    return { skipped: `no PyTorch comparison: ${python} cannot import torch (apt-get install python3-torch)` };
  }
  return { version: r.stdout.trim() };
}

/**
 * Runs python with `args` in the reference environment and parses the JSON object it prints last
 * (torch_ref.py prints one line of JSON at the end). Fails with the script's last error line,
 * naming the run as `what`.
 */
export async function runPythonJson(python: string, args: readonly string[], what: string): Promise<unknown> {
  let stdout: string;
  try {
    ({ stdout } = await promisify(execFile)(python, args, { env: referenceEnvironment(), maxBuffer: 64 * 2 ** 20 }));
  } catch (e) {
    const stderr = String((e as { stderr?: string }).stderr ?? '').trim();
    const last = stderr.split('\n').pop() || (e as Error).message;
    throw new Error(`${what} failed: ${last}`);
  }
  const line = stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`${what} printed no JSON at the end: ${line.slice(0, 200)}`);
  }
}
