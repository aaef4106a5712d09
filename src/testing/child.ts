import { spawn, type ChildProcess } from 'node:child_process';
import { repoPath } from './paths.js';

/**
 * The compiled `remedy` running in the background, its output collected, for tests that act on
 * it while it runs (kill it, restart what it talks to).
 */
export class Remedy {
  readonly child: ChildProcess;
  output = '';
  readonly exited: Promise<number | null>;
  private waiting: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];

  constructor(args: readonly string[], cwd?: string) {
    this.child = spawn(process.execPath, [repoPath('dist/cli/main.js'), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const take = (chunk: Buffer) => {
      this.output += chunk.toString();
      this.waiting = this.waiting.filter((w) => {
        const m = this.output.match(w.pattern);
        if (m !== null) w.resolve(m);
        return m === null;
      });
    };
    this.child.stdout!.on('data', take);
    this.child.stderr!.on('data', take);
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  /** Resolves with the first match of `pattern` in what it has printed so far or prints next. */
  printed(pattern: RegExp): Promise<RegExpMatchArray> {
    const m = this.output.match(pattern);
    if (m !== null) return Promise.resolve(m);
    return new Promise((resolve) => this.waiting.push({ pattern, resolve }));
  }

  /** Sends `signal` and waits for the end; the exit code (null when killed by the signal). */
  async end(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}
