import type { ErrorObject } from 'ajv';
import { valueAt } from '../core/data.js';
import { describeField } from './describe.js';
import { instancePath, type Finding } from './messages.js';

/** The schema's pattern for text that must say something: one character that is not blank. */
export const NON_BLANK = '\\S';

/**
 * Words the schema's text rules that messages.ts's table of pattern meanings does not
 * know, for the errors it would otherwise word as "does not match \S".
 */
export function textRuleFinding(error: ErrorObject, root: unknown): Finding | undefined {
  if (error.keyword !== 'pattern' || (error.params as { pattern?: unknown }).pattern !== NON_BLANK) return undefined;
  const path = instancePath(error, root);
  const field = describeField(root, path);
  const message = valueAt(root, path) === '' ? `${field} must not be empty` : `${field} must not be blank (it holds only spaces, tabs or line breaks)`;
  return { code: 'schema-invalid', path, message };
}
