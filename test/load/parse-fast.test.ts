import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { describe, expect, it } from 'vitest';
import { plan, readCatalog, toYaml } from '../../bench/generate.mjs';
import type { JsonPath, Range } from '../../src/core/diagnostic.js';
import { fastLocator } from '../../src/load/locate-fast.js';
import { locate, type LocateTarget } from '../../src/load/locate.js';
import { fastParse } from '../../src/load/parse-fast.js';
import { parseSource } from '../../src/load/parse.js';

/**
 * The fast path may decline any text, but what it accepts it must read exactly as `yaml`
 * does: same data (key order, types, NaN and -0 included) and the same start offset for every
 * mapping and sequence, and `yaml` must find nothing wrong with it.
 */
function expectSameAsYaml(text: string): boolean {
  const fast = fastParse(text);
  if (!fast) return false;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, logLevel: 'silent' });
  expect(doc.errors.map((e) => e.message), 'yaml errors on text the fast path read').toEqual([]);
  expect(doc.warnings.map((e) => e.message), 'yaml warnings on text the fast path read').toEqual([]);
  expect(canonical(fast.value)).toBe(canonical(doc.toJS()));
  for (const [path, offset] of collectionStarts(doc.contents)) {
    // A mapping js-yaml builds without a node event of its own ("[a: b]") has no start;
    // ParsedFile.startOf asks yaml for those.
    const start = fast.starts.get(valueAt(fast.value, path) as object);
    if (start !== undefined) expect(start, `start of ${JSON.stringify(path)}`).toBe(offset);
  }
  expectSameRanges(text, fast.value, (path, target) => locate(doc, lineCounter, path, target));
  return true;
}

/** How many texts the fast locator took, and gave up on (then `yaml` locates). */
const located = { taken: 0, declined: 0 };

/**
 * The fast locator, when it answers, gives the range locate.ts finds on yaml's tree for every
 * path into the data, for a key and for a value, and for paths that go past the data.
 */
function expectSameRanges(text: string, value: unknown, yamlLocate: (path: JsonPath, target: LocateTarget) => Range): void {
  const fast = fastLocator(text);
  if (!fast) {
    located.declined++;
    return;
  }
  located.taken++;
  for (const path of everyPath(value)) {
    for (const target of ['value', 'key'] as const) {
      const mine = fast.locate(path, target);
      const theirs = yamlLocate(path, target);
      // expect() only on a difference: thousands of matchers per text made this the slow part.
      if (JSON.stringify(mine) !== JSON.stringify(theirs)) expect(mine, `${target} at ${JSON.stringify(path)}`).toEqual(theirs);
    }
  }
}

/** Every path into the data, and one step past each node: a missing key, an index past the end, a child of a scalar. */
function everyPath(root: unknown): (string | number)[][] {
  const out: (string | number)[][] = [];
  const walk = (node: unknown, path: (string | number)[]): void => {
    out.push(path);
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, [...path, i]));
      out.push([...path, node.length]);
    } else if (typeof node === 'object' && node !== null) {
      for (const key of Object.keys(node)) walk((node as Record<string, unknown>)[key], [...path, key]);
      out.push([...path, 'no such key']);
    } else {
      out.push([...path, 'below a scalar']);
    }
  };
  walk(root, []);
  return out;
}

