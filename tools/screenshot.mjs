#!/usr/bin/env node
// Screenshots one element of a remedy HTML report, for the pictures in docs/images/:
//   node tools/screenshot.mjs REPORT.html 'CSS selector' OUT.png
// Needs Debian's chromium (apt-get install chromium) and the dev dependency playwright-core.
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const [report, selector, out] = process.argv.slice(2);
if (!out) {
  console.error('usage: node tools/screenshot.mjs REPORT.html SELECTOR OUT.png');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, deviceScaleFactor: 1 });
await page.goto(pathToFileURL(report).href, { waitUntil: 'load' });
await page.locator(selector).first().screenshot({ path: out });
await browser.close();
