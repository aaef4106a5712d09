import type { Spec } from '../spec/schema.js';
import type { Diagnosis } from './diagnosis.js';
import { linearHidden, normalizeInputs, outputActivation, outputUnits, saneLearningRates } from './edits.js';
import type { RunFacts } from './facts.js';

/**
 * Mistakes that can be read off the spec and the data before training, the ones real posts make
 * (the buggy programs AUTOTRAINER, DeepLocalize and DeepFD studied): an output that does not fit
 * cross-entropy or a softmax over one unit, hidden layers without a non-linearity, raw pixels, a learning rate outside any
 * sane range. Each is a diagnosis with its evidence, so the repairs for it are raced.
 */
export function specMistakes(spec: Spec, facts: RunFacts): Diagnosis[] {
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
  return found;
}
