import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { repoPath } from '../testing/paths.js';
import { runSpecJsonSchema } from './json-schema.js';

test('the published JSON Schema is the one the zod schema generates (regenerate: remedy schema > schema/run-spec.schema.json)', () => {
  const published = JSON.parse(readFileSync(repoPath('schema/run-spec.schema.json'), 'utf8'));
  assert.deepEqual(published, JSON.parse(JSON.stringify(runSpecJsonSchema())));
});
