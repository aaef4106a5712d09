import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EpochRecord } from '../train/history.js';
import type { LayerSignals } from '../train/signals.js';
import { chartFigure, type ChartSpec } from './chart.js';
import { confusionSection } from './confusion.js';
import { curvesSection } from './curves.js';
import { gradientNormsSection } from './gradient-norms.js';
import { headlineSection } from './headline.js';
import { learningRateSection } from './learning-rate.js';
import { page } from './page.js';
import { section } from './section.js';
import { specSection } from './spec.js';
import { timingSection } from './timing.js';

const NASTY = `</script><script>alert("x")</script> & <!--`;

/** The chart specs embedded in a piece of HTML, in order. */
function chartsIn(html: string): ChartSpec[] {
  return [...html.matchAll(/<script type="application\/json" class="chart-data">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]) as ChartSpec);
}

function layerSignals(layer: number, gradNorm: number, activation: string | null): LayerSignals {
  const base = { weightNorm: 1, zeroGradFraction: 0, updateRatio: 1e-3, saturation: null, zeroActivationFraction: null, deadUnitFraction: null };
  return { ...base, layer, type: 'dense', activation, gradNorm };
}

function record(epoch: number, extra: Partial<EpochRecord> = {}): EpochRecord {
  return {
    epoch,
    loss: 1 / epoch,
    acc: 0.5 + epoch / 10,
    valLoss: 1.2 / epoch,
    valAcc: 0.45 + epoch / 10,
    lr: 0.1 / epoch,
    seconds: 0.5,
    signals: { layers: [layerSignals(0, 0.1 * epoch, 'relu'), layerSignals(2, epoch === 2 ? 0 : 0.01, null)], gradNorm: 0.2, nonFinite: false, sampledBatches: 16 },
    ...extra,
  };
}

const history = [record(1), record(2), record(3)];

test('chartFigure embeds its spec as JSON that survives hostile labels', () => {
  const spec: ChartSpec = { kind: 'line', title: NASTY, xTitle: 'epoch', yTitle: 'y', labels: [1, 2], series: [{ label: NASTY, data: [1, null], color: '#000' }] };
  const html = chartFigure(spec);
  assert.deepEqual(chartsIn(html), [spec]);
  assert.equal(html.match(/<\/script>/g)?.length, 1, 'only the data element closes a script');
  assert.doesNotMatch(html, /<script>alert/);
});

test('section escapes its title and note but not its body', () => {
  const html = section(NASTY, '<p>body</p>', { note: NASTY, wide: true });
  assert.match(html, /^<section class="card wide"><h2>&lt;\/script&gt;/);
  assert.match(html, /<p>body<\/p>/);
  assert.doesNotMatch(html, /<script/);
});

test('curvesSection draws loss and accuracy, train against validation, with gaps for a diverged loss', () => {
  const [loss, accuracy] = chartsIn(curvesSection([...history, record(4, { loss: NaN, valLoss: null, valAcc: null })]));
  assert.deepEqual(loss.labels, [1, 2, 3, 4]);
  assert.deepEqual(loss.series.map((s) => s.label), ['train', 'validation']);
  assert.equal(loss.series[0].data[3], null);
  assert.equal(loss.series[1].data[3], null);
  assert.deepEqual(accuracy.series[0].data.map((v) => Math.round(v!)), [60, 70, 80, 90], 'accuracy in percent');
});

test('curvesSection without validation draws training curves only and says so', () => {
  const html = curvesSection(history.map((r) => ({ ...r, valLoss: null, valAcc: null })));
  assert.deepEqual(chartsIn(html)[0].series.map((s) => s.label), ['train']);
  assert.match(html, /No validation results/);
  assert.match(curvesSection([]), /No epoch finished/);
});

test('gradientNormsSection draws one log-scale series a layer plus the total, 0 as a gap', () => {
  const [chart] = chartsIn(gradientNormsSection(history));
  assert.equal(chart.logY, true);
  assert.deepEqual(chart.series.map((s) => s.label), ['layers.0 dense relu', 'layers.2 dense', 'all parameters']);
  assert.deepEqual(chart.series[1].data, [0.01, null, 0.01]);
  assert.equal(chart.series[2].dashed, true);
  assert.match(gradientNormsSection(history.map(({ signals: _, ...r }) => r)), /No training signals/);
  const nan = history.map((r) => ({ ...r, signals: { ...r.signals!, gradNorm: NaN, layers: [layerSignals(0, NaN, 'relu')] } }));
  assert.match(gradientNormsSection(nan), /Every recorded gradient norm was 0 or not finite/);
});

test('learningRateSection and timingSection plot one value an epoch from zero', () => {
  const [lr] = chartsIn(learningRateSection(history));
  assert.deepEqual(lr.series[0].data, [0.1, 0.05, 0.1 / 3]);
  const timing = timingSection(history, 2.25);
  const [bars] = chartsIn(timing);
  assert.equal(bars.kind, 'bar');
  assert.equal(bars.fromZero, true);
  assert.match(timing, /2\.3 s in total, 0\.5 s per epoch on average/);
});

test('confusionSection is a classes×classes table with recall per row', () => {
  const html = confusionSection(
    [
      [8, 2, 0],
      [1, 9, 0],
      [0, 0, 0],
    ],
    'Test',
  );
  assert.equal(html.match(/class="cm-cell/g)?.length, 9);
  assert.match(html, /80\.00%<\/td>/);
  assert.match(html, /90\.00%<\/td>/);
  assert.match(html, /<td class="recall">—<\/td>/, 'an empty class has no recall');
  assert.match(html, /Test set, 20 examples, 85\.00% correct/);
  assert.match(html, /title="true 0, predicted 1: 2 \(20\.00% of class 0\)"/);
});

test('headlineSection and specSection escape user text', () => {
  const tiles = headlineSection([{ label: 'Outcome', value: NASTY, detail: NASTY, tone: 'bad' }]);
  assert.match(tiles, /<div class="value bad">&lt;\/script&gt;/);
  assert.doesNotMatch(tiles, /<script|<!--/);
  const spec = specSection({ name: NASTY, epochs: 2 });
  assert.doesNotMatch(spec, /<script|<!--/);
  assert.match(spec, /\{\n {2}&quot;name&quot;: &quot;&lt;\/script&gt;/);
});

test('page is one self-contained document: inline style and scripts, no external references', () => {
  const html = page(NASTY, [curvesSection(history)], NASTY);
  assert.match(html, /^<!doctype html>/);
  assert.match(html, /<title>&lt;\/script&gt;&lt;script&gt;alert\(&quot;x&quot;\)/);
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  assert.doesNotMatch(html, /<(script|img|iframe)[^>]*\ssrc=|<link\b/i);
  const withoutLicenseBanners = html.replace(/\/\*![^]*?\*\//g, '');
  assert.doesNotMatch(withoutLicenseBanners, /https?:\/\//, 'no web address outside the license banners');
  const scripts = html.match(/<script\b/g)!.length;
  assert.equal(html.match(/<\/script>/g)!.length, scripts, 'every script element closes only at its end');
  assert.match(html, /Chart\.js v4/);
});
