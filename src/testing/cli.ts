import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoPath } from './paths.js';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** setpriv's arguments that run a command as nobody, when the caller is root (else none). */
export function asNobody(): string[] {
  return process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : [];
}

/**
 * Runs the compiled `remedy` command as a user would, and collects what it printed. With
 * `unprivileged`, a root caller runs it as nobody (setpriv), for whom permissions hold, so a
 * read-only folder is read-only; it then runs a copy nobody can read (distForNobody). `shell`
 * prefixes a shell command (e.g. a ulimit). A command still running after `timeoutMs` is killed
 * and reported with code null.
 */
export function runCli(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; unprivileged?: boolean; shell?: string; timeoutMs?: number } = {},
): CliRun {
  const command = options.unprivileged
    ? [...asNobody(), process.execPath, distForNobody('cli/main.js'), ...args]
    : [process.execPath, repoPath('dist/cli/main.js'), ...args];
  const [file, ...rest] = options.shell === undefined ? command : ['sh', '-c', `${options.shell} && exec "$@"`, 'sh', ...command];
  const r = spawnSync(file, rest, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The command refuses `args` as bad input: exit code 2 within 20 s, one short line on stderr
 * naming each of `mentions`, no stack trace.
 */
export function assertRefused(args: readonly string[], ...mentions: (string | RegExp)[]): CliRun {
  const r = runCli(args, { timeoutMs: 20_000 });
  assert.equal(r.code, 2, `${args.join(' ')}: ${r.code === null ? 'still running after 20 s' : `exit code ${r.code}`}: ${r.stderr}`);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  assert.ok(r.stderr.trim().split('\n').length <= 2, `one line: ${r.stderr}`);
  for (const m of mentions) assert.match(r.stderr, typeof m === 'string' ? new RegExp(m.replace(/[[\].*+?^${}()|\\]/g, '\\$&')) : m);
  return r;
}

let readable: string | undefined;

/** The compiled file `relative` (to dist/) as nobody can run it: a readable copy when root. */
export function distForNobody(relative: string): string {
  return asNobody().length > 0 ? path.join(readableCopy(), 'dist', relative) : repoPath(`dist/${relative}`);
}

/**
 * A folder every user can read holding dist/ and the packages it needs at run time, for
 * commands run as nobody: the checkout itself may sit where only its owner can enter (a
 * `mktemp -d` folder, a home folder). Files are hard-linked where that works, else copied;
 * made once per process and removed when it exits.
 */
function readableCopy(): string {
  if (readable !== undefined) return readable;
  const root = mkdtempSync(path.join(tmpdir(), 'remedy-readable-'));
  process.on('exit', () => rmSync(root, { recursive: true, force: true }));
  chmodSync(root, 0o755);
  linkTree(repoPath('dist'), path.join(root, 'dist'));
  copyFileSync(repoPath('package.json'), path.join(root, 'package.json'));
  for (const name of runtimePackages()) linkTree(realpathSync(repoPath(`node_modules/${name}`)), path.join(root, 'node_modules', name));
  return (readable = root);
}

/** The package's dependencies and theirs, as npm lays them out flat in node_modules. */
function runtimePackages(): Set<string> {
  const found = new Set<string>();
  const visit = (manifest: string) => {
    const { dependencies = {}, optionalDependencies = {} } = JSON.parse(readFileSync(manifest, 'utf8'));
    for (const name of Object.keys({ ...dependencies, ...optionalDependencies })) {
      const own = repoPath(`node_modules/${name}/package.json`);
      if (found.has(name) || !existsSync(own)) continue;
      found.add(name);
      visit(own);
    }
  };
  visit(repoPath('package.json'));
  return found;
}

function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true, mode: 0o755 });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory() || (entry.isSymbolicLink() && statSync(source).isDirectory())) linkTree(source, target);
    else linkOrCopy(source, target);
  }
}

/** A hard link shares the file's mode: only a file others can read is linked. */
function linkOrCopy(source: string, target: string): void {
  const mode = statSync(source).mode;
  if (mode & 0o004) {
    try {
      return linkSync(source, target);
    } catch {
      // another file system: copy
    }
  }
  copyFileSync(source, target);
  chmodSync(target, (mode & 0o777) | 0o444);
}
