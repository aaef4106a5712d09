/**
 * `remedy train --report` end to end: real runs through the CLI, each report opened in Debian's
 * Chromium with the network cut off, to show that the page is self-contained, draws its charts,
 * shows the run's numbers and raises no errors. Screenshots are kept for a human look.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import type { Browser } from 'playwright-core';
import { runCli } from '../testing/cli.js';
import { launchChromium, noChromium as skip, openReport, type Rendered } from './chromium.js';

const dir = mkdtempSync(path.join(tmpdir(), 'remedy-report-'));
let browser: Browser;

before(async () => {
  if (!skip) browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

const CELLS = 'table.confusion td.cm-cell';
const ROWS = 'table.confusion tbody tr';

/** Trains `spec` through the CLI with --report and --json; returns the run's JSON and exit code. */
function train(name: string, spec: object) {
  const specFile = path.join(dir, `${name}.json`);
  writeFileSync(specFile, JSON.stringify(spec));
  const report = path.join(dir, `${name}.html`);
  const json = path.join(dir, `${name}.run.json`);
  const run = runCli(['train', specFile, '--report', report, '--json', json, '--quiet']);
  return { code: run.code, stderr: run.stderr, report, result: JSON.parse(readFileSync(json, 'utf8')) };
}

/** Opens a report offline; the confusion matrix's cells as numbers and its row count. */
async function open(t: TestContext, report: string): Promise<Rendered & { cells: number[]; classes: number }> {
  const rendered = await openReport(browser, t, report, [CELLS, ROWS]);
  return { ...rendered, cells: rendered.texts[0].map(Number), classes: rendered.counts[1] };
}

const percent = (fraction: number) => `${(fraction * 100).toFixed(2)}%`;

/** Every chart drew one point an epoch in every series, and left ink on its canvas. */
function assertChartsDrawn(rendered: Rendered, epochs: number, weightedLayers: number) {
  assert.deepEqual(
    rendered.charts.map((c) => c.label),
    ['Loss', 'Accuracy', 'Learning rate at the end of each epoch', 'Seconds per epoch', 'Weight-gradient norm per layer'],
  );
  assert.equal(rendered.charts[4].datasets, weightedLayers + 1, 'a series a weighted layer, and the total');
  for (const chart of rendered.charts) {
    for (const points of chart.points) assert.equal(points, epochs, `${chart.label}: a point an epoch`);
    assert.ok(chart.inked > 0.01, `${chart.label} is drawn (${(chart.inked * 100).toFixed(1)}% of pixels inked)`);
  }
}

test('the report of a spirals run is self-contained, escapes the spec name, and shows the run', { skip, timeout: 60_000 }, async (t) => {
  const name = `spirals </script><script>alert("pwned")</script> & <b>co</b>`;
  const run = train('spirals', {
    name,
    seed: 0,
    data: { source: 'synthetic:spirals', samples: 400, classes: 3 },
    model: { layers: [{ type: 'dense', units: 24, activation: 'relu' }, { type: 'dense', units: 24, activation: 'tanh' }, { type: 'dense', units: 3 }] },
    optimizer: { type: 'adam', lr: 0.01 },
    schedule: { type: 'cosine' },
    batchSize: 32,
    epochs: 6,
  });
  assert.equal(run.code, 0, run.stderr);
  const rendered = await open(t, run.report);
  assert.equal(rendered.title, name, 'the name arrives as text, not markup');
  assertChartsDrawn(rendered, 6, 3);
  const last = run.result.history.at(-1);
  for (const shown of [percent(run.result.test.acc), percent(last.valAcc), percent(last.acc), '6 of 6', 'completed']) {
    assert.ok(rendered.text.includes(shown), `the page shows ${shown}`);
  }
  assert.equal(rendered.classes, 3);
  assert.equal(rendered.cells.length, 9);
  assert.equal(rendered.cells.reduce((s, n) => s + n, 0), 200, 'the whole test set (half the samples)');
});

test('the report of an mnist-sample run has a 10×10 confusion matrix of the test set', { skip, timeout: 60_000 }, async (t) => {
  const run = train('mnist', {
    name: 'mnist-sample MLP',
    seed: 0,
    data: { source: 'mnist-sample', trainLimit: 600, testLimit: 300 },
    model: { layers: [{ type: 'flatten' }, { type: 'dense', units: 32, activation: 'relu' }, { type: 'dense', units: 10, activation: 'softmax' }] },
    optimizer: { type: 'adam', lr: 0.003 },
    batchSize: 50,
    epochs: 3,
  });
  assert.equal(run.code, 0, run.stderr);
  const rendered = await open(t, run.report);
  assertChartsDrawn(rendered, 3, 2);
  assert.ok(rendered.text.includes(percent(run.result.test.acc)));
  assert.equal(rendered.classes, 10);
  assert.equal(rendered.cells.length, 100);
  assert.equal(rendered.cells.reduce((s, n) => s + n, 0), 300);
});

test('a diverged run still writes a report that renders and says it diverged', { skip, timeout: 60_000 }, async (t) => {
  const run = train('diverged', {
    data: { source: 'synthetic:blobs', samples: 60 },
    model: { layers: [{ type: 'dense', units: 8, activation: 'relu' }, { type: 'dense', units: 3 }] },
    optimizer: { type: 'sgd', lr: 1e38 },
    batchSize: 10,
    epochs: 3,
  });
  assert.equal(run.code, 1, 'the run itself fails');
  const rendered = await open(t, run.report);
  assert.deepEqual(rendered.charts.map((c) => c.label), ['Loss', 'Accuracy', 'Learning rate at the end of each epoch', 'Seconds per epoch']);
  assert.ok(rendered.text.includes('Every recorded gradient norm was 0 or not finite'));
  assert.ok(rendered.text.includes('diverged'));
  assert.ok(rendered.text.includes('Not computed: training diverged'));
  assert.equal(rendered.cells.length, 0);
});
