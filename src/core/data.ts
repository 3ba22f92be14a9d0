import type { JsonPath } from './diagnostic.js';

/** A mapping of plain data: an object that is not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a path of plain data; own properties only, so "__proto__" is just a key. */
export function valueAt(root: unknown, path: JsonPath): unknown {
  let value = root;
  for (const segment of path) {
    if (Array.isArray(value) && typeof segment === 'number') value = value[segment];
    else if (isRecord(value) && Object.hasOwn(value, String(segment))) value = value[String(segment)];
    else return undefined;
  }
  return value;
}

/** Ids in messages are cut short: a 5,000-character id would drown the message itself. */
export function shorten(id: string): string {
  return id.length > 40 ? `${id.slice(0, 40)}…` : id;
}
