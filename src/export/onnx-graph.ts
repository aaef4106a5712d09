import { SELU_ALPHA, SELU_SCALE } from '../backend/reference/unary.js';
import type { Activation } from '../nn/activation.js';
import { BatchNorm } from '../nn/batchnorm.js';
import { Conv2d } from '../nn/conv2d.js';
import { Dense } from '../nn/dense.js';
import { Dropout } from '../nn/dropout.js';
import type { Layer } from '../nn/layer.js';
import { MaxPool2d } from '../nn/maxpool2d.js';
import { Maxout } from '../nn/maxout.js';
import type { Model } from '../nn/model.js';
import type { Tensor } from '../tensor/tensor.js';

/** The operator set the graphs use: ONNX 1.12's, PyTorch's default export opset. */
export const ONNX_OPSET = 17;
export const ONNX_INPUT = 'input';
export const ONNX_OUTPUT = 'output';
/** The symbolic batch dimension of the input and output. */
export const ONNX_BATCH = 'batch';

export type OnnxAttribute =
  | { name: string; type: 'INT'; i: number }
  | { name: string; type: 'FLOAT'; f: number }
  | { name: string; type: 'INTS'; ints: number[] };

export interface OnnxNode {
  name: string;
  opType: string;
  input: string[];
  output: string[];
  attribute: OnnxAttribute[];
}

/** An initializer: float32 (`floatData`) or int64 (`int64Data`, shapes for Reshape). */
export interface OnnxTensor {
  name: string;
  dims: number[];
  floatData?: Float32Array;
  int64Data?: number[];
}

/** The graph as plain data, in the field names of onnx.proto (protobufjs' camel case). */
export interface OnnxGraph {
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
  inputShape: readonly number[];
  outputShape: readonly number[];
}

const ints = (name: string, values: number[]): OnnxAttribute => ({ name, type: 'INTS', ints: values });

/** Collects nodes and initializers; each value gets a unique name derived from its layer. */
class GraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];

  /** A parameter or buffer under its PyTorch name (`layers.0.weight`). */
  tensor(name: string, t: Tensor): string {
    this.initializers.push({ name, dims: [...t.shape], floatData: t.data });
    return name;
  }

  constant(name: string, dims: number[], value: Float32Array | number[]): string {
    this.initializers.push(value instanceof Float32Array ? { name, dims, floatData: value } : { name, dims, int64Data: value });
    return name;
  }

  node(name: string, opType: string, input: string[], attribute: OnnxAttribute[] = []): string {
    this.nodes.push({ name, opType, input, output: [name], attribute });
    return name;
  }
}

/**
 * The network as standard ONNX operators, computing what `Model.forward` computes in evaluation
 * mode with every activation applied (softmax probabilities when the network ends in softmax):
 * batchnorm with its running statistics, dropout as remedy evaluates it (the identity, or ×(1 − p)
 * in the classic form).
 */
export function onnxGraph(model: Model): OnnxGraph {
  const g = new GraphBuilder();
  let value = ONNX_INPUT;
  let shape = model.inputShape;
  model.layers.forEach((layer, i) => {
    value = layerNodes(g, layer, `layers.${i}`, value, shape);
    if (layer.activation !== null) value = activationNode(g, layer.activation, `layers.${i}.${layer.activation.name}`, value);
    shape = layer.outputShape;
  });
  // every layer's value is its last node's output (a network of linear activations alone has none)
  if (g.nodes.length === 0) g.node('identity', 'Identity', [value]);
  g.nodes[g.nodes.length - 1].output = [ONNX_OUTPUT];
  return { nodes: g.nodes, initializers: g.initializers, inputShape: model.inputShape, outputShape: shape };
}

