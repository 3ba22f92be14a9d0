import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { REPO_ROOT } from './cli.js';

let validate: ValidateFunction | undefined;

/**
 * The official SARIF 2.1.0 schema (shipped by @microsoft/jest-sarif) as an ajv validator.
 * It is written in draft-04, which ajv 8 does not load; its only draft-04 keyword is the
 * top-level "id", so it is read as draft-07 with that renamed to "$id".
 */
export function sarifValidator(): ValidateFunction {
  if (!validate) {
    const path = `${REPO_ROOT}node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json`;
    const { $schema: _draft, id, ...schema } = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    validate = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false }).compile({ ...schema, $id: id });
  }
  return validate;
}
