#!/usr/bin/env node
// Screenshots the live page of a real run while it goes, for docs/images/live-doctor.png:
//   node tools/live-screenshot.mjs 'REGEX' OUT.png doctor examples/deep-sigmoid-mse.json --budget 60
// runs `remedy ARGS... --live`, opens the page, and takes the picture 1.5 s after the run prints
// a line matching REGEX. Needs Debian's chromium and the dev dependency playwright-core.
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';

const [pattern, out, ...args] = process.argv.slice(2);
if (args.length === 0) {
  console.error("usage: node tools/live-screenshot.mjs 'REGEX' OUT.png COMMAND SPEC [FLAGS...]");
  process.exit(2);
}
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const run = spawn(process.execPath, [new URL('../dist/cli/main.js', import.meta.url).pathname, ...args, '--live'], { stdio: ['ignore', 'pipe', 'inherit'] });
let printed = '';
const seen = (regex) =>
  new Promise((resolve) => {
    const look = () => (regex.test(printed) ? resolve(regex.exec(printed)) : setTimeout(look, 50));
    look();
  });
run.stdout.on('data', (chunk) => process.stdout.write(chunk) && (printed += chunk));
const [, url] = await seen(/^live: (\S+)$/m);
const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
await page.goto(url, { waitUntil: 'load' });
await seen(new RegExp(pattern, 'm'));
await new Promise((resolve) => setTimeout(resolve, 1500));
await page.screenshot({ path: out });
console.error(`screenshot: ${out}`);
await browser.close();
run.kill();
