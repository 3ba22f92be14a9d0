import type { ErrorObject } from 'ajv';
import { valueAt } from '../core/data.js';
import { describeField } from './describe.js';
import { instancePath, type Finding } from './messages.js';

/** The schema's pattern for text that must say something: one character that is not blank. */
export const NON_BLANK = '\\S';

/**
 * The schema's pattern for links. URL schemes are case-insensitive (RFC 3986), and JSON
 * Schema patterns take no flags, hence the classes; src/render/urls.ts emits the same set.
 */
export const LINK = '^([Hh][Tt][Tt][Pp][Ss]?://|[Mm][Aa][Ii][Ll][Tt][Oo]:)[^\\s<>`]+$';

/**
 * Words the schema's text rules that messages.ts's table of pattern meanings does not
 * know, for the errors it would otherwise word as "does not match \S".
 */
export function textRuleFinding(error: ErrorObject, root: unknown): Finding | undefined {
  if (error.keyword !== 'pattern') return undefined;
  const pattern = (error.params as { pattern?: unknown }).pattern;
  if (pattern !== NON_BLANK && pattern !== LINK) return undefined;
  const path = instancePath(error, root);
  const field = describeField(root, path);
  const value = valueAt(root, path);
  if (pattern === LINK) {
    return {
      code: 'schema-pattern',
      path,
      message: `${field} is not a valid link: ${JSON.stringify(value)}`,
      hint: 'links start with https://, http:// or mailto: and hold no spaces, "<", ">" or backticks',
    };
  }
  const message = value === '' ? `${field} must not be empty` : `${field} must not be blank (it holds only spaces, tabs or line breaks)`;
  return { code: 'schema-invalid', path, message };
}
