import type { DataSplits } from '../data/index.js';
import type { Spec } from '../spec/schema.js';

/** What the doctor knows about a run before training it: the data and the network's shape. */
export interface RunFacts {
  classes: number;
  trainExamples: number;
  hasValidation: boolean;
  /** Largest |x| over the training inputs after normalisation. */
  inputMaxAbs: number;
  inputMean: number;
  inputStd: number;
  /** Image data ([C, H, W]): augmentation by rotation and shift applies. */
  images: boolean;
  /** One example's shape, what the first layer's fan-in follows from. */
  inputShape: readonly number[];
  /** Units of the narrowest hidden dense/maxout layer (null without hidden layers). */
  narrowestHidden: number | null;
  /** Dense, conv and maxout layers: the depth gradients must travel. */
  weightLayers: number;
  finalActivation: string;
}

export function runFacts(spec: Spec, data: DataSplits): RunFacts {
  const x = data.train.x;
  let max = 0;
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    max = Math.max(max, Math.abs(v));
    sum += v;
    sq += v * v;
  }
  const mean = sum / x.length;
  return {
    classes: data.classes,
    trainExamples: data.train.n,
    hasValidation: data.validation !== null,
    inputMaxAbs: max,
    inputMean: mean,
    inputStd: Math.sqrt(Math.max(sq / x.length - mean * mean, 0)),
    images: data.sampleShape.length === 3,
    inputShape: data.sampleShape,
    ...modelFacts(spec),
  };
}

/** The facts that depend on the network only: the same data facts, read again for an edited spec. */
export function modelFacts(spec: Spec): Pick<RunFacts, 'narrowestHidden' | 'weightLayers' | 'finalActivation'> {
  const layers = spec.model.layers;
  const hidden = layers.slice(0, -1).flatMap((L) => (L.type === 'dense' || L.type === 'maxout' ? [L.units] : []));
  const last = layers[layers.length - 1];
  return {
    narrowestHidden: hidden.length > 0 ? Math.min(...hidden) : null,
    weightLayers: layers.filter((L) => L.type === 'dense' || L.type === 'conv2d' || L.type === 'maxout').length,
    finalActivation: last.type === 'activation' ? last.fn : 'activation' in last ? last.activation : 'linear',
  };
}
