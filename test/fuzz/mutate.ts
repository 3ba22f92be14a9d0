/**
 * Arbitraries for the pipeline fuzz test: mutations of real model documents (the example
 * models and a generated one) that are described by plain values, so fast-check can shrink a
 * failing case to the one mutation that matters.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export interface SourceFile {
  /** Relative path inside the case's model directory. */
  readonly path: string;
  readonly doc: Json;
}

/** Text that breaks RST, Markdown, YAML or terminals when it is not escaped. */
export const HOSTILE = [
  '.. raw:: html\n\n   <script>alert(1)</script>',
  '.. include:: /etc/passwd',
  '.. _target: https://evil.example/',
  '.. |x| replace:: y',
  '|x|',
  'word_',
  '`unclosed',
  '``code``',
  '`link <https://evil.example>`_',
  '*',
  '**bold**',
  '- item',
  '1. item',
  ':field: value',
  ':ref:`x`',
  'C:\\path\\to\\file',
  '<script>alert(1)</script>',
  '<img src=http://127.0.0.1:9/x onerror=alert(1)>',
  '<!-- comment -->',
  '<a href="javascript:alert(1)">x</a>',
  '| pipe | in | text |',
  'a | b',
  '\\|',
  '[link](javascript:alert(1))',
  '![img](http://127.0.0.1:9/x)',
  '# heading',
  '---',
  '===',
  '```\nfence',
  '~~~',
  '{{template}}',
  '{{{raw}}}',
  '%%{init: {"theme":"dark"}}%%',
  '&amp; &lt;',
  '$x$',
  'www.example.com',
  '>>> quote',
  '\u202eRTL override',
  'zero\u200bwidth\u200d\ufeff',
  '👩‍💻🔥🏳️‍🌈',
  'null\u0000byte',
  'bell\u0007 esc\u001b[31m red',
  'line\u2028separator\u2029para\u0085nel',
  'tab\there',
  'crlf\r\nline',
  'trailing  \n\n\n   indented',
  '  leading spaces',
  'عربي עברית',
  '中文字符',
  'ﷺ𒐫',
] as const;

const SPECIAL_CHARS = [
  '|', '`', '*', '_', '<', '>', '&', '\\', '.', ':', '#', '[', ']', '{', '}', '(', ')', '!', '-', '+', '=', '~', '^', '$', '%',
  '@', '"', "'", ' ', '\n', '\r', '\t', '\u0000', '\u0001', '\u007f', '\u0085', '\u00a0', '\u200b', '\u200d', '\u202e', '\u2028',
  '\ufeff', '\ufffd', '🔥', 'é', '字',
];

/** A short hostile string: a corpus entry, random unicode, or special characters glued together. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...SPECIAL_CHARS, 'word', 'D3-ACH', 'T1055'), { maxLength: 20 }).map((parts) => parts.join('')) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...HOSTILE), { minLength: 2, maxLength: 4 }).map((parts) => parts.join(' ')) },
);

/**
 * Beyond the 20,000-character text limit now and then, near it mostly. Long runs of one
 * whitespace character are what makes a backtracking pattern take quadratic time.
 */
const hugeText: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 500, max: 25_000 }), fc.constantFrom(...HOSTILE, 'x', 'long words ', ' ', '\t', '\n', ' |'))
  .map(([length, unit]) => `a${unit.repeat(Math.ceil(length / unit.length)).slice(0, length - 2)}b`);

const anyValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  hostileText,
  fc.constant<Json>([]),
  fc.constant<Json>({}),
  fc.array(hostileText, { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('id', 'title', '__proto__', 'constructor', 'x'), hostileText, { maxKeys: 3 }),
);

const ID_LIKE = fc.oneof(
  fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,12}$/),
  hostileText,
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'D3-ACH', ''),
);

