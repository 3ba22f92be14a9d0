import type { ErrorObject } from 'ajv';
import type { Code } from '../core/codes.js';
import type { JsonPath } from '../core/diagnostic.js';
import type { LocateTarget } from '../load/locate.js';
import { isRecord, valueAt } from '../core/data.js';
import { describeField, describeObject, quoteValue, SCHEMA_TYPE_WORDS, taggedName, typeName } from './describe.js';
import { didYouMean, orList } from './did-you-mean.js';
import { MODEL_STATUSES } from '../core/model.js';

/** A schema problem in words, before it is located in the YAML. */
export interface Finding {
  readonly code: Code;
  readonly path: JsonPath;
  readonly target?: LocateTarget;
  readonly message: string;
  readonly hint?: string;
  /** For merging several missing keys of one object into one message. */
  readonly subject?: string;
  readonly missing?: readonly string[];
}

/** The schema's pattern for text that must say something. */
const NON_BLANK = '\\S';

/** What the format's patterns mean, keyed by the pattern itself so the schema stays the source. */
const PATTERN_MEANINGS: Readonly<Record<string, { noun: string; hint: string }>> = {
  '^[a-z0-9][a-z0-9._-]*$': { noun: 'id', hint: 'ids are lower-case letters, digits, ".", "_" and "-", starting with a letter or digit' },
  '^D3A?-[A-Z0-9]+$': { noun: 'D3FEND id', hint: 'D3FEND ids look like D3-DENCR (`threatdoc d3fend search WORD` finds them)' },
  '^T[0-9]{4}(\\.[0-9]{3})?$': { noun: 'ATT&CK id', hint: 'ATT&CK ids look like T1055 or T1055.012' },
  // URL schemes are case-insensitive (RFC 3986) and schema patterns take no flags, hence the classes.
  '^([Hh][Tt][Tt][Pp][Ss]?://|[Mm][Aa][Ii][Ll][Tt][Oo]:)[^\\s<>`]+$': {
    noun: 'link',
    hint: 'links start with https://, http:// or mailto: and hold no spaces, "<", ">" or backticks',
  },
};

const LIBRARY_KEYS_HINT = 'a library holds assets, agents, mitigations and profiles; threats and sections belong in a model file';

/** Turns one ajv error into a finding, or undefined for errors that only restate others. */
export function schemaErrorToFinding(error: ErrorObject, root: unknown, suggest = true): Finding | undefined {
  const path = instancePath(error, root);
  const value = valueAt(root, path);
  const params = error.params as Record<string, unknown>;
  // ajv takes what a tag made (binary data, a timestamp, a set) for a mapping, since its typeof
  // is "object", and reports its missing keys, or every method of binary data as a key.
  if ((error.keyword === 'required' || error.keyword === 'additionalProperties') && taggedName(value) !== undefined) return notAMapping(root, path, value);
  switch (error.keyword) {
    case 'if':
      // "must match the else schema": the errors of that branch say what is actually wrong.
      return undefined;
    case 'required': {
      const key = String(params['missingProperty']);
      const subject = path.length === 0 && isRecord(root) && !Object.hasOwn(root, 'kind') && !Object.hasOwn(root, 'threatdoc') ? 'the file' : describeObject(root, path);
      const hint =
        key === 'threatdoc'
          ? 'a model file starts with "threatdoc: 1", the format version'
          : key === 'status'
            ? `add "status:" with one of ${orList(MODEL_STATUSES.map((s) => `"${s}"`))}`
            : undefined;
      return {
        code: 'schema-required',
        path,
        message: `${subject} is missing required key "${key}"`,
        subject,
        missing: [key],
        ...(hint ? { hint } : {}),
      };
    }
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      const allowed = Object.keys(propertiesOf(error.parentSchema));
      const suggestion = suggest ? didYouMean(key, allowed) : undefined;
      const inLibrary = path.length === 0 && isRecord(root) && root['kind'] === 'library' && (key === 'threats' || key === 'sections' || key === 'status');
      return {
        code: 'schema-unknown-key',
        path: [...path, key],
        target: 'key',
        message: `unknown key "${key}" in ${describeObject(root, path)}`,
        hint: inLibrary ? LIBRARY_KEYS_HINT : (suggestion ?? `allowed keys: ${allowed.join(', ')}`),
      };
    }
    case 'type': {
      const expected = String(params['type'])
        .split(',')
        .map((t) => SCHEMA_TYPE_WORDS[t] ?? t);
      if (path.length === 0) return notAMapping(root, path, value);
      return { code: 'schema-type', path, message: `${describeField(root, path)} must be ${orList(expected)}, not ${typeName(value)}` };
    }
    case 'enum':
    case 'const': {
      const allowed = error.keyword === 'enum' ? (params['allowedValues'] as unknown[]) : [params['allowedValue']];
      return enumFinding(path, root, value, allowed, suggest);
    }
    case 'pattern': {
      // The schema's rule for text that must say something: one character that is not blank.
      if (params['pattern'] === NON_BLANK) {
        return { code: 'schema-invalid', path, message: `${describeField(root, path)} must not be ${value === '' ? 'empty' : 'blank (it holds only spaces, tabs or line breaks)'}` };
      }
      const meaning = PATTERN_MEANINGS[String(params['pattern'])];
      return {
        code: 'schema-pattern',
        path,
        message: `${describeField(root, path)} is not a valid ${meaning?.noun ?? 'value'}: ${JSON.stringify(value)}`,
        hint: meaning?.hint ?? `it must match ${String(params['pattern'])}`,
      };
    }
    case 'maxLength':
      return {
        code: 'text-too-long',
        path,
        message: `${describeField(root, path)} is ${typeof value === 'string' ? codePoints(value) : '?'} characters long; the limit is ${String(params['limit'])}`,
        hint: 'shorten it, or move the detail into a document it links to',
      };
    case 'minLength':
      return { code: 'schema-invalid', path, message: `${describeField(root, path)} must not be empty` };
    case 'minItems':
      return {
        code: 'schema-invalid',
        path,
        message: `${describeField(root, path)} must list at least ${String(params['limit'])} item${params['limit'] === 1 ? '' : 's'}`,
        ...(path[path.length - 1] === 'profiles' ? { hint: 'leave "profiles" out to mean every profile' } : {}),
      };
    case 'uniqueItems': {
      const later = Math.max(Number(params['i']), Number(params['j']));
      const earlier = Math.min(Number(params['i']), Number(params['j']));
      const item = valueAt(root, [...path, later]);
      return {
        code: 'schema-invalid',
        path: [...path, later],
        message: `${describeField(root, path)} lists ${JSON.stringify(item)} twice (items ${earlier + 1} and ${later + 1})`,
        hint: 'remove the repeated item',
      };
    }
    default:
      return { code: 'schema-invalid', path, message: `${describeField(root, path)} ${error.message ?? 'is not valid'}` };
  }
}

