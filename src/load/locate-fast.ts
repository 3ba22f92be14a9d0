import { load, type State } from 'js-yaml';
import type { JsonPath, Range } from '../core/diagnostic.js';
import { shownRange, type LocateTarget } from './locate.js';
import { CORE_SCHEMA, nodeStart } from './parse-fast.js';
import { lineIndex } from './positions.js';

/**
 * Ranges in text the fast path read, found by reading it again with js-yaml and noting where
 * every node starts and ends, instead of building `yaml`'s tree of it: about 5 times faster,
 * and the spans kept are a small part of that tree's memory. With one problem in each file of
 * a 94 MB directory, `validate` took 53 s and 2.7 GB that way.
 *
 * The ranges are those locate.ts finds on `yaml`'s tree (test/load/parse-fast.test.ts holds
 * the two together). Where js-yaml's events do not line up with the data, as for a key
 * written without a value, this gives up and the caller asks `yaml`.
 */
export interface Locator {
  locate(path: JsonPath, target?: LocateTarget): Range;
}

/** A node's text: from its first character to the end of its last, blanks after it left out. */
interface Span {
  readonly start: number;
  readonly end: number;
}

type Located =
  | { readonly kind: 'scalar'; readonly span: Span }
  | { readonly kind: 'seq'; readonly span: Span; readonly items: readonly Located[] }
  | { readonly kind: 'map'; readonly span: Span; readonly pairs: ReadonlyMap<string, { readonly key: Located; readonly value: Located }> };

/** A node being read: where its events began, and each child: the value js-yaml made of it, and where it is. */
interface Frame {
  readonly open: number;
  readonly children: { readonly value: unknown; readonly located: Located }[];
}

/** Thrown inside the listener when the events cannot be matched to the data. */
class Misaligned extends Error {}

export function fastLocator(text: string): Locator | undefined {
  const frames: Frame[] = [];
  let root: Located | undefined;
  try {
    load(text, {
      schema: CORE_SCHEMA,
      listener: (event: string, state: State) => {
        if (event === 'open') {
          frames.push({ open: state.position, children: [] });
          return;
        }
        const frame = frames.pop() as Frame;
        const start = nodeStart(text, frame.open);
        const span = { start, end: contentEnd(text, start, state.position) };
        // An attempt that read nothing (a key looked for where the mapping ends): no node.
        if (span.end <= span.start) return;
        const value: unknown = state.result;
        const located = locatedNode(span, value, frame.children);
        const parent = frames[frames.length - 1];
        if (parent) parent.children.push({ value, located });
        else root = located;
      },
    });
  } catch {
    // Misaligned, or anything js-yaml refuses here though it read the file before.
    return undefined;
  }
  // An empty document: where yaml puts its empty node depends on markers this does not track.
  if (!root) return undefined;
  const top: Located = root;
  const at = lineIndex(text);
  const rangeOf = (node: Located): Range => {
    // yaml marks a collection, and a block scalar even when its text is empty, at its start.
    const point = node.kind !== 'scalar' || isBlockScalar(text.charCodeAt(node.span.start));
    return shownRange(at(node.span.start), point ? undefined : at(node.span.end));
  };
  return {
    locate(path, target = 'value') {
      let node = top;
      for (let i = 0; i < path.length; i++) {
        const segment = String(path[i]);
        if (node.kind === 'map') {
          const pair = node.pairs.get(segment);
          if (!pair) break;
          if (i === path.length - 1 && target === 'key') return rangeOf(pair.key);
          node = pair.value;
        } else if (node.kind === 'seq') {
          const item = node.items[Number(segment)];
          if (!item) break;
          node = item;
        } else {
          break;
        }
      }
      return rangeOf(node);
    },
  };
}

/**
 * The node as its children describe it. Each child must be the value js-yaml put in the
 * collection, in order, or the events are not what this reading of them expects.
 */
function locatedNode(span: Span, value: unknown, children: Frame['children']): Located {
  // Children of a scalar are attempts that came to nothing: js-yaml reads a plain scalar as
  // a possible mapping key first.
  if (typeof value !== 'object' || value === null) return { kind: 'scalar', span };
  if (Array.isArray(value)) {
    if (children.length !== value.length) throw new Misaligned();
    children.forEach((child, i) => {
      if (!Object.is(child.value, value[i])) throw new Misaligned();
    });
    return { kind: 'seq', span, items: children.map((child) => child.located) };
  }
  const record = value as Record<string, unknown>;
  if (children.length !== 2 * Object.keys(record).length) throw new Misaligned();
  const pairs = new Map<string, { key: Located; value: Located }>();
  for (let i = 0; i < children.length; i += 2) {
    const key = children[i]!;
    const item = children[i + 1]!;
    const name = String(key.value);
    if (pairs.has(name) || !Object.hasOwn(record, name) || !Object.is(record[name], item.value)) throw new Misaligned();
    pairs.set(name, { key: key.located, value: item.located });
  }
  return { kind: 'map', span, pairs };
}

/** The end of a node's text: blanks and line breaks js-yaml read past are not part of it. */
function contentEnd(text: string, start: number, end: number): number {
  let i = end;
  while (i > start) {
    const c = text.charCodeAt(i - 1);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
    i--;
  }
  return i;
}

/** "|" or ">": only a block scalar starts with either. */
function isBlockScalar(c: number): boolean {
  return c === 0x7c || c === 0x3e;
}