/** One edit of a document, addressed by indices that are reduced modulo what exists. */
export type Mutation =
  | { readonly kind: 'delete-key'; readonly at: number }
  | { readonly kind: 'change-type'; readonly at: number; readonly value: Json }
  | { readonly kind: 'hostile-text'; readonly at: number; readonly text: string; readonly mode: 'replace' | 'append' }
  | { readonly kind: 'huge-text'; readonly at: number; readonly text: string }
  | { readonly kind: 'reference'; readonly at: number; readonly pick: number; readonly id: string; readonly fromPool: boolean }
  | { readonly kind: 'duplicate-entry'; readonly at: number }
  | { readonly kind: 'add-key'; readonly at: number; readonly key: string; readonly value: Json };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete-key' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('change-type' as const), at: fc.nat(), value: anyValue }),
  // Text edits keep the document valid, so they reach the renderers: weighted up.
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('hostile-text' as const), at: fc.nat(), text: hostileText, mode: fc.constantFrom('replace' as const, 'append' as const) }) },
  fc.record({ kind: fc.constant('huge-text' as const), at: fc.nat(), text: hugeText }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reference' as const), at: fc.nat(), pick: fc.nat(), id: ID_LIKE, fromPool: fc.boolean() }) },
  fc.record({ kind: fc.constant('duplicate-entry' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('add-key' as const), at: fc.nat(), key: fc.constantFrom('__proto__', 'constructor', 'prototype', 'unknown', 'Title', 'ïd'), value: anyValue }),
);

/** Edits of the YAML text itself, after serialisation: what a careless editor does. */
export type TextEdit =
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'delete-line'; readonly at: number }
  | { readonly kind: 'duplicate-line'; readonly at: number }
  | { readonly kind: 'truncate'; readonly at: number };

export const textEdit: fc.Arbitrary<TextEdit> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(
      fc.array(fc.constantFrom(':', '- ', '[', ']', '{', '}', '&a ', '*a', '!!str ', '!!binary ', '|', '>', "'", '"', '%YAML 1.1\n', '---\n', '...\n', '#', '\t', '\n', '  ', '? ', '<<: *a', '@', '`', '\u0000', '\ufeff'), { minLength: 1, maxLength: 5 }).map((p) => p.join('')),
      hostileText,
    ),
  }),
  fc.record({ kind: fc.constant('delete-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

// ---------------------------------------------------------------------------------------
// Applying edits

type Container = Json[] | { [key: string]: Json };
interface Slot {
  readonly parent: Container;
  readonly key: string | number;
  readonly value: Json;
}

function isContainer(value: Json): value is Container {
  return typeof value === 'object' && value !== null;
}

/** Every value under `root` with its parent, depth first, in a stable order. */
function slots(root: Json): Slot[] {
  const out: Slot[] = [];
  const walk = (value: Json): void => {
    if (!isContainer(value)) return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        out.push({ parent: value, key: index, value: item });
        walk(item);
      });
    } else {
      for (const key of Object.keys(value)) {
        const item = value[key] as Json;
        out.push({ parent: value, key, value: item });
        walk(item);
      }
    }
  };
  walk(root);
  return out;
}

function setSlot(slot: Slot, value: Json): void {
  if (Array.isArray(slot.parent)) slot.parent[slot.key as number] = value;
  // defineProperty so a "__proto__" key becomes an own key, as the YAML parser would make it.
  else Object.defineProperty(slot.parent, slot.key, { value, enumerable: true, configurable: true, writable: true });
}

const TEXT_KEYS = new Set(['title', 'name', 'description', 'notes', 'scope', 'body', 'assumptions', 'outOfScope']);
const REFERENCE_KEYS = new Set(['assets', 'agents', 'mitigations', 'profiles', 'd3fend', 'attack']);

/** Hostile text put into a threat's title or description, which every document renders. */
export interface Probe {
  readonly threat: string;
  readonly text: string;
}

/**
 * Applies one mutation to `docs` in place; `pool` holds every id of the case, for plausible
 * references. Returns the probe when hostile text went into a threat title or description.
 * Values are copied in: `fc.constant({})` hands every case the same object, and a later
 * mutation of the documents must not reach it (a key added to it made it contain itself).
 */
