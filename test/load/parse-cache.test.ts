/**
 * The cache of clean files: what it keeps comes back the same, it keeps nothing it cannot
 * vouch for, and a check with it reports exactly what a check without it does.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogIndex } from '../../src/d3fend/catalog.js';
import { ParseCache, type ParseMemo } from '../../src/load/parse-cache.js';
import { fastParse } from '../../src/load/parse-fast.js';
import { checkWorkspace, type CheckResult } from '../../src/pipeline.js';
import { caseArb, caseFiles, readBases, writeFiles, type BaseName } from '../fuzz/cases.js';
import type { SourceFile } from '../fuzz/mutate.js';

const RUNS = Math.min(Number(process.env.FUZZ_RUNS ?? 150), 2_000);
const TEXT = 'id: m\ntitle: T\nthreats:\n  - id: t1\n    assets: [a, b]\n  - id: t2\n';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'threatdoc-parse-cache-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Writes what `cache` learned to `file` and opens it again, as the next run would. */
function reopen(cache: ParseCache, file: string, identity = 'id'): ParseCache {
  const contents = cache.contents();
  if (contents !== undefined) writeFileSync(file, contents);
  return ParseCache.open(file, identity);
}

describe('ParseCache', () => {
  it('gives back the reading it was given, with starts still pointing into the value', () => {
    const file = join(root, 'round-trip.v8');
    const fast = fastParse(TEXT)!;
    const first = ParseCache.open(file, 'id');
    expect(first.recall(TEXT)).toBeUndefined();
    first.remember(TEXT, fast);
    const again = reopen(first, file).recall(TEXT)!;
    expect(again.value).toEqual(fast.value);
    const threats = (again.value as { threats: object[] }).threats;
    expect(again.starts.get(threats)).toBe(fast.starts.get((fast.value as { threats: object[] }).threats));
    expect(again.starts.get(threats[1]!)).toBe(TEXT.indexOf('- id: t2') + 2);
    expect(again.starts.size).toBe(fast.starts.size);
  });

  it('keeps what plain JSON would lose: __proto__ keys as own keys, -0, NaN, infinities, lone surrogates', () => {
    const text = '__proto__: { polluted: yes }\nzero: -0.0\nnan: .nan\ninf: -.inf\nodd: "\\uD800 alone"\n';
    const fast = fastParse(text)!;
    expect(Object.hasOwn(fast.value as object, '__proto__')).toBe(true);
    const file = join(root, 'odd-values.v8');
    const cache = ParseCache.open(file, 'id');
    cache.remember(text, fast);
    const again = reopen(cache, file).recall(text)!.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(again)).toBe(Object.prototype);
    expect(Object.keys(again)).toEqual(['__proto__', 'zero', 'nan', 'inf', 'odd']);
    expect(Object.hasOwn(again, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.is(again['zero'], -0)).toBe(true);
    expect(again['nan']).toBeNaN();
    expect(again['inf']).toBe(-Infinity);
    expect(again['odd']).toBe('\uD800 alone');
  });

  it('knows only the exact text', () => {
    const file = join(root, 'exact.v8');
    const cache = ParseCache.open(file, 'id');
    cache.remember(TEXT, fastParse(TEXT)!);
    const next = reopen(cache, file);
    expect(next.recall(`${TEXT} `)).toBeUndefined();
    expect(next.recall(TEXT.replace('t2', 't3'))).toBeUndefined();
    expect(next.recall(TEXT)).toBeDefined();
  });

  it('hands out copies: what a run does to the data never reaches the cache', () => {
    const file = join(root, 'copies.v8');
    const cache = ParseCache.open(file, 'id');
    const fast = fastParse(TEXT)!;
    cache.remember(TEXT, fast);
    (fast.value as { title: string }).title = 'changed after';
    const recalled = cache.recall(TEXT)!;
    expect((recalled.value as { title: string }).title).toBe('T');
    (recalled.value as { title: string }).title = 'changed again';
    expect((reopen(cache, file).recall(TEXT)!.value as { title: string }).title).toBe('T');
  });

  it('ignores a file made under another identity (other code, schema or V8)', () => {
    const file = join(root, 'identity.v8');
    const cache = ParseCache.open(file, 'old build');
    cache.remember(TEXT, fastParse(TEXT)!);
    writeFileSync(file, cache.contents()!);
    expect(ParseCache.open(file, 'new build').recall(TEXT)).toBeUndefined();
    expect(ParseCache.open(file, 'old build').recall(TEXT)).toBeDefined();
  });

  it('treats a missing, damaged or foreign file as empty', () => {
    const good = ParseCache.open(join(root, 'source.v8'), 'id');
    good.remember(TEXT, fastParse(TEXT)!);
    const bytes = Buffer.from(good.contents()!);
    const damaged: [string, Uint8Array][] = [
      ['cut short', bytes.subarray(0, bytes.length >> 1)],
      ['one byte', bytes.subarray(0, 1)],
      ['empty', new Uint8Array()],
      ['text', Buffer.from('{"identity":"id"}')],
      ['flipped', Buffer.from(bytes.map((b, i) => (i > bytes.length - 40 ? b ^ 0xff : b)))],
    ];
    expect(ParseCache.open(join(root, 'missing.v8'), 'id').recall(TEXT)).toBeUndefined();
    for (const [name, content] of damaged) {
      const file = join(root, `damaged-${name}.v8`);
      writeFileSync(file, content);
      expect(() => ParseCache.open(file, 'id').recall(TEXT), name).not.toThrow();
    }
  });

  it('is written only when a run learned an entry or stopped needing one, which then goes', () => {
    const file = join(root, 'writes.v8');
    const other = 'id: other\n';
    const cache = ParseCache.open(file, 'id');
    expect(cache.contents()).toBeUndefined();
    cache.remember(TEXT, fastParse(TEXT)!);
    cache.remember(other, fastParse(other)!);
    const both = reopen(cache, file);
    both.recall(TEXT);
    both.recall(other);
    expect(both.contents()).toBeUndefined();

    const one = ParseCache.open(file, 'id');
    one.recall(TEXT);
    const kept = reopen(one, file);
    expect(kept.recall(other)).toBeUndefined();
    expect(kept.recall(TEXT)).toBeDefined();
  });
});

