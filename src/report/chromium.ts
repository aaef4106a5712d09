/**
 * Test support: opens a report in Debian's Chromium (headless, through playwright-core) with
 * every request but the page itself refused, and measures what it shows. Used by the browser
 * tests of the doctor and experiment reports; not part of the report itself.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { TestContext } from 'node:test';
import { chromium, type Browser } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';

/** A reason to skip browser tests, or false when Chromium is there. */
export const noChromium: string | false = existsSync(CHROMIUM) ? false : `needs ${CHROMIUM} (apt-get install chromium)`;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A chart as drawn: its title, how many series and points, and the share of its canvas inked. */
export interface DrawnChart {
  label: string;
  datasets: number;
  points: number[];
  inked: number;
}

export interface Rendered {
  title: string;
  text: string;
  charts: DrawnChart[];
  /** How many elements match each selector asked for, in order. */
  counts: number[];
  /** The text of every element matching each selector asked for, in order. */
  texts: string[][];
}

/** Runs inside the page (a string: the compiler has no DOM types). */
const measure = (selectors: readonly string[]) => `(() => {
  const charts = [...document.querySelectorAll('figure.chart canvas')].map((canvas) => {
    const chart = Chart.getChart(canvas);
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) inked++;
    return {
      label: canvas.getAttribute('aria-label'),
      datasets: chart.data.datasets.length,
      points: chart.data.datasets.map((d) => d.data.filter((v) => v !== null).length),
      inked: inked / (canvas.width * canvas.height),
    };
  });
  const texts = ${JSON.stringify(selectors)}.map((s) => [...document.querySelectorAll(s)].map((e) => e.textContent));
  return { title: document.title, text: document.body.innerText, charts, counts: texts.map((t) => t.length), texts };
})()`;

/**
 * Opens `report` offline, measures it and saves a full-page screenshot next to it (named in the
 * test's diagnostics, for a human look). Fails on any other request, console error or dialog.
 */
export async function openReport(browser: Browser, t: TestContext, report: string, selectors: readonly string[] = []): Promise<Rendered> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const url = pathToFileURL(report).href;
  const elsewhere: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => void (r.url() !== url && elsewhere.push(r.url())));
  page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => void (errors.push(`dialog: ${d.message()}`), d.dismiss()));
  await page.route('**', (route) => (route.request().url() === url ? route.continue() : route.abort()));
  await page.goto(url, { waitUntil: 'load' });
  const rendered = (await page.evaluate(measure(selectors))) as Rendered;
  const screenshot = report.replace(/\.html$/, '.png');
  await page.screenshot({ path: screenshot, fullPage: true });
  t.diagnostic(`screenshot: ${screenshot}`);
  await page.close();
  assert.deepEqual(elsewhere, [], 'the page requests nothing but itself');
  assert.deepEqual(errors, [], 'no console errors');
  return rendered;
}

/** Every chart left ink on its canvas: Chart.js drew it. */
export function assertAllInked(rendered: Rendered): void {
  assert.ok(rendered.charts.length > 0, 'the page has charts');
  for (const chart of rendered.charts) assert.ok(chart.inked > 0.01, `${chart.label} is drawn (${(chart.inked * 100).toFixed(1)}% of pixels inked)`);
}
