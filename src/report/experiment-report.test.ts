import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fabricatedExperiments, fabricatedPublished } from './experiment-fixture.js';
import { experimentReportHtml } from './experiment-report.js';
import { chartsIn, textOf } from './inspect.js';

const results = fabricatedExperiments();
const html = experimentReportHtml(results, [fabricatedPublished()], new Date('2024-05-06T07:08:09Z'));
const text = textOf(html);

/** The markup of one experiment's card. */
function card(name: string): string {
  const start = html.indexOf(`<section class="card wide" id="experiment-${name}">`);
  assert.ok(start >= 0, `a card for ${name}`);
  return html.slice(start, html.indexOf('</section>', start));
}

test('the summary table lists every claim with its verdict over the seeds, and why', () => {
  assert.match(html, /<h1>Experiments: the claims of the training tips<\/h1>/);
  assert.match(html, /Claims that hold<\/div><div class="value warn">1 of 2<\/div>/);
  const summary = html.slice(html.indexOf('<h2>Claims</h2>'), html.indexOf('</section>', html.indexOf('<h2>Claims</h2>')));
  assert.equal(summary.match(/<tbody>(.*)<\/tbody>/s)![1].match(/<tr>/g)!.length, 2);
  assert.match(summary, /1 of 2 hold over 3 seeds\. A claim holds when the 95% interval of the paired difference/);
  assert.match(summary, /<span class="pill good">holds<\/span><\/td><td>training accuracy relu 0\.950 against sigmoid 0\.110, difference \+0\.839 \[\+0\.82\d, \+0\.85\d\] over 3 seeds: holds/);
  assert.match(summary, /<span class="pill warn">not shown<\/span><\/td><td>training accuracy dropout 0\.5 0\.961 against no dropout 0\.970/);
});

test('each card states its verdict, the rule that decided it, and the setup with data and seeds', () => {
  assert.ok(text.includes('The claim is not shown here: training accuracy dropout 0.5 0.961 against no dropout 0.970'));
  assert.ok(text.includes('The claim holds here: training accuracy relu 0.950'));
  const dropout = textOf(card('dropout'));
  assert.match(dropout, /Rule: Paired over seeds \(the same seed for both runs\): a comparison holds when the 95% t-interval/);
  assert.match(dropout, /Comparisons: training accuracy of dropout 0\.5 − no dropout below 0; test accuracy of dropout 0\.5 − no dropout above 0\./);
  assert.ok(dropout.includes('Setup: two hidden layers of 256, Adam, 4 epochs, with and without dropout; 3,600 training and 400 validation MNIST digits of the embedded sample; seeds 1, 2, 3.'));
});

test('the runs table gives each run as mean ± half its 95% interval, a diverged run dashes', () => {
  const rows = card('dropout').match(/<tbody>(.*?)<\/tbody>/s)![1].match(/<tr>.*?<\/tr>/g)!;
  assert.equal(rows.length, 3);
  assert.equal(rows[0], '<tr><td>no dropout</td><td class="num">97.00% ± 0.00%</td><td class="num">94.00% ± 0.00%</td><td class="num">93.00% ± 0.00%</td><td class="num">0.1190 ± 0.000</td><td class="num">4.0 ± 0.0</td><td class="num">3.2 s</td></tr>');
  assert.match(rows[2], /<td>dropout 0\.9<\/td><td class="num">10\.00% ± 0\.00%<\/td><td class="num">—<\/td><td class="num">—<\/td><td class="num">—<\/td><td class="num">3\.0 ± 0\.0<\/td>/);
});

test("each compared metric gets the runs' per-seed points with their interval, and the paired differences against the claim's line", () => {
  const [runs, differences] = chartsIn(card('dropout'));
  assert.equal(runs.kind, 'points');
  assert.deepEqual(runs.labels, ['dropout 0.5', 'no dropout']);
  assert.deepEqual(runs.series.map((s) => s.label), ['seed 1', 'seed 2', 'seed 3']);
  assert.deepEqual(runs.series.map((s) => s.data[1]), [0.97, 0.97, 0.97]);
  assert.equal(runs.intervals!.length, 2);
  assert.equal(differences.title, 'Paired differences in training accuracy, with their 95% interval');
  assert.deepEqual(differences.labels, ['dropout 0.5 − no dropout']);
  assert.deepEqual(differences.series.map((s) => Number(s.data[0]!.toFixed(4))), [-0.01, -0.002, -0.016]);
  const i = differences.intervals![0]!;
  assert.ok(i.low < 0 && i.high > 0 && Math.abs(i.mean + 0.00933) < 1e-4, 'the interval spans zero: not shown');
  assert.deepEqual(differences.reference, { value: 0, label: 'no difference' });
});

test("the curves are seed 1's: training loss and validation accuracy a line a run, with gaps past a run's end", () => {
  const charts = chartsIn(card('dropout'));
  assert.equal(charts.length, 6, 'two metrics a pair of charts, then the two curves');
  const [loss, accuracy] = charts.slice(4);
  assert.equal(loss.title, 'Training loss');
  assert.deepEqual(loss.labels, [1, 2, 3, 4]);
  assert.deepEqual(loss.series.map((s) => s.label), ['no dropout', 'dropout 0.5', 'dropout 0.9']);
  assert.deepEqual(loss.series[2].data.slice(2), [null, null], 'NaN in epoch 3, no epoch 4');
  assert.equal(accuracy.title, 'Validation accuracy');
  assert.equal(Math.round(accuracy.series[0].data[3]!), 94, 'in percent');
});

test('only the activation claim shows its first-epoch gradient norms, a line a run over the layers on a log axis', () => {
  const charts = chartsIn(card('activation'));
  assert.equal(charts.length, 5);
  const gradients = charts[4];
  assert.equal(gradients.logY, true);
  assert.deepEqual(gradients.labels, ['1 (input side)', '2', '3', '4', '5', '6', '7 (output)']);
  assert.deepEqual(gradients.series.map((s) => s.label), ['sigmoid', 'tanh', 'relu', 'maxout']);
  const sigmoid = gradients.series[0].data as number[];
  assert.ok(sigmoid[0] / sigmoid[6] < 1e-6, 'the sigmoid gradient vanishes towards the input');
  assert.match(card('activation'), /A vanishing gradient is a line that falls by orders of magnitude/);
});

test('a published table sets theirs beside ours, seed by seed, with the interval', () => {
  const published = card('lecture-demo');
  assert.match(textOf(published), /Published: lecture-demo/);
  const rows = published.match(/<tbody>(.*?)<\/tbody>/s)![1].match(/<tr>.*?<\/tr>/g)!;
  assert.equal(rows[0], '<tr><td>sigmoid, squared error</td><td>11.35%</td><td class="num">11.35%</td><td class="num">8.03% ± 0.87%</td><td>8.00% 8.40% 7.70%</td></tr>');
  const [chart] = chartsIn(published);
  assert.deepEqual(chart.series.map((s) => s.label), ['seed 1', 'seed 2', 'seed 3', 'published']);
  assert.deepEqual(chart.series[3].data, [11.35, 95.6]);
  assert.equal(chart.series[3].pointStyle, 'star');
});

test('one experiment gets its name as the title', () => {
  assert.match(experimentReportHtml(results.slice(1)), /<h1>Experiment: dropout<\/h1>[^]*Claims that hold<\/div><div class="value bad">0 of 1</);
});
