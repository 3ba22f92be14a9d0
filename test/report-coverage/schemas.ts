/**
 * Validators for our own JSON outputs (the coverage report and the model diff, each against
 * its published schema) and for SARIF output (the official 2.1.0 schema).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';

const root = join(import.meta.dirname, '../..');

/** The published schemas of schema/, by file name. */
export const OWN_SCHEMAS = {
  coverage: 'coverage-report.schema.json',
  diff: 'model-diff.schema.json',
} as const;

export function readOwnSchema(which: keyof typeof OWN_SCHEMAS): Record<string, unknown> {
  return JSON.parse(readFileSync(join(root, 'schema', OWN_SCHEMAS[which]), 'utf8'));
}

/**
 * One of our schemas in Ajv strict mode, which refuses to compile an unknown keyword, a
 * keyword without its type or an unknown format: a schema that compiles is free of them.
 */
export function ownSchemaValidator(which: keyof typeof OWN_SCHEMAS): ValidateFunction {
  return new Ajv({ allErrors: true, strict: true }).compile(readOwnSchema(which));
}

export function coverageValidator(): ValidateFunction {
  return ownSchemaValidator('coverage');
}

export function diffValidator(): ValidateFunction {
  return ownSchemaValidator('diff');
}

export { sarifValidator } from '../helpers/sarif.js';
