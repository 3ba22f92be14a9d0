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
 * Compiles one of our schemas in Ajv strict mode. Anything strict mode would only log (an
 * unknown keyword, a keyword without its type, ...) is thrown instead, so a schema that
 * compiles here is free of such mistakes.
 */
export function ownSchemaValidator(which: keyof typeof OWN_SCHEMAS): ValidateFunction {
  const fail = (...args: unknown[]): never => {
    throw new Error(`ajv (strict) on schema/${OWN_SCHEMAS[which]}: ${args.map(String).join(' ')}`);
  };
  const ajv = new Ajv({ allErrors: true, strict: true, logger: { log: () => {}, warn: fail, error: fail } });
  return ajv.compile(readOwnSchema(which));
}

export function coverageValidator(): ValidateFunction {
  return ownSchemaValidator('coverage');
}

export function diffValidator(): ValidateFunction {
  return ownSchemaValidator('diff');
}

export function sarifValidator(): ValidateFunction {
  const schema = JSON.parse(readFileSync(join(root, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  // The official schema is draft-04; Ajv 8 reads it once its `id` is spelled `$id`. Its
  // patterns are not valid with the u flag, hence unicodeRegExp: false.
  const { $schema: _, id, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'file:///'));
  ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
  return ajv.compile({ ...rest, $id: id });
}