/** A serialisation that keeps what JSON loses: key order, NaN, ±Infinity, -0, undefined. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value).map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  if (typeof value === 'number') return Object.is(value, -0) ? 'num:-0' : `num:${String(value)}`;
  return `${typeof value}:${JSON.stringify(value) ?? 'undefined'}`;
}

function collectionStarts(root: unknown): [(string | number)[], number][] {
  const out: [(string | number)[], number][] = [];
  const walk = (node: unknown, path: (string | number)[]): void => {
    if (!isCollection(node)) return;
    out.push([path, (node as Node).range?.[0] ?? -1]);
    if (isMap(node)) {
      for (const pair of node.items) if (isPair(pair) && isScalar(pair.key)) walk(pair.value, [...path, String(pair.key.value)]);
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => walk(item, [...path, index]));
    }
  };
  walk(root, []);
  return out;
}

function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], value);
}

const EXAMPLES = readdirSync('models', { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => ({ name: f, text: readFileSync(join('models', f), 'utf8') }));
const GENERATED = plan({ scale: 1, seed: 'fast-parse', catalog: readCatalog(), maxFiles: 10 }).map((f) => ({ name: f.path, text: toYaml(f.doc) }));

describe('the fast path', () => {
  it.each([...EXAMPLES, ...GENERATED.slice(0, 10)].map((f) => [f.name, f.text] as const))('reads %s, as yaml does', (_name, text) => {
    // Declining here would silently give up the speed on exactly the files that matter.
    expect(expectSameAsYaml(text)).toBe(true);
    expect(fastLocator(text), 'the fast locator gave up').toBeDefined();
  });

  it('declines what it cannot vouch for', () => {
    const declined = [
      'a: &x 1\nb: *x\n', // aliases: the alias budget is counted on yaml's AST
      'a: !!str 1\n', // tags
      '%YAML 1.1\n---\na: yes\n', // a directive changes the schema
      '? [a, b]\n: c\n', // complex keys
      '[a, b]: c\n',
      'null: 1\n', // "" in yaml's data, "null" in js-yaml's
      '~: 1\n',
      'a: [~: 1]\n', // the same inside a flow sequence's one-pair mapping
      '\ufeffa: 1\n', // offsets would shift by the byte-order mark
      'a: 1\rb: 2\n', // a lone CR breaks lines for YAML, not for the line index
      'a: 1\na: 2\n', // duplicate keys: yaml reports them
      'a: [1\n', // syntax errors: yaml reports them
      'a: 1\n---\nb: 2\n', // several documents
      'a:\n#c\n    x.\nz: 1\n', // yaml reads "x. z" as one key after a "#c" comment at column 0
      'a: x\n  *y\n', // a line of a plain scalar that starts like an alias
      'a:\n  - *x\n', // where a node starts: after "- ", ": ", "? ", "[", "{" and ","
      '? &k a\n: 1\n',
      'a: [1, *x]\n',
      'a: {b: !t 1}\n',
      '--- !t\na: 1\n',
      'a: !\n  x\n', // the non-specific tag: js-yaml places the value at the tag, yaml after it
      'a: |\n  * item\nb: *x\n', // in a block scalar, then outside it
      'a: |\n  text\n*x: 1\n', // the line after the content
      'a: |2\n  * item\n', // the header itself
      'a: |\n  * item', // a last line without its line break is not counted as content
    ];
    for (const text of declined) expect(fastParse(text), JSON.stringify(text)).toBeUndefined();
  });

  it('reads prose with "*", "&" and "!" inside its lines, and block scalars with any lines, as yaml does', () => {
    const lists = ['a: |\n  * item\n  * item\n', 'a:\n  b: >-\n    - item\n    ? odd\n    &x *y !z\n    % done\n  c: 1\n', '- |+\n  * a\n\n  * b\n\n- 2\n'];
    for (const text of ['a: see *note\n', 'a: a **bold** word and R &D\n', "a: 'x !y'\n", 'a: "*q*"\n', '- a &b !c\n', 'a: b # *c\n', ...lists]) {
      expect(expectSameAsYaml(text), JSON.stringify(text)).toBe(true);
    }
  });

  it('reads scalars by YAML 1.2 core rules, not js-yaml\'s wider ones', () => {
    const text = ['a: 1_000', 'b: 0b101', 'c: 0o17', 'd: 017', 'e: 0x1F', 'f: +1', 'g: -0', 'h: 1.', 'i: .5', 'j: 1e3', 'k: -.Inf', 'l: .NaN', 'm: yes', 'n: True', 'o: ~', 'p:', 'q: 2024-01-01', 'r: 1:20', 's: "1"'].join('\n');
    expect(expectSameAsYaml(text)).toBe(true);
    expect(fastParse(text)?.value).toMatchObject({ a: '1_000', b: '0b101', c: 15, d: 17, e: 31, f: 1, i: 0.5, j: 1000, m: 'yes', n: true, o: null, p: null, q: '2024-01-01', r: '1:20', s: '1' });
  });

  it('locates as yaml does in the places found to need care', () => {
    const texts = [
      'a: >-\nb: 1\n', // a block scalar with no text: yaml marks its start only
      'a: |\n  x\nb: 2\n',
      'list:\n  - one line\n    and another\n  - x\n', // a plain scalar js-yaml first tries as a key
      'a: "quoted"  # comment\nb: [x , y ]\n',
      'm: {k: v, j: [1, 2]}\n',
    ];
    for (const text of texts) {
      expect(fastLocator(text), JSON.stringify(text)).toBeDefined();
      expect(expectSameAsYaml(text)).toBe(true);
    }
    // Where js-yaml's events do not line up with the data, yaml answers.
    for (const text of ['a:\nb: 1\n', 's: [a: 1]\n', '# nothing\n']) expect(fastLocator(text), JSON.stringify(text)).toBeUndefined();
  });

  it('gives parseSource the same positions either way', () => {
    for (const { text } of [...EXAMPLES, ...GENERATED.slice(0, 3)]) {
      const fast = parseSource({ file: 'x.yaml', text });
      // A comment line first declines nothing; a directive sends the same text down the yaml path.
      const slow = parseSource({ file: 'x.yaml', text: `%YAML 1.2\n---\n${text}` });
      if (!fast.ok || !slow.ok) throw new Error('both must parse');
      for (const [path] of collectionStarts(parseDocument(text).contents)) {
        const a = fast.parsed.startOf(path);
        const b = slow.parsed.startOf(path);
        expect({ line: a.line + 2, column: a.column }).toEqual(b);
        expect(fast.parsed.locate(path)).toEqual(shift(slow.parsed.locate(path), -2));
      }
    }
  });
});

function shift<T extends { start: { line: number; column: number }; end: { line: number; column: number } }>(range: T, lines: number): T {
  return { ...range, start: { ...range.start, line: range.start.line + lines }, end: { ...range.end, line: range.end.line + lines } };
}

/** Characters that change what YAML means, for corrupting real model text. */
const SIGNIFICANT = ['*', '&', '!', '*a', '&a ', '!t ', ' *x', ' &y', ' !z', '**b**', ' ', '  ', '\n', '\n\n', ':', ': ', '-', '- ', '#', ' #', '"', "'", '|', '>', '|-', '>+', '[', ']', '{', '}', ',', '\t', '\\', '?', '.', '0', 'x', 'é', '😀', '\u2028', '\u0085', '~', '=', '@', '`', '%'];

