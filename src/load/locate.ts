import type { Document, LineCounter, Node, Pair } from 'yaml';
import type { JsonPath, Position, Range } from '../core/diagnostic.js';
import { yamlLib } from './yaml-lib.js';

/** Point at the value at the path (default) or, for a mapping entry, at its key. */
export type LocateTarget = 'value' | 'key';

/**
 * Maps a path inside the document to a 1-based range by walking the YAML AST. When the path
 * goes further than the document does (a missing key, an index past the end), the range is
 * that of the closest node that exists, which is where the user has to add something.
 */
export function locate(doc: Document, lineCounter: LineCounter, path: JsonPath, target: LocateTarget = 'value'): Range {
  const { isCollection, isMap, isScalar, isSeq } = yamlLib();
  const root = doc.contents;
  if (!root) return pointAt(lineCounter, 0);
  let node: Node = root;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i] as string | number;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = findPair(node.items, segment);
      if (!pair) break;
      const key = isScalar(pair.key) || isCollection(pair.key) ? (pair.key as Node) : undefined;
      const value = isNode(pair.value) ? pair.value : undefined;
      // A key without a value ("title:") has nothing else to point at.
      if (last && target === 'key' && key) return rangeOf(key, lineCounter);
      if (!value) return key ? rangeOf(key, lineCounter) : rangeOf(node, lineCounter);
      node = value;
    } else if (isSeq(node)) {
      const index = typeof segment === 'number' ? segment : Number(segment);
      const item = Number.isInteger(index) ? node.items[index] : undefined;
      if (!isNode(item)) break;
      node = item;
    } else {
      // A scalar or an alias: the path cannot go deeper through the text as written.
      break;
    }
  }
  return rangeOf(node, lineCounter);
}

/** Key → pair of each mapping looked into, so locating every key of a huge mapping stays linear. */
const pairIndexes = new WeakMap<readonly Pair<unknown, unknown>[], Map<string, Pair<unknown, unknown>>>();

function findPair(items: readonly Pair<unknown, unknown>[], segment: string | number): Pair<unknown, unknown> | undefined {
  const { isPair, isScalar } = yamlLib();
  let index = pairIndexes.get(items);
  if (!index) {
    index = new Map();
    for (const pair of items) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? String(pair.key.value) : typeof pair.key === 'string' ? pair.key : undefined;
      // The first occurrence wins, as in the data the validators saw.
      if (key !== undefined && !index.has(key)) index.set(key, pair);
    }
    pairIndexes.set(items, index);
  }
  return index.get(String(segment));
}

function isNode(value: unknown): value is Node {
  const { isAlias, isCollection, isScalar } = yamlLib();
  return isScalar(value) || isCollection(value) || isAlias(value);
}

/** Scalars and aliases span their text; a collection is marked at its first character. */
export function rangeOf(node: Node, lineCounter: LineCounter): Range {
  const { isCollection } = yamlLib();
  const [start = 0, valueEnd = start] = node.range ?? [];
  const from = toPosition(lineCounter, start);
  return shownRange(from, isCollection(node) ? undefined : toPosition(lineCounter, valueEnd));
}

/**
 * What a diagnostic shows of a node from `from` to `to`: that text when it is on one line, else
 * a point at its start, as for a collection (no `to`). A range across lines would underline a
 * whole block; the first line is enough. The fast locator (locate-fast.ts) shows ranges the same way.
 */
export function shownRange(from: Position, to: Position | undefined): Range {
  return to !== undefined && to.line === from.line ? { start: from, end: to } : { start: from, end: from };
}

export function pointAt(lineCounter: LineCounter, offset: number): Range {
  const at = toPosition(lineCounter, offset);
  return { start: at, end: at };
}

function toPosition(lineCounter: LineCounter, offset: number): Position {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}
