import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Random } from '../util/random.js';
import { augmentBatch } from './augment.js';

const none = { rotate: 0, shift: 0, flipHorizontal: false, noise: 0 };

/** Two 1×5×5 images with a bright pixel each. */
function batch(): Float32Array {
  const x = new Float32Array(50);
  x[1 * 5 + 1] = 1;
  x[25 + 3 * 5 + 2] = 1;
  return x;
}

test('an augmented batch differs from its source; the same seed gives the same batch', () => {
  const spec = { rotate: 15, shift: 1, flipHorizontal: true, noise: 0.05 };
  const a = batch();
  augmentBatch(a, 2, [1, 5, 5], spec, new Random(3));
  const b = batch();
  augmentBatch(b, 2, [1, 5, 5], spec, new Random(3));
  assert.notDeepEqual(a, batch());
  assert.deepEqual(a, b);
  const c = batch();
  augmentBatch(c, 2, [1, 5, 5], spec, new Random(4));
  assert.notDeepEqual(a, c);
});

test('nothing enabled changes nothing; a flip mirrors the columns', () => {
  const x = batch();
  augmentBatch(x, 2, [1, 5, 5], none, new Random(1));
  assert.deepEqual(x, batch());
  // with probability ½ per image: find a seed that flips the first image
  for (let seed = 0; seed < 20; seed++) {
    const y = batch();
    augmentBatch(y, 2, [1, 5, 5], { ...none, flipHorizontal: true }, new Random(seed));
    if (y[1 * 5 + 3] === 1) {
      assert.equal(y[1 * 5 + 1], 0);
      return;
    }
  }
  assert.fail('no seed flipped the image');
});

test('a shift moves pixels by whole steps and a 90° rotation turns the image', () => {
  const x = new Float32Array(25);
  x[2 * 5 + 4] = 1; // middle row, right edge
  const rotated = Float32Array.from(x);
  // a rotation uniform in ±90: only the extreme draws turn by 90°, so test the warp through a seed search
  let turned = false;
  for (let seed = 0; seed < 200 && !turned; seed++) {
    const y = Float32Array.from(rotated);
    augmentBatch(y, 1, [1, 5, 5], { ...none, rotate: 90 }, new Random(seed));
    turned = y[0 * 5 + 2] > 0.99 || y[4 * 5 + 2] > 0.99;
  }
  assert.ok(turned, 'some rotation near ±90° moves the right-edge pixel to the top or bottom middle');
  const s = new Float32Array(25);
  s[2 * 5 + 2] = 1;
  augmentBatch(s, 1, [1, 5, 5], { ...none, shift: 2 }, new Random(5));
  assert.equal(s.filter((v) => v === 1).length, 1, 'a whole-pixel shift keeps the pixel intact');
});