export function applyMutation(docs: Json[], m: Mutation, pool: readonly string[]): Probe | undefined {
  const all = docs.flatMap((doc) => slots(doc));
  if (all.length === 0) return;
  const choose = <T>(list: readonly T[], at: number): T | undefined => (list.length === 0 ? undefined : list[at % list.length]);
  switch (m.kind) {
    case 'delete-key': {
      const slot = choose(all.filter((s) => !Array.isArray(s.parent)), m.at);
      if (slot) delete (slot.parent as Record<string, Json>)[slot.key];
      return;
    }
    case 'change-type': {
      const slot = choose(all, m.at);
      if (slot) setSlot(slot, structuredClone(m.value));
      return;
    }
    case 'hostile-text':
    case 'huge-text': {
      const texts = all.filter((s) => typeof s.value === 'string' && (TEXT_KEYS.has(String(s.key)) || (typeof s.key === 'number' && isTextList(s.parent))));
      const slot = choose(texts, m.at);
      if (!slot) return;
      const text = m.kind === 'hostile-text' && m.mode === 'append' ? `${String(slot.value)} ${m.text}` : m.text;
      setSlot(slot, text);
      const threats = docs.flatMap((d) => (isContainer(d) && !Array.isArray(d) && Array.isArray(d.threats) ? d.threats : []));
      const owner = slot.parent as Record<string, Json>;
      if (m.kind === 'hostile-text' && (slot.key === 'title' || slot.key === 'description') && threats.includes(owner) && typeof owner.id === 'string') {
        return { threat: owner.id, text: m.text };
      }
      return;
    }
    case 'reference': {
      const lists = all.filter((s) => REFERENCE_KEYS.has(String(s.key)) && Array.isArray(s.value) && s.value.every((v) => typeof v === 'string'));
      const slot = choose(lists, m.at);
      if (!slot) return;
      const list = slot.value as Json[];
      const id = m.fromPool && pool.length > 0 ? pool[m.pick % pool.length]! : m.id;
      if (list.length === 0 || m.pick % 3 === 0) list.push(id);
      else list[m.pick % list.length] = id;
      return;
    }
    case 'duplicate-entry': {
      const entries = all.filter((s) => Array.isArray(s.parent) && isContainer(s.value) && !Array.isArray(s.value));
      const slot = choose(entries, m.at);
      if (slot) (slot.parent as Json[]).push(structuredClone(slot.value));
      return;
    }
    case 'add-key': {
      const objects = [...docs.filter((d) => isContainer(d) && !Array.isArray(d)), ...all.map((s) => s.value).filter((v) => isContainer(v) && !Array.isArray(v))];
      const target = choose(objects, m.at) as Record<string, Json> | undefined;
      if (target) Object.defineProperty(target, m.key, { value: structuredClone(m.value), enumerable: true, configurable: true, writable: true });
      return;
    }
  }
}

/** assumptions and outOfScope are lists of text; other string lists hold ids. */
function isTextList(parent: Container): boolean {
  return Array.isArray(parent) && parent.length > 0 && parent.every((v) => typeof v === 'string' && (v.includes(' ') || v.length > 40));
}

export function applyTextEdit(text: string, edit: TextEdit): string {
  const lines = text.split('\n');
  switch (edit.kind) {
    case 'insert': {
      const at = edit.at % (text.length + 1);
      return text.slice(0, at) + edit.text + text.slice(at);
    }
    case 'delete-line':
      lines.splice(edit.at % lines.length, 1);
      return lines.join('\n');
    case 'duplicate-line': {
      const at = edit.at % lines.length;
      lines.splice(at, 0, lines[at]!);
      return lines.join('\n');
    }
    case 'truncate':
      return text.slice(0, edit.at % (text.length + 1));
  }
}

/** Every `id:` value of the documents: the pool random references draw from. */
export function idsOf(docs: readonly Json[]): string[] {
  return [...new Set(docs.flatMap((doc) => slots(doc)).filter((s) => s.key === 'id' && typeof s.value === 'string').map((s) => s.value as string))];
}

/** YAML as the user would write it; `yaml` quotes and escapes whatever the mutations put in. */
export function toYamlText(doc: Json): string {
  return stringify(doc, { lineWidth: 0 });
}
