import { z } from 'zod';
import { specSchema } from './schema.js';

/**
 * The run spec as JSON Schema (draft 2020-12), generated from the zod schema so the two cannot
 * drift: `remedy schema` prints it, `schema/run-spec.schema.json` is a copy a test keeps equal.
 * It describes the input form (defaults optional), for editors and outside tools.
 */
export function runSpecJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(specSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'remedy run spec',
    description: 'One training run: data, network, loss, optimizer, batch size, epochs. See docs/run-spec.md.',
  };
}
