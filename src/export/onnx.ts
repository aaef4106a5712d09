import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { writeFileAtomic } from '../io/atomic.js';
import type { Model } from '../nn/model.js';
import { ONNX_BATCH, ONNX_INPUT, ONNX_OPSET, ONNX_OUTPUT, onnxGraph, type OnnxTensor } from './onnx-graph.js';

/** IR version 8: ONNX 1.12, the release of opset 17 (onnx/onnx docs/Versioning.md). */
const IR_VERSION = 8;

/** ONNX's message schema (the official field numbers; see the file's header). */
const schemaFile = fileURLToPath(new URL('../../schema/onnx.proto', import.meta.url));
let schema: protobuf.Root | undefined;

/**
 * The model as an ONNX file (opset 17): input `input` [batch, ...inputShape] float32, the values
 * the network receives (after the spec's data.normalize), output `output` [batch, classes].
 */
export function onnxModelBytes(model: Model, name = 'remedy'): Uint8Array {
  schema ??= protobuf.loadSync(schemaFile);
  const dataType = schema.lookupEnum('onnx.TensorProto.DataType').values;
  const attributeType = schema.lookupEnum('onnx.AttributeProto.AttributeType').values;
  const tensorType = (shape: readonly number[]) => ({
    tensorType: {
      elemType: dataType.FLOAT,
      shape: { dim: [{ dimParam: ONNX_BATCH }, ...shape.map((d) => ({ dimValue: d }))] },
    },
  });
  const initializer = (t: OnnxTensor) =>
    t.floatData !== undefined
      ? { name: t.name, dims: t.dims, dataType: dataType.FLOAT, floatData: t.floatData }
      : { name: t.name, dims: t.dims, dataType: dataType.INT64, int64Data: t.int64Data };
  const graph = onnxGraph(model);
  // encoded as plain objects: fromObject would copy every weight into an Array first
  return schema.lookupType('onnx.ModelProto').encode({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'remedy',
    docString: "input: the network's input after the run spec's data.normalize; output: the network's output in evaluation mode",
    graph: {
      name,
      node: graph.nodes.map((n) => ({ ...n, attribute: n.attribute.map((a) => ({ ...a, type: attributeType[a.type] })) })),
      initializer: graph.initializers.map(initializer),
      input: [{ name: ONNX_INPUT, type: tensorType(graph.inputShape) }],
      output: [{ name: ONNX_OUTPUT, type: tensorType(graph.outputShape) }],
    },
  }).finish();
}

/** Writes the ONNX file atomically: a failed write leaves no partial file. */
export function writeOnnx(path: string, model: Model, name?: string): void {
  writeFileAtomic(path, onnxModelBytes(model, name));
}