/** The file, or an entry, where the format expects a mapping. */
function notAMapping(root: unknown, path: JsonPath, value: unknown): Finding {
  if (path.length > 0) return { code: 'schema-type', path, message: `${describeField(root, path)} must be a mapping, not ${typeName(value)}` };
  return {
    code: 'schema-type',
    path,
    message: value === null || value === undefined ? 'the file is empty' : `the file must hold a mapping, not ${typeName(value)}`,
    hint: 'a model file is a mapping that starts with "threatdoc: 1"',
  };
}

function enumFinding(path: JsonPath, root: unknown, value: unknown, allowed: readonly unknown[], suggest: boolean): Finding {
  const field = describeField(root, path);
  // "kind" is checked against the model branch's constant; both kinds are valid choices.
  const choices = path.length === 1 && path[0] === 'kind' ? ['model', 'library'] : allowed;
  const words = choices.map((c) => JSON.stringify(c));
  const suggestion = suggest && typeof value === 'string' ? didYouMean(value, choices.map(String)) : undefined;
  const message =
    choices.length === 1
      ? `${field} must be ${words[0] ?? ''}, not ${quoteValue(value)}`
      : `${field} is ${quoteValue(value)}; expected one of ${words.join(', ')}`;
  const hint = path.length === 1 && path[0] === 'threatdoc' ? 'this version of threatdoc reads format 1' : suggestion;
  return { code: 'schema-enum', path, message, ...(hint ? { hint } : {}) };
}

/**
 * Characters as maxLength counts them (ajv's ucs2length): an emoji, two UTF-16 units, is one.
 * `length` would call a title of 301 emoji 602 characters long against a limit of 300.
 */
function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

function propertiesOf(schema: unknown): Record<string, unknown> {
  return isRecord(schema) && isRecord(schema['properties']) ? schema['properties'] : {};
}

/** The instance path of an ajv error as path segments, array indexes as numbers. */
export function instancePath(error: ErrorObject, root: unknown): JsonPath {
  if (error.instancePath === '') return [];
  const path: (string | number)[] = [];
  let value: unknown = root;
  for (const raw of error.instancePath.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(value)) {
      const index = Number(segment);
      path.push(index);
      value = value[index];
    } else {
      path.push(segment);
      value = typeof value === 'object' && value !== null && Object.hasOwn(value, segment) ? (value as Record<string, unknown>)[segment] : undefined;
    }
  }
  return path;
}
