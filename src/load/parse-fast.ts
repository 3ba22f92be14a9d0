import { FAILSAFE_SCHEMA, load, Type, type State } from 'js-yaml';
import { LIMITS } from './limits.js';
import { isSpace, prescan, type Prescan } from './prescan.js';

/**
 * The fast way to read a model file: js-yaml reads the 1 MB benchmark directory about six
 * times faster than `yaml`, which is most of a clean run. It only answers for text whose
 * data it is known to read exactly as `yaml` does (docs/adr/0006); for anything else it
 * returns undefined and the caller takes the `yaml` path, which owns every diagnostic.
 * test/load/parse-fast.test.ts holds the two to the same data on generated text.
 */
export interface FastParse {
  readonly value: unknown;
  /** Offset where each mapping and sequence of `value` starts, as `yaml` ranges it. */
  readonly starts: ReadonlyMap<object, number>;
}

/** `scan` is the text's prescan, which the caller may already hold. */
export function fastParse(text: string, scan: Prescan = prescan(text)): FastParse | undefined {
  const suspects = divergentSpans(text);
  if (suspects === undefined) return undefined;
  // Runaway nesting and node counts get their diagnostics on the yaml path; so do flow collections and quoted
  // strings across lines, whose indentation rules js-yaml does not enforce.
  if (scan.overLimit !== undefined || scan.flowSpansLines || scan.quoteUnderIndented) return undefined;
  const opened: number[] = [];
  const starts = new Map<object, number>();
  /** Content of block scalars, as [start, end) pairs of whole lines; noted only when there are suspects. */
  const blocks: number[] = [];
  let deepest = 0;
  let nullKey = false;
  try {
    const value = load(text, {
      schema: CORE_SCHEMA,
      // Nodes open before their leading blanks and comments are skipped; the start is found below.
      listener: (event: string, state: State) => {
        if (event === 'open') {
          opened.push(state.position);
          if (opened.length > deepest) deepest = opened.length;
          return;
        }
        const at = opened.pop() as number;
        const node: unknown = state.result;
        if (typeof node !== 'object' || node === null) {
          if (suspects.length > 0 && typeof node === 'string') noteBlockContent(text, nodeStart(text, at), state.position, blocks);
          return;
        }
        starts.set(node, nodeStart(text, at));
        if (hasNullKey(node, starts)) nullKey = true;
      },
    });
    // Nesting near the limit gets the exact depth check and its diagnostic on the yaml path.
    if (deepest > LIMITS.maxDepth / 2 || nullKey) return undefined;
    if (!allInside(suspects, blocks)) return undefined;
    // An empty document: yaml's toJS gives null.
    return { value: value === undefined ? null : value, starts };
  } catch {
    // Duplicate keys, syntax errors, several documents, anything: yaml says what is wrong.
    return undefined;
  }
}

/**
 * Text features where js-yaml and `yaml` part ways, or that the limits must see on `yaml`'s
 * AST: anchors and aliases (the alias budget) and tags, where a node can start (at a line's
 * indent, after "- ", "? " or ": ", after "[", "{" or ","), directives (`%YAML 1.1` changes the
 * schema), complex keys (yaml writes them as YAML, js-yaml as JS strings), a sequence entry
 * left empty ("-" alone on its line: js-yaml can attach the next, less indented entry to the
 * wrong sequence), block scalars with an explicit indentation indicator ("|2", whose base
 * the two count from different columns at the top level), a byte-order mark or a lone carriage return (offsets and lines would be
 * counted differently), a comment mark right after a closing bracket or quote (an error
 * for yaml), and a comment with no blank after its "#" at the start of a line between a key
 * and the value under it (yaml then reads the value and the next key as one key).
 * Inside a line of prose ("see *note", "a **bold** word") they are text to both parsers, and
 * so is a whole line of a block scalar's content ("  * item"): divergentSpans lets fastParse
 * excuse those. Prose at the start of a plain scalar's next line still trips them, and such a
 * file takes the slower path.
 */
