import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A port nothing listens on now (the kernel's pick, on loopback). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Runs redis-server "$@" until SIGTERM or the end of stdin, then stops it and waits for it. `cat`
 * runs in the background, so that `wait` lets the trap run at once.
 */
const WATCH = [
  // a background command's stdin would be /dev/null: the test's end goes to `cat` as fd 3
  'exec 3<&0',
  'redis-server "$@" </dev/null 3<&- & redis=$!',
  'cat <&3 >/dev/null 3<&- & cat=$!',
  "trap 'kill $cat; kill -TERM $redis; wait $redis; exit' TERM",
  'wait $cat',
  'kill -TERM $redis',
  'wait $redis',
].join('; ');

/**
 * A redis-server of the tests' own (Debian's package), on a free loopback port, with its data in
 * a fresh folder and an append-only file, so that a restart keeps the queue as a real Redis with
 * persistence does.
 */
export class RedisServer {
  private process: ChildProcess | null = null;
  readonly dir = mkdtempSync(path.join(tmpdir(), 'remedy-redis-'));

  private constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await freePort());
    await server.launch();
    return server;
  }

  private launch(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always'];
    // Redis outlives a test process that is killed: a shell holds it, passes SIGTERM on, and
    // stops it when the test's end of its stdin closes, however the test process ended
    const child = spawn('sh', ['-c', WATCH, 'sh', ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.process = child;
    return new Promise((resolve, reject) => {
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) resolve();
      });
      child.on('error', reject);
      child.on('exit', (code) => reject(new Error(`redis-server ended (exit code ${code}): ${output.slice(-500)}`)));
    });
  }

  /** Stops it as a restart does (SIGTERM: the append-only file is flushed) and waits for the end. */
  async stop(): Promise<void> {
    const child = this.process;
    if (child === null || child.exitCode !== null) return;
    this.process = null;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }

  /** Down for `downMs`, then up again on the same port with the same data. */
  async restart(downMs: number): Promise<void> {
    await this.stop();
    await new Promise((resolve) => setTimeout(resolve, downMs));
    await this.launch();
  }
}
