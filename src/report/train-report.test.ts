import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Callback } from '../train/callback.js';
import { blobsSpec } from '../testing/blobs.js';
import { createTrainer } from '../train/run.js';
import { trainReportHtml } from './train-report.js';

async function trained(name: string, lr: number, callbacks: Callback[] = []) {
  const spec = blobsSpec({ name, optimizer: { type: 'sgd', lr } });
  const trainer = await createTrainer(spec, { file: 'spec.json', dir: '.' });
  return { trainer, result: await trainer.fit(spec.epochs, callbacks) };
}

test('trainReportHtml puts the headline numbers, every section and the test confusion matrix in one page', async () => {
  const { trainer, result } = await trained('blobs <3', 0.1);
  const html = trainReportHtml(trainer, result, new Date('2024-05-06T07:08:09Z'));
  assert.match(html, /<h1>blobs &lt;3<\/h1>/);
  assert.match(html, /synthetic:blobs: 54 training, 6 validation, 30 test examples · 2024-05-06 07:08:09 UTC/);
  const testAcc = `${(result.test!.acc * 100).toFixed(2)}%`;
  assert.match(html, new RegExp(`Test accuracy</div><div class="value">${testAcc}<`));
  assert.match(html, /<div class="value">3 of 3<\/div>/);
  assert.match(html, /<div class="value good">completed<\/div>/);
  for (const title of ['Learning curves', 'Learning rate', 'Timing', 'Gradient norms', 'Confusion matrix', 'Spec']) assert.match(html, new RegExp(`<h2>${title}</h2>`));
  assert.equal(html.match(/class="cm-cell/g)?.length, 9);
  assert.match(html, new RegExp(`Test set, 30 examples, ${testAcc} correct`));
});

test('a diverged run still gets a report that says so, without a meaningless confusion matrix', async () => {
  const { trainer, result } = await trained('wild', 1e38);
  assert.equal(result.diverged, true);
  const html = trainReportHtml(trainer, result);
  assert.match(html, /<div class="value bad">diverged<\/div>/);
  assert.match(html, /Not computed: training diverged/);
  assert.doesNotMatch(html, /cm-cell/);
});

test('an interrupted run gets a report of the epochs it finished, with its confusion matrix', async () => {
  const ctrlCInEpoch2: Callback = { onBatchEnd: (trainer, batch) => void (trainer.epoch === 1 && batch === 2 && (trainer.interrupted = true)) };
  const { trainer, result } = await trained('stopped', 0.1, [ctrlCInEpoch2]);
  assert.equal(result.interrupted, true);
  const html = trainReportHtml(trainer, result);
  assert.match(html, /<div class="value warn">interrupted<\/div><div class="detail">during epoch 2<\/div>/);
  assert.match(html, /<div class="value">1 of 3<\/div>/);
  assert.match(html, /not evaluated/, 'no test accuracy after an interrupt');
  assert.equal(html.match(/class="cm-cell/g)?.length, 9);
});
