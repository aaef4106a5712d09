import { spawnSync } from 'node:child_process';
import { repoPath } from './paths.js';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the compiled `remedy` command as a user would, and collects what it printed. With
 * `unprivileged`, a root caller runs it as nobody (setpriv), for whom permissions hold, so a
 * read-only folder is read-only; `shell` prefixes a shell command (e.g. a ulimit).
 */
export function runCli(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; unprivileged?: boolean; shell?: string } = {},
): CliRun {
  const command = [process.execPath, repoPath('dist/cli/main.js'), ...args];
  if (options.unprivileged && process.getuid?.() === 0) command.unshift('setpriv', '--reuid=65534', '--regid=65534', '--clear-groups');
  const [file, ...rest] = options.shell === undefined ? command : ['sh', '-c', `${options.shell} && exec "$@"`, 'sh', ...command];
  const r = spawnSync(file, rest, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
