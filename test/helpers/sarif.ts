import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { REPO_ROOT } from './cli.js';

let validate: ValidateFunction | undefined;

/**
 * The official SARIF 2.1.0 schema (shipped by @microsoft/jest-sarif) as an ajv validator.
 * It is written in draft-04, which ajv 8 does not load; its only draft-04 keyword is the
 * top-level "id", so it is read as draft-07 with that renamed to "$id". The formats it
 * names (uri, uri-reference, date-time) are checked.
 */
export function sarifValidator(): ValidateFunction {
  if (!validate) {
    const path = `${REPO_ROOT}node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json`;
    const { $schema: _draft, id, ...schema } = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    // Its patterns are not valid with the u flag, hence unicodeRegExp: false.
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    ajv.addFormat('uri', (value: string) => URL.canParse(value));
    ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'file:///'));
    ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
    validate = ajv.compile({ ...schema, $id: id });
  }
  return validate;
}
