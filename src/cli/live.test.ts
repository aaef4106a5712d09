/**
 * `--live` end to end: real runs through the CLI, their live page open in Debian's Chromium while
 * they train. An epoch's point (or a doctor trial's rung) must be on the page within 2 seconds
 * of the run printing it, a tab opened mid-run must show every epoch so far, and no page may log
 * an error. The runs are small synthetic ones, so each test takes seconds.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, afterEach, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, noChromium as skip } from '../report/chromium.js';
import { runCli } from '../testing/cli.js';
import { repoPath } from '../testing/paths.js';

/** How soon what the run printed must show on the page (the bound). */
const PROMPTLY_MS = 2000;
/** For what has no bound of its own (a page catching up, the final report): only a hang fails. */
const EVENTUALLY_MS = 30_000;

const dir = mkdtempSync(path.join(tmpdir(), 'remedy-live-'));
let browser: Browser;
/** Closed after each test, so a test's tabs are the only ones open. */
const pages: Page[] = [];

before(async () => {
  if (!skip) browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

afterEach(async () => {
  for (const page of pages.splice(0)) await page.close();
});

/** A `remedy` command running in the background, its output read line by line as it comes. */
class Run {
  readonly lines: string[] = [];
  private readonly waiters: (() => void)[] = [];
  private readonly child: ChildProcess;
  private done = false;
  readonly exited: Promise<number | null>;

  constructor(args: readonly string[]) {
    this.child = spawn(process.execPath, [repoPath('dist/cli/main.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let partial = '';
    this.child.stdout!.on('data', (chunk: Buffer) => {
      const text = partial + chunk.toString();
      const complete = text.split('\n');
      partial = complete.pop()!;
      this.lines.push(...complete);
      for (const wake of this.waiters.splice(0)) wake();
    });
    let stderr = '';
    this.child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code) => {
        this.done = true;
        for (const wake of this.waiters.splice(0)) wake();
        if (stderr) console.error(stderr);
        resolve(code);
      }),
    );
  }

  /** The first line from index `from` on matching `pattern`, and its index; waits for it, fails if the run ends without it. */
  async line(pattern: RegExp, from = 0): Promise<{ match: RegExpExecArray; index: number }> {
    for (;;) {
      for (let i = from; i < this.lines.length; i++) {
        const match = pattern.exec(this.lines[i]);
        if (match) return { match, index: i };
      }
      if (this.done) throw new Error(`the run ended without printing a line like ${pattern}`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  kill(): void {
    this.child.kill();
  }
}

/** A tab on the live page that records every console error and page error. */
async function openTab(url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url, { waitUntil: 'load' });
  pages.push(page);
  return { page, errors };
}

/** Browser code: the points of the first series of the chart titled `label` (0 before it is drawn). */
const pointsOf = (label: string) => `(() => {
  const canvas = [...document.querySelectorAll('figure.chart canvas')].find((c) => c.getAttribute('aria-label') === ${JSON.stringify(label)});
  const chart = canvas && Chart.getChart(canvas);
  return chart ? chart.data.datasets[0].data.filter((v) => v !== null).length : 0;
})()`;

/**
 * Waits until the page's Loss chart has `epochs` points; fails after `timeout` ms. Predicates are
 * given as a function's text: a bare expression would be run by eval, which the page's
 * Content-Security-Policy forbids.
 */
async function lossPointsReach(page: Page, epochs: number, timeout = PROMPTLY_MS): Promise<void> {
  try {
    await page.waitForFunction(`() => ${pointsOf('Loss')} >= ${epochs}`, undefined, { timeout, polling: 50 });
  } catch (e) {
    const [points, status] = (await page.evaluate(`[${pointsOf('Loss')}, document.querySelector('header .live-status').textContent]`)) as [number, string];
    throw new Error(`epoch ${epochs} not on the chart after ${timeout} ms: it has ${points} points, the page says "${status}" (${(e as Error).message})`);
  }
}

/** Waits for the page to say the run is over. */
async function ended(page: Page): Promise<void> {
  await page.waitForFunction(`() => document.querySelector('header .live-status.ended') !== null`, undefined, { timeout: EVENTUALLY_MS, polling: 100 });
}

/**
 * Epochs of about 0.3 s here: long enough that a run outlasts Chromium opening its tab (with
 * 3,000 examples and 64 units, a 40-epoch run once ended before the tab was open), few enough
 * that the page is not asked to redraw 30 times a second on two busy cores.
 */
function spiralsSpec(epochs: number): string {
  const file = path.join(dir, `spirals-${epochs}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      name: 'live spirals',
      seed: 1,
      data: { source: 'synthetic:spirals', samples: 12000, classes: 3 },
      model: { layers: [{ type: 'dense', units: 256, activation: 'relu' }, { type: 'dense', units: 256, activation: 'relu' }, { type: 'dense', units: 3, activation: 'softmax' }] },
      optimizer: { type: 'adam', lr: 0.01 },
      batchSize: 32,
      epochs,
    }),
  );
  return file;
}

const EPOCH_LINE = /^epoch +(\d+)\//;

test('remedy train --live: each epoch is on the chart within 2 s of ending, and the page ends as the report', { skip, timeout: 120_000 }, async () => {
  const run = new Run(['train', spiralsSpec(40), '--live', '--live-linger', '10']);
  try {
    const { match } = await run.line(/^live: (http:\/\/127\.0\.0\.1:\d+\/)$/);
    const { page, errors } = await openTab(match[1]);
    // the epochs that end while the page is open, each timed from the moment the run prints it
    let from = run.lines.length;
    for (let k = 0; k < 3; k++) {
      const epoch = await run.line(EPOCH_LINE, from);
      await lossPointsReach(page, Number(epoch.match[1]));
      from = epoch.index + 1;
    }
    await run.line(/^test loss/);
    await ended(page);
    const text = (await page.evaluate('document.body.innerText')) as string;
    assert.match(text, /Confusion matrix/, 'the final page has the report\'s sections');
    assert.match(text, /40 of 40/);
    assert.equal(await page.evaluate(pointsOf('Loss')), 40);
    assert.deepEqual(errors, [], 'no console errors');
  } finally {
    run.kill();
  }
});

test('remedy train --live: a second tab opened mid-run shows every epoch so far, then follows', { skip, timeout: 120_000 }, async () => {
  const run = new Run(['train', spiralsSpec(100), '--live']);
  try {
    const { match } = await run.line(/^live: (http:\/\/127\.0\.0\.1:\d+\/)$/);
    const first = await openTab(match[1]);
    await run.line(/^epoch +3\//);
    const epochsSoFar = run.lines.filter((l) => EPOCH_LINE.test(l)).length;
    const second = await openTab(match[1]);
    assert.ok(!run.lines.some((l) => l.startsWith('test loss')), 'the run was still going when the tab opened');
    await lossPointsReach(second.page, epochsSoFar, EVENTUALLY_MS);
    // and both tabs follow on
    const next = await run.line(EPOCH_LINE, run.lines.length);
    await lossPointsReach(second.page, Number(next.match[1]), EVENTUALLY_MS);
    await lossPointsReach(first.page, Number(next.match[1]), EVENTUALLY_MS);
    assert.deepEqual([...first.errors, ...second.errors], [], 'no console errors');
  } finally {
    run.kill();
  }
});

test('remedy doctor --live: each trial shows on the page within 2 s of its rung ending', { skip, timeout: 120_000 }, async () => {
  const run = new Run(['doctor', repoPath('test/faults/spirals-too-small.json'), '--budget', '40', '--target', '0.95', '--live', '--live-linger', '10']);
  try {
    const { match } = await run.line(/^live: (http:\/\/127\.0\.0\.1:\d+\/)$/);
    const { page, errors } = await openTab(match[1]);
    // a repair's rung, as the doctor prints it: "    hidden widths 3 → 48: 4 epochs, train …"
    const trial = await run.line(/^ {4}(.+): (\d+) epochs, train/, run.lines.length);
    const [, change, epochs] = trial.match;
    const row = `() => [...document.querySelectorAll('tr')].some((tr) => {
      const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent);
      return cells.includes(${JSON.stringify(change)}) && cells.includes(${JSON.stringify(epochs)});
    })`;
    await page.waitForFunction(row, undefined, { timeout: PROMPTLY_MS, polling: 50 });
    await run.line(/^verdict: repaired/);
    await ended(page);
    assert.deepEqual(errors, [], 'no console errors');
    // the final page is the doctor's report
    await page.waitForFunction(`() => /Final spec/.test(document.body.innerText)`, undefined, { timeout: EVENTUALLY_MS, polling: 100 });
  } finally {
    run.kill();
  }
});

test('bad --live flags are refused with exit code 2 and one line, a port in use too', async () => {
  const notAPort = runCli(['train', spiralsSpec(1), '--live', 'abc']);
  assert.equal(notAPort.code, 2);
  assert.match(notAPort.stderr, /--live \[port\].*expected a port number/);
  const lingerAlone = runCli(['train', spiralsSpec(1), '--live-linger', '3']);
  assert.equal(lingerAlone.code, 2);
  assert.equal(lingerAlone.stderr, 'remedy: --live-linger: needs --live\n');
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  try {
    const port = (taken.address() as AddressInfo).port;
    const inUse = runCli(['train', spiralsSpec(1), '--live', String(port)]);
    assert.equal(inUse.code, 2);
    assert.equal(inUse.stderr, `remedy: --live: port ${port} is in use\n`);
  } finally {
    taken.close();
  }
});
