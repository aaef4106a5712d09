import { InputError } from '../errors.js';
import type { Spec } from '../spec/schema.js';
import { Random } from '../util/random.js';
import { ActivationLayer, activation } from './activation.js';
import { BatchNorm } from './batchnorm.js';
import { Conv2d } from './conv2d.js';
import { Dense } from './dense.js';
import { Dropout } from './dropout.js';
import { Flatten } from './flatten.js';
import type { Layer } from './layer.js';
import { MaxPool2d } from './maxpool2d.js';
import { Maxout } from './maxout.js';
import { Model } from './model.js';

const show = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/**
 * Builds the network of a spec for inputs of `inputShape`, initialised from the spec's seed.
 * Shapes are checked layer by layer, so a misfit is reported at the layer that causes it
 * (`model.layers[i]`) before any compute is spent.
 */
export function buildModel(spec: Pick<Spec, 'model' | 'seed'>, inputShape: readonly number[], classes: number, file: string): Model {
  const rng = Random.stream(spec.seed, 'init');
  const scheme = spec.model.init;
  const layers: Layer[] = [];
  let shape = inputShape;
  spec.model.layers.forEach((L, i) => {
    const where = `model.layers[${i}]`;
    const fail = (detail: string, field = ''): never => {
      throw new InputError(detail, file, field ? `${where}.${field}` : where);
    };
    const needImage = () => {
      if (shape.length !== 3) {
        fail(`${L.type} needs an image input [channels, height, width]; its input is ${show(shape)}` +
          (i === 0 ? ' (set data.inputShape, e.g. [1, 28, 28])' : ''));
      }
    };
    let layer: Layer;
    switch (L.type) {
      case 'dense':
        layer = new Dense(shape, L.units, activation(L.activation), scheme, rng);
        break;
      case 'conv2d':
        needImage();
        if (L.padding === 'same' && L.kernel % 2 === 0) fail('padding "same" needs an odd kernel', 'padding');
        if (L.padding === 'valid' && (L.kernel > shape[1] || L.kernel > shape[2])) {
          fail(`a ${L.kernel}x${L.kernel} kernel does not fit the ${shape[1]}x${shape[2]} input`, 'kernel');
        }
        layer = new Conv2d(shape, L, activation(L.activation), scheme, rng);
        break;
      case 'maxpool2d':
        needImage();
        if (L.size > shape[1] || L.size > shape[2]) fail(`a window of ${L.size} does not fit the ${shape[1]}x${shape[2]} input`, 'size');
        layer = new MaxPool2d(shape, L.size);
        break;
      case 'flatten':
        layer = new Flatten(shape);
        break;
      case 'dropout':
        layer = new Dropout(shape, L.rate, L.mode);
        break;
      case 'maxout':
        layer = new Maxout(shape, L.units, L.pieces, null, scheme, rng);
        break;
      case 'batchnorm':
        layer = new BatchNorm(shape, L.momentum, L.eps);
        break;
      case 'activation':
        layer = new ActivationLayer(shape, activation(L.fn, L.alpha));
        break;
    }
    if (layer.activation?.name === 'softmax' && layer.outputShape.length !== 1) {
      fail(`softmax needs a flat input; this layer's output is ${show(layer.outputShape)} (add a flatten layer)`);
    }
    layers.push(layer);
    shape = layer.outputShape;
  });
  // one unit for two classes is the binary classifier of Keras' Dense(1) (the loss reads it so)
  const binary = classes === 2 && shape.length === 1 && shape[0] === 1;
  if (!binary && (shape.length !== 1 || shape[0] !== classes)) {
    // point at the layer that sets the output width (a trailing activation or dropout does not)
    const sizing = spec.model.layers.findLastIndex((L) => 'units' in L);
    const unitsField = sizing >= 0 ? `model.layers[${sizing}].units` : `model.layers[${spec.model.layers.length - 1}]`;
    const needs = classes === 2 ? '2 units (or 1, a binary output)' : `${classes} units`;
    throw new InputError(`the network's output is ${show(shape)} but the data has ${classes} classes: the output layer needs ${needs}`, file, unitsField);
  }
  return new Model(layers, inputShape);
}