/** Plain, quoted and block scalars whose reading differs between YAML dialects and parsers. */
const SCALARS = ['1_000', '0b1', '0o7', '07', '0x1f', '+1', '-0', '1.', '.5', '+.5', '1e3', '1E+3', '.inf', '-.Inf', '.nan', 'NaN', 'null', 'Null', '~', 'true', 'TRUE', 'yes', 'off', '2024-01-01', '12:30', 'a b', 'a:b', 'a #b', 'a#b', 'é', '"a\\tb\\u00e9\\x41\\/\\ \\_\\N\\L\\P\\0\\e"', '"multi\n  line\n\n  folded"', "'it''s'", "'multi\n\n  line'", '|\n  lit\n   more\n\n', '|-\n  lit\n', '|+\n  keep\n\n', '>\n  fold\n  ed\n\n  para\n', '>-\n  a\n    b\n  c\n', '|2\n   indented\n', '', '""', "''", 'a\n  b', 'see *note', 'a **bold** word', 'R&D', 'a &b', 'x !y', 'a *b\n  *c', '"**q** *r*"', "'a &b !c'", '>\n  fold *x\n  &y !z\n', '|\n  * item\n  * item\n', '*a', '&a x', '!t x', '[*a]', '{k: *a}'];

const scalar = fc.constantFrom(...SCALARS);
const key = fc.constantFrom('id', 'title', 'a b', '"q"', "'s'", '1', 'true', '0x10', '"null"', 'é', '__proto__', 'constructor', 'toString');