/** The layer's own op(s) on `x` (of `shape`, without the batch); returns the output's name. */
function layerNodes(g: GraphBuilder, layer: Layer, prefix: string, x: string, shape: readonly number[]): string {
  // Gemm takes a matrix: dense and maxout flatten a non-flat input, as they do in remedy
  const flat = () => (shape.length > 1 ? g.node(`${prefix}.flatten`, 'Flatten', [x], [{ name: 'axis', type: 'INT', i: 1 }]) : x);
  const gemm = (l: Dense | Maxout) =>
    g.node(`${prefix}.gemm`, 'Gemm', [flat(), g.tensor(`${prefix}.weight`, l.weight), g.tensor(`${prefix}.bias`, l.bias)], [{ name: 'transB', type: 'INT', i: 1 }]);
  if (layer instanceof Dense) return gemm(layer);
  if (layer instanceof Maxout) {
    const units = layer.outputShape[0];
    // [N, units·pieces] → [N, units, pieces] (0 keeps the batch size), the max over the pieces
    const grouped = g.node(`${prefix}.pieces`, 'Reshape', [gemm(layer), g.constant(`${prefix}.pieces_shape`, [3], [0, units, layer.pieces])]);
    return g.node(`${prefix}.max`, 'ReduceMax', [grouped], [ints('axes', [2]), { name: 'keepdims', type: 'INT', i: 0 }]);
  }
  if (layer instanceof Conv2d) {
    const k = layer.weight.shape[2];
    return g.node(`${prefix}.conv`, 'Conv', [x, g.tensor(`${prefix}.weight`, layer.weight), g.tensor(`${prefix}.bias`, layer.bias)], [
      ints('kernel_shape', [k, k]),
      ints('strides', [layer.stride, layer.stride]),
      ints('pads', [layer.pad, layer.pad, layer.pad, layer.pad]),
    ]);
  }
  if (layer instanceof MaxPool2d) {
    return g.node(`${prefix}.maxpool`, 'MaxPool', [x], [ints('kernel_shape', [layer.size, layer.size]), ints('strides', [layer.size, layer.size])]);
  }
  if (layer instanceof BatchNorm) {
    const inputs = [x, ...[...layer.parameters, ...layer.buffers].map(([name, t]) => g.tensor(`${prefix}.${name}`, t))];
    return g.node(`${prefix}.batchnorm`, 'BatchNormalization', inputs, [{ name: 'epsilon', type: 'FLOAT', f: layer.eps }]);
  }
  if (layer instanceof Dropout) {
    if (layer.mode === 'inverted' || layer.rate === 0) return g.node(`${prefix}.dropout`, 'Identity', [x]);
    return g.node(`${prefix}.dropout`, 'Mul', [x, g.constant(`${prefix}.keep`, [], new Float32Array([1 - layer.rate]))]);
  }
  if (layer.type === 'flatten') return g.node(`${prefix}.flatten`, 'Flatten', [x], [{ name: 'axis', type: 'INT', i: 1 }]);
  if (layer.type === 'activation') return x;
  throw new Error(`no ONNX form for layer type ${layer.type}`);
}

function activationNode(g: GraphBuilder, a: Activation, name: string, x: string): string {
  switch (a.name) {
    case 'sigmoid':
      return g.node(name, 'Sigmoid', [x]);
    case 'tanh':
      return g.node(name, 'Tanh', [x]);
    case 'relu':
      return g.node(name, 'Relu', [x]);
    case 'leaky_relu':
      return g.node(name, 'LeakyRelu', [x], [{ name: 'alpha', type: 'FLOAT', f: a.alpha! }]);
    case 'elu':
      return g.node(name, 'Elu', [x], [{ name: 'alpha', type: 'FLOAT', f: a.alpha! }]);
    case 'selu':
      return g.node(name, 'Selu', [x], [
        { name: 'alpha', type: 'FLOAT', f: SELU_ALPHA },
        { name: 'gamma', type: 'FLOAT', f: SELU_SCALE },
      ]);
    case 'softplus':
      return g.node(name, 'Softplus', [x]);
    case 'softmax':
      return g.node(name, 'Softmax', [x], [{ name: 'axis', type: 'INT', i: -1 }]);
    case 'linear':
      return x;
  }
}
