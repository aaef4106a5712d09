import type { Spec } from '../spec/schema.js';
import type { Diagnosis } from './diagnosis.js';
import { linearHidden, normalizeInputs, outputActivation, outputUnits, saneLearningRates } from './edits.js';
import type { RunFacts } from './facts.js';
import { worstInitScale } from './init-scale.js';
import { DEFAULT_THRESHOLDS, type Thresholds } from './thresholds.js';

/**
 * Mistakes that can be read off the spec and the data before training, the ones real posts make
 * (the buggy programs AUTOTRAINER, DeepLocalize and DeepFD studied): an output that does not fit
 * cross-entropy or a softmax over one unit, hidden layers without a non-linearity, raw pixels, a learning rate outside any
 * sane range,
 * initial weights far from the fan-in scale of their layer. Each is a diagnosis with its evidence,
 * so the repairs for it are raced.
 */
export function specMistakes(spec: Spec, facts: RunFacts, t: Thresholds = DEFAULT_THRESHOLDS): Diagnosis[] {
  const found: Diagnosis[] = [];
  const output = outputActivation(spec);
  if (output === 'softmax' && outputUnits(spec) === 1) {
    found.push({
      symptom: 'output_activation',
      phase: 'train',
      evidence: { loss: spec.loss, outputActivation: output, outputUnits: 1 },
      explanation: 'a softmax over one unit is always 1, whatever the input: the network cannot tell the classes apart',
    });
  } else if (spec.loss === 'cross_entropy' && output !== 'softmax' && output !== 'linear') {
    found.push({
      symptom: 'output_activation',
      phase: 'train',
      evidence: { loss: spec.loss, outputActivation: output },
      explanation: `cross-entropy reads the outputs as logits; a ${output} output ${output === 'relu' ? 'cuts the negative ones to 0, and a class whose unit dies cannot be predicted' : 'squashes them into a narrow range'}`,
    });
  }
  const linear = linearHidden(spec);
  if (linear.length > 0) {
    found.push({
      symptom: 'linear_hidden',
      phase: 'train',
      evidence: { layers: linear.join(', '), count: linear.length },
      explanation: `hidden layer${linear.length > 1 ? 's' : ''} ${linear.join(', ')} ha${linear.length > 1 ? 've' : 's'} no non-linearity: stacked linear layers are one linear model`,
    });
  }
  if (normalizeInputs.apply(spec, facts) !== null) {
    found.push({
      symptom: 'input_range',
      phase: 'train',
      evidence: { inputMaxAbs: Number(facts.inputMaxAbs.toPrecision(4)), normalize: spec.data.normalize ?? null },
      explanation: `inputs reach ${facts.inputMaxAbs.toPrecision(3)} with normalisation ${spec.data.normalize ?? 'off'}: ${facts.images ? 'raw 0-255 pixels' : 'unscaled features'} saturate units and distort the steps`,
    });
  }
  const sane = saneLearningRates(spec.optimizer);
  const lr = spec.optimizer.lr;
  if (sane !== null && (lr < sane.low || lr > sane.high)) {
    found.push({
      symptom: 'learning_rate_range',
      phase: 'train',
      evidence: { optimizer: spec.optimizer.type, lr, saneLow: sane.low, saneHigh: sane.high },
      explanation: `a learning rate of ${lr} is ${lr < sane.low ? 'below' : 'above'} any usual one for ${spec.optimizer.type} (${sane.low} to ${sane.high})`,
    });
  }
  const init = worstInitScale(spec, facts.inputShape, facts.classes);
  if (init !== null && (init.ratio > t.initScaleFactor || init.ratio < 1 / t.initScaleFactor)) {
    const round = (v: number) => Number(v.toPrecision(3));
    found.push({
      symptom: 'init_scale',
      phase: 'train',
      evidence: { layer: init.layer, initStd: init.std, fanIn: init.fanIn, fanInStd: round(init.expected), ratio: round(init.ratio), factorThreshold: t.initScaleFactor },
      explanation: `initial weights N(0, ${init.std}²) are ${init.ratio > 1 ? `${round(init.ratio)} times` : `1/${round(1 / init.ratio)} of`} the fan-in scale ${round(init.expected)} of layer ${init.layer} (fan-in ${init.fanIn}): the signal ${init.ratio > 1 ? 'grows' : 'shrinks'} that much in every layer, so units saturate or the outputs start confidently wrong${init.ratio > 1 ? '' : ' or near zero, and gradients vanish'}`,
    });
  }
  return found;
}