const DIVERGENT = /(?:^[ \t]*|[-?:][ \t]*|[[{,][ \t]*)[&*!]|^%|^[ \t]*(?:-[ \t]+)*\?(?:[ \t]|$)|[[{,][ \t]*\?(?:\s|$)|[\]}][ \t]*:(?:\s|$)|^[ \t]*(?:-[ \t]+)*-[ \t]*(?:#.*)?$|(?:^|[ \t])[|>](?:[1-9][-+]?|[-+][1-9])[ \t]*(?:#.*)?$|[\]}"']#|:[ \t]*(?:#.*)?\n(?:[ \t]*(?:#.*)?\n)*#\S|\r(?!\n)/gm;

/**
 * Where the text matches DIVERGENT, as [start, end) pairs, when each might still be text inside
 * a block scalar (a Markdown list in a description: "  * item"); undefined when one cannot be,
 * or the text has a byte-order mark. Block scalar content is indented and has no structure,
 * whatever characters it holds, so fastParse excuses a span that js-yaml read as such.
 */
function divergentSpans(text: string): number[] | undefined {
  if (text.charCodeAt(0) === 0xfeff) return undefined;
  const spans: number[] = [];
  // One pass: a clean text, the usual case, is scanned once and gives no span.
  for (const match of text.matchAll(DIVERGENT)) {
    const start = match.index;
    const end = start + match[0].length;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    // Content lines are indented with spaces, and a carriage return is a line break wherever it is.
    if (text.charCodeAt(lineStart) !== 0x20 || match[0].includes('\r')) return undefined;
    spans.push(start, end);
  }
  return spans;
}

/**
 * Notes the content of a scalar that closed at `end`, when it is a block scalar ("|" or ">"
 * where it starts): from the line after its header to the start of the line js-yaml stopped
 * in, so only whole lines count.
 */
function noteBlockContent(text: string, start: number, end: number, blocks: number[]): void {
  const c = text.charCodeAt(start);
  if (c !== 0x7c && c !== 0x3e) return;
  const contentStart = text.indexOf('\n', start) + 1;
  const contentEnd = text.lastIndexOf('\n', end - 1) + 1;
  if (contentStart > 0 && contentEnd > contentStart) blocks.push(contentStart, contentEnd);
}

/** Whether every [start, end) span of `spans` lies within one of `blocks`; both sorted, as read. */
function allInside(spans: readonly number[], blocks: readonly number[]): boolean {
  let b = 0;
  for (let i = 0; i < spans.length; i += 2) {
    while (b < blocks.length && blocks[b + 1]! <= spans[i]!) b += 2;
    if (b >= blocks.length || spans[i]! < blocks[b]! || spans[i + 1]! > blocks[b + 1]!) return false;
  }
  return true;
}

/**
 * A key written `null`, `~` or left empty is "" in yaml's data and "null" in js-yaml's, which
 * cannot tell it from a quoted "null"; either way the file takes the yaml path. Asked as each
 * collection closes; the one-pair mappings of a flow sequence ("[~: x]") have no event of
 * their own (no recorded start) and are looked at with their sequence.
 */
function hasNullKey(node: object, starts: ReadonlyMap<object, number>): boolean {
  if (!Array.isArray(node)) return Object.hasOwn(node, 'null');
  for (const item of node) {
    if (typeof item === 'object' && item !== null && !Array.isArray(item) && !starts.has(item) && Object.hasOwn(item, 'null')) return true;
  }
  return false;
}

/** Skips blanks, line breaks and comments: where the node's own text begins. */
export function nodeStart(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
    } else if (c === 0x23 && (i === 0 || isSpace(text.charCodeAt(i - 1)))) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else {
      break;
    }
  }
  return i;
}

/**
 * YAML 1.2's core schema as the `yaml` package resolves plain scalars (its tests, in its
 * order, with its conversions). js-yaml's own core schema also takes `1_000`, `0b101` and
 * `+.5e3`-style forms that `yaml` leaves as strings.
 */
function scalar(tag: string, test: RegExp, construct: (text: string) => unknown): Type {
  return new Type(`tag:yaml.org,2002:${tag}`, { kind: 'scalar', resolve: (text: string | null) => test.test(text ?? ''), construct: (text: string | null) => construct(text ?? '') });
}

const NULL = scalar('null', /^(?:~|[Nn]ull|NULL)?$/, () => null);
const BOOL = scalar('bool', /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (text) => text[0] === 't' || text[0] === 'T');
const INT = scalar('int', /^(?:0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+)$/, (text) =>
  text.startsWith('0o') ? parseInt(text.slice(2), 8) : text.startsWith('0x') ? parseInt(text.slice(2), 16) : parseInt(text, 10),
);
const FLOAT = scalar('float', /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*))$/, (text) => {
  if (/^\.nan$/i.test(text)) return Number.NaN;
  if (/inf$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  return parseFloat(text);
});

export const CORE_SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: [NULL, BOOL, INT, FLOAT] });
