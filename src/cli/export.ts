import { writeOnnx } from '../export/onnx.js';
import { ONNX_OPSET } from '../export/onnx-graph.js';
import { trainerFromFile } from '../train/run.js';
import { checkReadable, checkWritable } from './paths.js';

export interface ExportFlags {
  weights: string;
  onnx: string;
  quiet?: boolean;
}

/**
 * `remedy export SPEC --weights W --onnx OUT`: builds the spec's network (its data fixes the
 * input shape and the classes), loads the weights strictly and writes the ONNX file atomically.
 */
export async function exportCommand(specFile: string, flags: ExportFlags): Promise<number> {
  checkReadable(flags.weights, '--weights');
  checkWritable(flags.onnx, '--onnx');
  const { model, spec } = await trainerFromFile(specFile, flags.weights);
  writeOnnx(flags.onnx, model, spec.name);
  if (!flags.quiet) {
    const shape = (s: readonly number[]) => `[batch, ${s.join(', ')}]`;
    console.log(`${flags.onnx}: ONNX opset ${ONNX_OPSET}, input "input" ${shape(model.inputShape)}, output "output" ${shape(model.layers[model.layers.length - 1].outputShape)}`);
  }
  return 0;
}
