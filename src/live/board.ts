import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { InputError } from '../errors.js';
import { page, type Report } from '../report/page.js';

/** One section of the live page: an id that stays the same while its markup changes. */
export interface LiveSection {
  id: string;
  html: string;
}

export interface LiveOptions {
  /** 0 (the default): a free port. */
  port?: number;
  /** Seconds the page stays served after the run ends, for a last look (`--live-linger`). */
  lingerSeconds?: number;
  title: string;
  subtitle?: string;
}

/** The page's header: the run's title and subtitle, and a line saying how the run stands. */
interface Header {
  title: string;
  subtitle?: string;
  status: string;
}

/** What a browser is sent: header lines that changed, the sections that changed and the order of all of them (live-script.ts). */
interface Update extends Partial<Header> {
  order: string[];
  changed: Record<string, string>;
}

/**
 * The live page's server (`--live`): on 127.0.0.1 only, it serves one page and one stream of
 * Server-Sent Events, 404 for anything else. A view (train.ts, doctor.ts, experiment.ts) shows
 * its sections with `show`, and only the ones that changed go out. The board keeps the latest
 * markup of every section, which is the event log compacted: a reload or a second tab is sent
 * all of it on connecting and so sees the whole run so far. `finish` shows the report's
 * sections (the same builders as --report, so the two never disagree) and ends the stream.
 *
 * Nothing here keeps the process alive: the listening socket and every connection are unref'd,
 * and `close()` (call it in a finally) waits out the linger only after a finished run.
 */
export class LiveBoard {
  private readonly sections = new Map<string, string>();
  private order: string[] = [];
  private readonly header: Header;
  private readonly streams = new Set<ServerResponse>();
  private readonly sockets = new Set<Socket>();
  private ended: string | null = null;
  private closed = false;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly lingerSeconds: number,
    options: LiveOptions,
  ) {
    this.header = { title: options.title, subtitle: options.subtitle, status: 'live: the run has started' };
  }

  /** Starts serving; fails as bad input (naming --live) when the port cannot be had. */
  static async start(options: LiveOptions): Promise<LiveBoard> {
    const server = createServer();
    const port = await new Promise<number>((resolve, reject) => {
      server.once('error', (e: NodeJS.ErrnoException) =>
        reject(new InputError(e.code === 'EADDRINUSE' ? `port ${options.port} is in use` : `cannot listen on port ${options.port}: ${e.message}`, '--live')),
      );
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
    });
    server.unref();
    const board = new LiveBoard(server, `http://127.0.0.1:${port}/`, options.lingerSeconds ?? 0, options);
    server.on('connection', (socket) => {
      socket.unref();
      board.sockets.add(socket);
      socket.on('close', () => board.sockets.delete(socket));
    });
    server.on('request', (req, res) => board.serve(req, res, port));
    return board;
  }

  /** Shows these sections, in this order, with a new status line if given; sends what changed. */
  show(sections: readonly LiveSection[], status?: string): void {
    if (this.ended === null) this.update(sections, status === undefined ? {} : { status });
  }

  /** The run is over: the page becomes the report, and the stream ends with `status`. */
  finish(report: Report, status = 'the run is over; this page shows its report and no longer updates'): void {
    if (this.ended !== null) return;
    this.update(
      report.sections.map((html, i) => ({ id: `report-${i}`, html })),
      { title: report.title, subtitle: report.subtitle },
    );
    this.ended = status;
    this.broadcast('end', { status });
  }

  private update(sections: readonly LiveSection[], header: Partial<Header>): void {
    const changed: Record<string, string> = {};
    for (const s of sections) if (this.sections.get(s.id) !== s.html) this.sections.set(s.id, (changed[s.id] = s.html));
    const order = sections.map((s) => s.id);
    for (const id of this.order) if (!order.includes(id)) this.sections.delete(id);
    const reordered = order.join('\n') !== this.order.join('\n');
    this.order = order;
    const restated = Object.fromEntries(Object.entries(header).filter(([key, value]) => this.header[key as keyof Header] !== value));
    Object.assign(this.header, restated);
    if (Object.keys(changed).length > 0 || reordered || Object.keys(restated).length > 0) this.broadcast('update', { ...restated, order, changed });
  }

  /** Stops serving: at once, or after the linger when the run finished. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ended !== null && this.lingerSeconds > 0) await new Promise((resolve) => setTimeout(resolve, this.lingerSeconds * 1000));
    for (const stream of this.streams) stream.end();
    const closing = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closing;
  }

  private serve(req: IncomingMessage, res: ServerResponse, port: number): void {
    // only what the page itself asks for: no other host (DNS rebinding), method or path
    const host = req.headers.host;
    const ours = host === `127.0.0.1:${port}` || host === `localhost:${port}`;
    if (!ours || req.method !== 'GET' || (req.url !== '/' && req.url !== '/events')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    if (req.url === '/') {
      const html = page(this.header.title, [], this.header.subtitle, { live: true });
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    // the log so far, compacted: every section as it stands now
    const all = Object.fromEntries(this.order.map((id) => [id, this.sections.get(id)!]));
    this.send(res, 'update', { ...this.header, order: this.order, changed: all });
    if (this.ended !== null) {
      this.send(res, 'end', { status: this.ended });
      res.end();
      return;
    }
    this.streams.add(res);
    res.on('close', () => this.streams.delete(res));
  }

  private broadcast(event: 'update' | 'end', data: Update | { status: string }): void {
    for (const res of this.streams) {
      this.send(res, event, data);
      if (event === 'end') res.end();
    }
  }

  private send(res: ServerResponse, event: string, data: unknown): void {
    // JSON has no raw line breaks, so one data line carries it
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }
}
