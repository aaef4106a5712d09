import { buildModel } from '../nn/build.js';
import type { Spec } from '../spec/schema.js';

/** The fan-in scale a weight layer's initial weights should have, and what the spec sets. */
export interface InitScale {
  /** Index in model.layers. */
  layer: number;
  fanIn: number;
  std: number;
  /** He's √(2/fan-in) before ReLU-like units, LeCun's √(1/fan-in) otherwise (Glorot's, for a square layer). */
  expected: number;
  ratio: number;
}

/** Activations He's scale was made for. */
export const RELU_LIKE: ReadonlySet<string> = new Set(['relu', 'leaky_relu', 'elu']);

/**
 * The weight layer whose hand-set initial scale is furthest, by ratio, from the fan-in scale of
 * its activation (He et al. 2015; Glorot & Bengio 2010): a signal that grows or shrinks by that
 * ratio in every layer explodes or vanishes with depth. Null for the named schemes (they are
 * the fan-in scale) and for networks without weight layers.
 */
export function worstInitScale(spec: Spec, inputShape: readonly number[], classes: number): InitScale | null {
  const init = spec.model.init;
  if (typeof init !== 'object' || inputShape.length === 0) return null;
  const model = buildModel(spec, inputShape, classes, 'init-scale');
  let worst: InitScale | null = null;
  model.layers.forEach((layer, i) => {
    const weight = layer.parameters.get('weight');
    if (weight === undefined || layer.type === 'batchnorm') return;
    const fanIn = weight.shape.slice(1).reduce((a, b) => a * b, 1);
    // a linear weight layer followed by an activation layer (dense → batchnorm → relu) takes that one's gain
    const next = model.layers.slice(i + 1).find((L) => L.parameters.has('weight') || L.activation !== null);
    const fn = layer.activation?.name ?? (next !== undefined && !next.parameters.has('weight') ? next.activation?.name : undefined);
    const expected = Math.sqrt((fn !== undefined && RELU_LIKE.has(fn) ? 2 : 1) / fanIn);
    const ratio = init.normal / expected;
    if (worst === null || Math.abs(Math.log(ratio)) > Math.abs(Math.log(worst.ratio))) worst = { layer: i, fanIn, std: init.normal, expected, ratio };
  });
  return worst;
}