describe('a check with the cache', () => {
  let bases: Map<BaseName, SourceFile[]>;
  beforeAll(() => {
    bases = readBases();
  });

  /** What a user sees of a check: every diagnostic, and the workspace built. */
  const seen = (result: CheckResult, dir: string) => JSON.stringify({ diagnostics: result.diagnostics, workspace: result.workspace }).replaceAll(dir, '<dir>');

  it(`reports and builds exactly what a check without it does (${RUNS} mutated models)`, async () => {
    const catalog = loadCatalogIndex();
    let n = 0;
    const stats = { served: 0, cases: 0 };
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const dir = join(root, `case-${++n}`);
        const file = join(root, `case-${n}.v8`);
        const check = (memo?: ParseMemo) => checkWorkspace([dir], { cwd: root, catalog, memo });
        try {
          // First the unchanged base, as on the branch a change starts from: its clean files are kept.
          writeFiles(dir, caseFiles(bases.get(c.base)!, { ...c, mutations: [], textEdits: [] }).texts);
          const base = ParseCache.open(file, 'id');
          await check(base);
          rmSync(dir, { recursive: true });
          writeFiles(dir, caseFiles(bases.get(c.base)!, c).texts);
          const expected = seen(await check(), dir);
          // The changed files miss and the untouched ones hit; then, once more, whatever was clean hits.
          const changed = reopen(base, file);
          expect(seen(await check(changed), dir)).toBe(expected);
          const again = reopen(changed, file);
          let recalled = 0;
          const counted: ParseMemo = {
            recall: (text) => {
              const known = again.recall(text);
              if (known !== undefined) recalled++;
              return known;
            },
            remember: (text, fast) => again.remember(text, fast),
          };
          expect(seen(await check(counted), dir)).toBe(expected);
          stats.cases++;
          if (recalled > 0) stats.served++;
        } finally {
          rmSync(dir, { recursive: true, force: true });
          rmSync(file, { force: true });
        }
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    // The third check must have been served from the cache in most cases, or this tested little.
    expect(stats.served).toBeGreaterThan(stats.cases / 2);
  });
});
