#!/usr/bin/env node
// What --live costs the training thread (docs/live.md): trains SPEC for EPOCHS with the live
// callback, a tab connected (curl), and times every call of the callback against the run:
//   node tools/live-overhead.mjs examples/default.json 5
import { spawn } from 'node:child_process';
import { LiveBoard } from '../dist/live/board.js';
import { LiveTraining } from '../dist/live/train.js';
import { trainerFromFile } from '../dist/train/run.js';

const [spec, epochsArg = '5'] = process.argv.slice(2);
if (spec === undefined) {
  console.error('usage: node tools/live-overhead.mjs SPEC [EPOCHS]');
  process.exit(2);
}
const epochs = Number(epochsArg);
const trainer = await trainerFromFile(spec);
const board = await LiveBoard.start({ title: spec });
const tab = spawn('curl', ['-sN', `${board.url}events`], { stdio: 'ignore' });
await new Promise((resolve) => setTimeout(resolve, 500));
const live = new LiveTraining(board, epochs);
let inside = 0;
let calls = 0;
let depth = 0;
// send() also runs from a timer; a send inside another call is counted once
for (const name of ['onTrainBegin', 'onEpochBegin', 'onBatchEnd', 'onEpochEnd', 'onTrainEnd', 'send']) {
  const call = live[name].bind(live);
  live[name] = (...args) => {
    const start = performance.now();
    depth++;
    call(...args);
    depth--;
    if (depth === 0) (inside += performance.now() - start), calls++;
  };
}
const start = performance.now();
await trainer.fit(epochs, [live]);
const total = performance.now() - start;
console.log(`training ${(total / 1000).toFixed(2)} s, inside the live callback ${(inside / 1000).toFixed(3)} s over ${calls} calls: ${((100 * inside) / total).toFixed(2)}%`);
tab.kill();
await board.close();
