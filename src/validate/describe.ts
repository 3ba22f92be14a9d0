import { isRecord, shorten, valueAt } from '../core/data.js';
import type { JsonPath } from '../core/diagnostic.js';

/** Lists of entries in a model file, and what one entry is called in messages. */
const ENTRY_NOUNS: Readonly<Record<string, string>> = {
  threats: 'threat',
  assets: 'asset',
  agents: 'agent',
  mitigations: 'mitigation',
  profiles: 'profile',
  sections: 'section',
  references: 'reference',
};

/**
 * Names the object at `path` as a reader of the file would: `the model`, `threat "disk-mod"`,
 * `reference 2 of mitigation "fde"`, `the risk of threat "disk-mod"`.
 */
export function describeObject(root: unknown, path: JsonPath): string {
  if (path.length === 0) return isRecord(root) && root['kind'] === 'library' ? 'the library' : 'the model';
  const last = path[path.length - 1];
  const parentPath = path.slice(0, -1);
  const listKey = parentPath[parentPath.length - 1];
  if (typeof last === 'number' && typeof listKey === 'string') {
    const noun = ENTRY_NOUNS[listKey] ?? `item of "${listKey}"`;
    const id = valueAt(root, [...path, 'id']);
    const name = typeof id === 'string' && id !== '' ? `${noun} "${shorten(id)}"` : `${noun} ${last + 1}`;
    const owner = parentPath.slice(0, -1);
    return owner.length === 0 ? name : `${name} of ${describeObject(root, owner)}`;
  }
  return `${describeField(root, path)}`;
}

/** Names a value by its key and owner: `"status" of the model`, `"stride" item 2 of threat "x"`. */
export function describeField(root: unknown, path: JsonPath): string {
  if (path.length === 0) return 'the file';
  const last = path[path.length - 1];
  const parentPath = path.slice(0, -1);
  if (typeof last === 'number') {
    const listKey = parentPath[parentPath.length - 1];
    const owner = parentPath.slice(0, -1);
    return `"${String(listKey)}" item ${last + 1} of ${describeObject(root, owner)}`;
  }
  return `"${last}" of ${describeObject(root, parentPath)}`;
}

/**
 * What an explicit YAML tag made of a value, in words: yaml's toJS gives a Buffer for !!binary,
 * a Date for !!timestamp, a Set for !!set, a Map for !!omap and a symbol for !!merge. None is
 * JSON data, and each would otherwise read as "a mapping" or print as "{}".
 */
export function taggedName(value: unknown): string | undefined {
  if (value instanceof Uint8Array) return 'binary data (!!binary)';
  if (value instanceof Date) return 'a timestamp (!!timestamp)';
  if (value instanceof Set) return 'a set (!!set)';
  if (value instanceof Map) return 'an ordered mapping (!!omap)';
  if (typeof value === 'symbol') return 'a merge key (!!merge)';
  return undefined;
}

/** A value as a message quotes it: JSON for data, words for what a tag made. */
export function quoteValue(value: unknown): string {
  return taggedName(value) ?? JSON.stringify(value) ?? 'empty';
}

/** A value's JSON type in words, for "must be a list, not a string". */
export function typeName(value: unknown): string {
  const tagged = taggedName(value);
  if (tagged !== undefined) return tagged;
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return Number.isInteger(value) ? 'an integer' : 'a number';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'a mapping';
    default:
      return typeof value;
  }
}

/** JSON Schema type names in words. */
export const SCHEMA_TYPE_WORDS: Readonly<Record<string, string>> = {
  array: 'a list',
  object: 'a mapping',
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  null: 'empty',
};

