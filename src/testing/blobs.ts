import { parseSpec } from '../spec/load.js';
import type { Spec } from '../spec/schema.js';

/**
 * The tests' smallest real run: 60 generated points in 3 blobs, one hidden ReLU layer of 8, SGD,
 * seed 1; `overrides` replace top-level fields (lr goes in `optimizer`).
 */
export function blobsSpec(overrides: Record<string, unknown> = {}): Spec {
  return parseSpec({
    seed: 1,
    data: { source: 'synthetic:blobs', samples: 60, classes: 3 },
    model: { layers: [{ type: 'dense', units: 8, activation: 'relu' }, { type: 'dense', units: 3 }] },
    optimizer: { type: 'sgd', lr: 0.1 },
    batchSize: 10,
    epochs: 3,
    ...overrides,
  });
}