/** Block YAML of random shape; `indent` is the column where this node's lines start. */
function block(depth: number): fc.Arbitrary<(indent: number) => string> {
  const leaf = scalar.map((s) => (indent: number) => ` ${s.replace(/\n/g, `\n${' '.repeat(indent + 2)}`)}`);
  if (depth === 0) return leaf;
  const child = block(depth - 1);
  const comment = fc.constantFrom('', ' # note', '\n# line comment', '\n');
  const map = fc.array(fc.tuple(key, child, comment), { minLength: 1, maxLength: 4 }).map((entries) => (indent: number) =>
    entries.map(([k, v, c]) => `\n${' '.repeat(indent)}${k}:${v(indent + 2)}${c}`).join(''),
  );
  const seq = fc.array(fc.tuple(child, comment), { minLength: 1, maxLength: 4 }).map((items) => (indent: number) =>
    items.map(([v, c]) => `\n${' '.repeat(indent)}-${v(indent + 2)}${c}`).join(''),
  );
  const flow = fc.array(fc.constantFrom('a', '1', '"x, y"', "'z'", '{k: v}', '[1, 2]', '.5', 'null', ''), { maxLength: 4 }).chain((items) =>
    fc.constantFrom(` [${items.join(', ')}]`, ` {${items.map((v, i) => `k${i}: ${v}`).join(', ')}}`),
  ).map((text) => () => text);
  return fc.oneof(leaf, map, seq, flow);
}

describe('the fast path against yaml on generated and corrupted text', () => {
  const runs = Number(process.env['FUZZ_RUNS'] ?? 500);

  it('agrees on random block and flow YAML', () => {
    let accepted = 0;
    fc.assert(
      fc.property(block(3), fc.constantFrom('', '---', '# head\n'), (body, head) => {
        if (expectSameAsYaml(`${head}${body(0)}\n`)) accepted++;
      }),
      { numRuns: runs },
    );
    // The property means little if the fast path declines nearly everything.
    expect(accepted).toBeGreaterThan(runs / 4);
    // Empty values ("key:") send a text to yaml; the rest must be located here.
    expect(located.taken).toBeGreaterThan(runs / 5);
  });

  it('agrees on block scalars holding lines that look like YAML, at any indent', () => {
    const sources = [...EXAMPLES, ...GENERATED].map((f) => f.text).filter((text) => /[|>][-+]?\n/.test(text));
    const LEADS = ['* ', '- ', '-', '? ', '?', ': ', '&a ', '*a', '!t ', '! ', '%YAML ', '# ', '#', '|2 ', '> ', '--- ', '... ', '[a, ', '{a: ', '] x', 'k: v', 'k:', '"q', "'q", ''];
    const insertion = fc.tuple(fc.nat(), fc.integer({ min: -3, max: 3 }), fc.constantFrom(...LEADS), fc.constantFrom('item', 'x: y', 'a #b', ''));
    let accepted = 0;
    fc.assert(
      fc.property(fc.constantFrom(...sources), fc.array(insertion, { minLength: 1, maxLength: 3 }), (source, inserts) => {
        const lines = source.split('\n');
        for (const [at, shift, lead, rest] of inserts) {
          // After a line of a block scalar's content: a line indented like it, or a little less or more.
          const content = lines.map((_, i) => i).filter((i) => i > 0 && /[|>][-+]?$/.test(lines[i - 1]!) && /^ +\S/.test(lines[i]!));
          if (content.length === 0) return;
          const i = content[at % content.length]!;
          const indent = Math.max(0, /^ */.exec(lines[i]!)![0].length + shift);
          lines.splice(i + 1, 0, `${' '.repeat(indent)}${lead}${rest}`);
        }
        if (expectSameAsYaml(lines.join('\n'))) accepted++;
      }),
      { numRuns: runs },
    );
    // Lines at the content's indent are text, whatever they start with: most cases stay fast.
    expect(accepted).toBeGreaterThan(runs / 4);
  });

  it('agrees on example models with random corruptions', () => {
    const sources = [...EXAMPLES, ...GENERATED].map((f) => f.text);
    const edit = fc.tuple(fc.nat(), fc.constantFrom(...SIGNIFICANT), fc.nat({ max: 3 }));
    fc.assert(
      fc.property(fc.constantFrom(...sources), fc.array(edit, { minLength: 1, maxLength: 4 }), (source, edits) => {
        let text = source;
        for (const [at, insert, remove] of edits) {
          const i = at % (text.length + 1);
          text = text.slice(0, i) + insert + text.slice(i + remove);
        }
        expectSameAsYaml(text);
      }),
      { numRuns: runs },
    );
  });
});
