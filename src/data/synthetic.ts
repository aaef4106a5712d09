/**
 * The `synthetic:NAME` sources: small 2-D problems for fast tests and for the doctor's trials.
 *
 * Every point comes from one generator, `Random.stream(seed, 'synthetic:' + name)`: first the
 * `samples` training points (default 2000), then floor(samples / 2) test points. Within a split
 * the classes are balanced (label i % classes, so counts differ by at most one) and the order is
 * shuffled: the labels are shuffled first, then one point is drawn for each label in turn.
 *
 * - circles: 2 classes; class 0 on the circle of radius 1, class 1 on the circle of radius 0.5
 *   (scikit-learn's make_circles with factor 0.5), angle uniform.
 * - blobs: `classes` Gaussian blobs of std 0.5, centred evenly on the circle of radius 2.
 * - spirals: CS231n's spirals, `classes` arms: class c has radius r uniform in [0, 1) and angle
 *   theta = 4c + 4r + noise * N(0, 1), at (r sin theta, r cos theta). As in CS231n (which uses
 *   noise 0.2), the noise moves the angle, not the coordinates.
 * - xor: uniform in [-1, 1]^2, label (x > 0) xor (y > 0).
 *
 * For circles, blobs and xor, Gaussian noise of std `noise` (default 0.1) is added to both
 * coordinates after the label is fixed, so it can carry a point across the class boundary.
 * `classes` (default 3) applies to blobs and spirals; circles and xor have 2.
 */
import { InputError } from '../errors.js';
import { Random } from '../util/random.js';
import type { DataSpec, LoadedSource, RawDataset } from './dataset.js';

type Point = [number, number];
type DrawPoint = (rng: Random, label: number, classes: number, noise: number) => Point;

interface Generator {
  /** Classes are chosen by the spec (blobs, spirals) or fixed by the problem (circles, xor). */
  fixedClasses: number | null;
  draw: DrawPoint;
}

const GENERATORS: Record<string, Generator> = {
  circles: {
    fixedClasses: 2,
    draw(rng, label, _classes, noise) {
      const radius = label === 0 ? 1 : 0.5;
      const angle = rng.range(0, 2 * Math.PI);
      return addNoise(rng, [radius * Math.cos(angle), radius * Math.sin(angle)], noise);
    },
  },
  blobs: {
    fixedClasses: null,
    draw(rng, label, classes, noise) {
      const angle = (2 * Math.PI * label) / classes;
      const point: Point = [2 * Math.cos(angle) + 0.5 * rng.normal(), 2 * Math.sin(angle) + 0.5 * rng.normal()];
      return addNoise(rng, point, noise);
    },
  },
  spirals: {
    fixedClasses: null,
    draw(rng, label, _classes, noise) {
      const r = rng.uniform();
      const theta = 4 * label + 4 * r + noise * rng.normal();
      return [r * Math.sin(theta), r * Math.cos(theta)];
    },
  },
  xor: {
    fixedClasses: 2,
    draw(rng, label, _classes, noise) {
      const x = rng.range(-1, 1);
      // |y| in (0, 1], its sign chosen so that (x > 0) xor (y > 0) is the label.
      const yPositive = (x > 0) !== (label === 1);
      const magnitude = 1 - rng.uniform();
      return addNoise(rng, [x, yPositive ? magnitude : -magnitude], noise);
    },
  },
};

export const SYNTHETIC_NAMES = Object.keys(GENERATORS);

/** `withTest` false skips the test points; the training points do not change. */
export function generateSynthetic(
  name: string,
  spec: DataSpec,
  seed: number,
  withTest: boolean,
  specFile: string,
): LoadedSource {
  const generator = GENERATORS[name];
  if (generator === undefined) {
    throw new InputError(
      `unknown synthetic data set "${name}"; expected one of ${SYNTHETIC_NAMES.join(', ')}`,
      specFile,
      'data.source',
    );
  }
  const classes = chooseClasses(name, generator, spec.classes, specFile);
  const samples = spec.samples ?? 2000;
  const noise = spec.noise ?? 0.1;
  const rng = Random.stream(seed, 'synthetic:' + name);
  const train = drawSplit(rng, samples, classes, noise, generator.draw);
  const test = withTest ? drawSplit(rng, Math.floor(samples / 2), classes, noise, generator.draw) : null;
  return { train, test, classes, images: false };
}

function chooseClasses(name: string, generator: Generator, asked: number | undefined, specFile: string): number {
  if (generator.fixedClasses !== null) {
    if (asked !== undefined && asked !== generator.fixedClasses) {
      throw new InputError(
        `synthetic:${name} has ${generator.fixedClasses} classes, found ${asked}; ` +
          'only blobs and spirals take a class count',
        specFile,
        'data.classes',
      );
    }
    return generator.fixedClasses;
  }
  const classes = asked ?? 3;
  if (!Number.isInteger(classes) || classes < 2) {
    throw new InputError(`expected an integer of at least 2, found ${classes}`, specFile, 'data.classes');
  }
  return classes;
}

function drawSplit(rng: Random, count: number, classes: number, noise: number, draw: DrawPoint): RawDataset {
  const y = new Int32Array(count);
  for (let i = 0; i < count; i++) y[i] = i % classes;
  rng.shuffle(y);
  const x = new Float64Array(count * 2);
  for (let i = 0; i < count; i++) x.set(draw(rng, y[i], classes, noise), i * 2);
  return { x, y, n: count, sampleShape: [2] };
}

function addNoise(rng: Random, [x, y]: Point, noise: number): Point {
  return [x + noise * rng.normal(), y + noise * rng.normal()];
}
