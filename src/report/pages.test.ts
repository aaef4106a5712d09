/**
 * The doctor's and the experiments' reports in Debian's Chromium, offline: a real `remedy doctor
 * --report` run through the CLI (a fast fault case), and an experiment report from made-up
 * results (a real `remedy experiment` takes minutes). Screenshots are kept for a human look.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { runCli } from '../testing/cli.js';
import { repoPath } from '../testing/paths.js';
import { assertAllInked, launchChromium, noChromium, openReport } from './chromium.js';
import { fabricatedExperiments, fabricatedPublished } from './experiment-fixture.js';
import { experimentReportHtml } from './experiment-report.js';

const FAULT = repoPath('test/faults/spirals-too-small.json');
const dir = mkdtempSync(path.join(tmpdir(), 'remedy-pages-'));
let browser: Browser;

before(async () => {
  if (!noChromium) browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

const percent = (fraction: number) => `${(fraction * 100).toFixed(2)}%`;

test('remedy doctor --report: verdict, diagnosis, every trial and the widened layer, drawn offline', { skip: noChromium, timeout: 60_000 }, async (t) => {
  const spec = path.join(dir, 'spirals-too-small.json');
  copyFileSync(FAULT, spec);
  const [report, json] = [path.join(dir, 'doctor.html'), path.join(dir, 'doctor.json')];
  const run = runCli(['doctor', spec, '--budget', '40', '--report', report, '--json', json, '--quiet']);
  assert.equal(run.code, 0, run.stderr);
  const result = JSON.parse(readFileSync(json, 'utf8'));
  const rendered = await openReport(browser, t, report, ['#trials tbody tr', '#trials tr.kept', '#changes li']);
  assertAllInked(rendered);
  assert.deepEqual(
    rendered.charts.map((c) => c.label),
    ['Loss', 'Accuracy', 'Loss', 'Accuracy', 'Weight-gradient norm per layer', 'Weight-gradient norm per layer', 'Validation accuracy of each trial, by round'],
  );
  assert.equal(rendered.title, 'Doctor: spirals-too-small');
  assert.ok(rendered.text.includes(`${result.verdict}: `), `the verdict ${result.verdict} is the page's first statement`);
  assert.ok(result.diagnoses.some((d: { symptom: string }) => d.symptom === 'underfitting_capacity'));
  assert.ok(rendered.text.includes('underfitting_capacity'));
  assert.ok(rendered.text.includes('fix the optimisation'));
  assert.ok(rendered.text.includes(`Validation accuracy ${percent(result.baseline.valAcc)} → ${percent(result.best.valAcc)}`));
  const [rows, kept, changes] = rendered.counts;
  assert.equal(rows, result.trials.length, 'a table row a trial of --json');
  assert.equal(kept, 1, 'the repair kept');
  const original = JSON.parse(readFileSync(FAULT, 'utf8'));
  const widened = original.model.layers.findIndex((l: { units: number }, i: number) => result.best.spec.model.layers[i].units !== l.units);
  assert.ok(widened >= 0, `a layer was widened: ${result.best.change}`);
  const line = `model.layers[${widened}].units: ${original.model.layers[widened].units} → ${result.best.spec.model.layers[widened].units}`;
  assert.ok(rendered.text.includes(line), `the diff shows ${line}`);
  assert.ok(changes >= 1);
});

test('the experiment report: claims, per-seed points and intervals, runs, curves, the vanishing gradient and a published table, drawn offline', { skip: noChromium, timeout: 30_000 }, async (t) => {
  const results = fabricatedExperiments();
  const report = path.join(dir, 'experiments.html');
  writeFileSync(report, experimentReportHtml(results, [fabricatedPublished()]));
  const rendered = await openReport(browser, t, report, ['table.data tbody tr']);
  assertAllInked(rendered);
  const seeds = (metric: string) => [`${metric} of each run, seed by seed`, `Paired differences in ${metric.toLowerCase()}, with their 95% interval`];
  assert.deepEqual(
    rendered.charts.map((c) => c.label),
    [
      ...seeds('Training accuracy'),
      'Training loss',
      'Validation accuracy',
      'Weight-gradient norm per layer, first epoch',
      ...seeds('Training accuracy'),
      ...seeds('Test accuracy'),
      'Training loss',
      'Validation accuracy',
      'Test accuracy: ours seed by seed with the 95% interval, and theirs',
    ],
  );
  const [runs, differences] = rendered.charts;
  assert.equal(runs.datasets, 2 + 3, 'the mean, the interval, and a series a seed');
  assert.equal(differences.datasets, 2 + 3 + 1, 'and the line of no difference');
  const gradients = rendered.charts[4];
  assert.equal(gradients.datasets, 4, 'a line a run');
  assert.deepEqual(gradients.points, [7, 7, 7, 7], 'a point a layer');
  assert.ok(rendered.text.includes('not shown'));
  assert.ok(rendered.text.includes('The claim is not shown here: training accuracy dropout 0.5'));
  assert.equal(rendered.counts[0], 2 + 4 + 3 + 2, 'two claims, then four and three runs, then two published rows');
});

test('--report is checked before any compute and refused for the doctor’s own checks', () => {
  const missing = path.join(dir, 'no-such-folder', 'report.html');
  for (const args of [['doctor', FAULT, '--report', missing], ['experiment', 'activation', '--report', missing]]) {
    const run = runCli(args);
    assert.equal(run.code, 2, `${args[0]}: ${run.stderr}`);
    assert.match(run.stderr, /--report.*folder .* does not exist/);
  }
  const run = runCli(['experiment', 'faults', '--report', path.join(dir, 'faults.html')]);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /--report.*is for the claims and the published comparisons/);
});
