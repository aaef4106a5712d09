import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { test } from 'node:test';
import { LiveBoard } from './board.js';

/** The events a new connection to the stream is sent, until `count` have arrived. */
async function firstEvents(url: string, count: number): Promise<{ event: string; data: Record<string, unknown> }[]> {
  const controller = new AbortController();
  const response = await fetch(`${url}events`, { signal: controller.signal });
  assert.equal(response.headers.get('content-type'), 'text/event-stream');
  const events: { event: string; data: Record<string, unknown> }[] = [];
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of response.body!) {
    text += decoder.decode(chunk as Uint8Array, { stream: true });
    for (let end = text.indexOf('\n\n'); end >= 0; end = text.indexOf('\n\n')) {
      const [event, data] = text.slice(0, end).split('\n').map((line) => line.slice(line.indexOf(':') + 2));
      events.push({ event, data: JSON.parse(data) });
      text = text.slice(end + 2);
    }
    if (events.length >= count) break;
  }
  controller.abort();
  return events;
}

/** A GET with a chosen Host header (fetch does not let one set it). */
function statusFor(url: string, path: string, host?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, url), { headers: host === undefined ? {} : { host } }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', reject).end();
  });
}

test('the board serves its page and stream on loopback, 404 for anything else', async () => {
  const board = await LiveBoard.start({ title: 'a <run>' });
  try {
    assert.match(board.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(board.url);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<h1>a &lt;run&gt;<\/h1>/);
    assert.match(html, /connect-src 'self'/, 'the page may talk to its own server and nowhere else');
    assert.equal(await statusFor(board.url, '/favicon.ico'), 404);
    assert.equal(await statusFor(board.url, '/events?x'), 404);
    assert.equal(await statusFor(board.url, '/', 'attacker.example:80'), 404, 'another host name (DNS rebinding) is refused');
    assert.equal((await fetch(board.url, { method: 'POST' })).status, 404);
  } finally {
    await board.close();
  }
});

test('a new connection is sent every section as it stands, and only changes follow', async () => {
  const board = await LiveBoard.start({ title: 'run' });
  try {
    board.show([{ id: 'a', html: '<p>1</p>' }, { id: 'b', html: '<p>2</p>' }], 'epoch 1');
    board.show([{ id: 'a', html: '<p>1</p>' }, { id: 'b', html: '<p>3</p>' }], 'epoch 2');
    const [replay] = await firstEvents(board.url, 1);
    assert.equal(replay.event, 'update');
    assert.deepEqual(replay.data.order, ['a', 'b']);
    assert.deepEqual(replay.data.changed, { a: '<p>1</p>', b: '<p>3</p>' });
    assert.equal(replay.data.status, 'epoch 2');
    const following = firstEvents(board.url, 2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    board.show([{ id: 'b', html: '<p>4</p>' }, { id: 'a', html: '<p>1</p>' }]);
    const [, change] = await following;
    assert.deepEqual(change.data, { order: ['b', 'a'], changed: { b: '<p>4</p>' } }, 'the unchanged section is not sent again');
  } finally {
    await board.close();
  }
});

test('finish shows the report and ends the stream; a later tab still gets the report', async () => {
  const board = await LiveBoard.start({ title: 'run' });
  try {
    board.show([{ id: 'batches', html: '<p>live only</p>' }]);
    board.finish({ title: 'final', subtitle: 'done', sections: ['<p>report</p>'] });
    board.show([{ id: 'late', html: '<p>ignored</p>' }]);
    const [update, end] = await firstEvents(board.url, 2);
    assert.deepEqual(update.data.order, ['report-0']);
    assert.deepEqual(update.data.changed, { 'report-0': '<p>report</p>' });
    assert.equal(update.data.title, 'final');
    assert.equal(end.event, 'end');
  } finally {
    await board.close();
  }
  await assert.rejects(fetch(board.url), 'closed: nothing listens any more');
});

test('a board never keeps the process alive, not even with a tab connected and close() never called', async () => {
  // the child's "run" is a timer of 1.5 s; a tab connects meanwhile and stays connected
  const script = `
    const { LiveBoard } = await import(${JSON.stringify(new URL('./board.js', import.meta.url).href)});
    const board = await LiveBoard.start({ title: 'run' });
    console.log(board.url);
    setTimeout(() => {}, 1500);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const url = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())));
  const stream = await fetch(`${url}events`);
  const reader = stream.body!.getReader();
  await reader.read();
  const killer = setTimeout(() => child.kill(), 15_000);
  assert.equal(await exited, 0, 'the child exited by itself after its run, with the tab still open');
  clearTimeout(killer);
  await reader.cancel().catch(() => {});
});
