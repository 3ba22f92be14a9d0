/** Validators for the coverage JSON (our schema) and SARIF output (the official 2.1.0 schema). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';

const root = join(import.meta.dirname, '../..');

export function coverageValidator(): ValidateFunction {
  const schema = JSON.parse(readFileSync(join(root, 'schema/coverage-report.schema.json'), 'utf8'));
  return new Ajv({ allErrors: true, strict: true }).compile(schema);
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
