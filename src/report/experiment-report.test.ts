import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fabricatedExperiments } from './experiment-fixture.js';
import { experimentReportHtml } from './experiment-report.js';
import { chartsIn, textOf } from './inspect.js';

const results = fabricatedExperiments();
const html = experimentReportHtml(results, new Date('2024-05-06T07:08:09Z'));
const text = textOf(html);

/** The markup of one experiment's card. */
function card(name: string): string {
  const start = html.indexOf(`<section class="card wide" id="experiment-${name}">`);
  assert.ok(start >= 0, `a card for ${name}`);
  return html.slice(start, html.indexOf('</section>', start));
}

test('the summary table lists every claim with holds or does not hold, and why', () => {
  assert.match(html, /<h1>Experiments: the training tips&#39; claims<\/h1>/);
  assert.match(html, /Claims that hold<\/div><div class="value warn">1 of 2<\/div>/);
  const summary = html.slice(html.indexOf('<h2>Claims</h2>'), html.indexOf('</section>', html.indexOf('<h2>Claims</h2>')));
  assert.equal(summary.match(/<tbody>(.*)<\/tbody>/s)![1].match(/<tr>/g)!.length, 2);
  assert.match(summary, /<a href="#experiment-activation">activation<\/a><\/td><td>a deep sigmoid network does not train/);
  assert.match(summary, /<span class="pill good">holds<\/span><\/td><td>training accuracy 0\.950 with ReLU/);
  assert.match(summary, /<span class="pill bad">does not hold<\/span><\/td><td>gap 0\.030 without dropout/);
});

test('a claim that does not hold is said plainly, in its own card', () => {
  assert.ok(text.includes('The claim does not hold here: gap 0.030 without dropout and 0.030 with it: no narrower.'));
  assert.ok(text.includes('The claim holds here: training accuracy 0.950 with ReLU'));
  assert.ok(textOf(card('dropout')).includes('Setup: two hidden layers of 256, Adam, 4 epochs, with and without dropout.'));
});

test('each experiment has a table of its runs, a diverged run showing NaN and dashes', () => {
  const rows = card('dropout').match(/<tbody>(.*?)<\/tbody>/s)![1].match(/<tr>.*?<\/tr>/g)!;
  assert.equal(rows.length, 3);
  assert.equal(rows[0], '<tr><td>no dropout</td><td class="num">97.00%</td><td class="num">94.00%</td><td class="num">93.00%</td><td class="num">0.1190</td><td class="num">4</td><td class="num">3.2 s</td></tr>');
  assert.match(rows[2], /<td>dropout 0\.9<\/td><td class="num">10\.00%<\/td><td class="num">—<\/td><td class="num">—<\/td><td class="num">NaN<\/td><td class="num">3<\/td>/);
});

test('every experiment plots training loss and validation accuracy a line a run, with gaps past a run’s end', () => {
  const [loss, accuracy] = chartsIn(card('dropout'));
  assert.equal(loss.title, 'Training loss');
  assert.deepEqual(loss.labels, [1, 2, 3, 4]);
  assert.deepEqual(loss.series.map((s) => s.label), ['no dropout', 'dropout 0.5', 'dropout 0.9']);
  assert.deepEqual(loss.series[2].data.slice(2), [null, null], 'NaN in epoch 3, no epoch 4');
  assert.equal(accuracy.title, 'Validation accuracy');
  assert.equal(Math.round(accuracy.series[0].data[3]!), 94, 'in percent');
});

test('only the activation claim shows its first-epoch gradient norms, a line a run over the layers on a log axis', () => {
  assert.equal(chartsIn(card('dropout')).length, 2);
  const charts = chartsIn(card('activation'));
  assert.equal(charts.length, 3);
  const gradients = charts[2];
  assert.equal(gradients.logY, true);
  assert.deepEqual(gradients.labels, ['1 (input side)', '2', '3', '4', '5', '6', '7 (output)']);
  assert.deepEqual(gradients.series.map((s) => s.label), ['sigmoid', 'tanh', 'relu', 'maxout']);
  const sigmoid = gradients.series[0].data as number[];
  assert.ok(sigmoid[0] / sigmoid[6] < 1e-6, 'the sigmoid gradient vanishes towards the input');
  assert.match(card('activation'), /A vanishing gradient is a line that falls by orders of magnitude/);
});

test('one experiment gets its name as the title', () => {
  assert.match(experimentReportHtml(results.slice(1)), /<h1>Experiment: dropout<\/h1>[^]*Claims that hold<\/div><div class="value bad">0 of 1</);
});
