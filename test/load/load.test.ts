import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readModelFiles } from '../../src/load/files.js';
import { LIMITS } from '../../src/load/limits.js';
import { parseSource } from '../../src/load/parse.js';
import { prescan } from '../../src/load/prescan.js';
import { checkWorkspace } from '../../src/pipeline.js';
import { fixtureCatalog } from '../helpers/catalog.js';

const dir = mkdtempSync(join(tmpdir(), 'threatdoc-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const catalog = fixtureCatalog();
const codes = (list: readonly { code: string }[]): string[] => list.map((d) => d.code);

describe('reading files', () => {
  it('refuses a 20 MB file before reading it', async () => {
    const path = join(dir, 'huge.yaml');
    writeFileSync(path, Buffer.alloc(20 * 1024 * 1024, 0x61));
    const result = await readModelFiles(['huge.yaml'], dir);
    expect(result.value).toEqual([]);
    expect(result.diagnostics).toMatchObject([
      { code: 'file-too-large', file: 'huge.yaml', message: 'huge.yaml is 20,971,520 bytes; model files may be at most 5,242,880 bytes (5 MiB)' },
    ]);
  });

  it('gives sizes one byte over the limit in figures that differ', async () => {
    writeFileSync(join(dir, 'over.yaml'), Buffer.alloc(LIMITS.maxFileBytes + 1, 0x61));
    const result = await readModelFiles(['over.yaml'], dir);
    expect(result.diagnostics).toMatchObject([{ code: 'file-too-large', message: 'over.yaml is 5,242,881 bytes; model files may be at most 5,242,880 bytes (5 MiB)' }]);
  });

  it('locates the first byte that is not UTF-8', async () => {
    writeFileSync(join(dir, 'latin1.yaml'), Buffer.concat([Buffer.from('threatdoc: 1\ntitle: caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    const result = await readModelFiles(['latin1.yaml'], dir);
    expect(result.diagnostics).toMatchObject([{ code: 'file-encoding', range: { start: { line: 2, column: 11 } } }]);
    expect(result.diagnostics[0]?.message).toContain('byte 0xe9');
  });

  it('reports an empty directory as no-models and a missing path as path-not-found', async () => {
    mkdirSync(join(dir, 'empty'));
    const result = await checkWorkspace(['empty', 'nowhere'], { cwd: dir, catalog });
    expect(result.diagnostics).toMatchObject([
      { code: 'no-models', file: 'empty' },
      { code: 'path-not-found', file: 'nowhere', message: 'no such file or directory: nowhere' },
    ]);
  });

  it('walks directories recursively in sorted order, skipping hidden and node_modules directories', async () => {
    const root = join(dir, 'tree');
    for (const sub of ['b', 'a/deep', '.git', 'node_modules']) mkdirSync(join(root, sub), { recursive: true });
    for (const file of ['b/2.yml', 'a/deep/1.yaml', 'a/0.yaml', '.git/x.yaml', 'node_modules/y.yaml', 'a/notes.txt']) writeFileSync(join(root, file), 'x: 1\n');
    const result = await readModelFiles(['tree'], dir);
    expect(result.value.map((s) => s.file)).toEqual(['tree/a/0.yaml', 'tree/a/deep/1.yaml', 'tree/b/2.yml']);
  });

  it('does not follow directory links (a cycle cannot hang the walk) and refuses FIFOs', async () => {
    const root = join(dir, 'links');
    mkdirSync(root);
    writeFileSync(join(root, 'm.yaml'), 'x: 1\n');
    symlinkSync(root, join(root, 'loop'));
    execFileSync('mkfifo', [join(root, 'pipe.yaml')]);
    const walked = await readModelFiles(['links'], dir);
    expect(walked.value.map((s) => s.file)).toEqual(['links/m.yaml']);
    const fifo = await readModelFiles(['links/pipe.yaml'], dir);
    expect(fifo.diagnostics).toMatchObject([{ code: 'file-unreadable', message: 'links/pipe.yaml is not a regular file or directory' }]);
  });

  it('reads a file reached through a link once, under the first path that reaches it', async () => {
    const root = join(dir, 'same');
    mkdirSync(join(root, 'd'), { recursive: true });
    writeFileSync(join(root, 'x.yaml'), 'x: 1\n');
    symlinkSync('../x.yaml', join(root, 'd', 'link.yaml'));
    const files = async (paths: string[]) => (await readModelFiles(paths, dir)).value.map((s) => s.file);
    expect(await files(['same/x.yaml', 'same/d/link.yaml'])).toEqual(['same/x.yaml']);
    expect(await files(['same/d/link.yaml', 'same/x.yaml'])).toEqual(['same/d/link.yaml']);
    // Walking, the file itself wins over a link to it, whichever is listed first.
    expect(await files(['same'])).toEqual(['same/x.yaml']);
    expect(await files(['same/d', 'same'])).toEqual(['same/d/link.yaml']);
  });

  it('reports a link to a missing file and a loop of links, naming the link and why', async () => {
    const root = join(dir, 'broken-links');
    mkdirSync(root);
    writeFileSync(join(root, 'm.yaml'), 'x: 1\n');
    symlinkSync('gone.yaml', join(root, 'lib.yaml'));
    symlinkSync('loop-b.yaml', join(root, 'loop-a.yaml'));
    symlinkSync('loop-a.yaml', join(root, 'loop-b.yaml'));
    symlinkSync('gone', join(root, 'notes.txt'));
    const walked = await readModelFiles(['broken-links'], dir);
    expect(walked.value.map((s) => s.file)).toEqual(['broken-links/m.yaml']);
    expect(walked.diagnostics).toMatchObject([
      { code: 'file-unreadable', severity: 'error', file: 'broken-links/lib.yaml', message: 'cannot read broken-links/lib.yaml: it is a link to gone.yaml, which does not exist' },
      { code: 'file-unreadable', file: 'broken-links/loop-a.yaml', message: 'cannot read broken-links/loop-a.yaml: it is a link in a loop of links' },
      { code: 'file-unreadable', file: 'broken-links/loop-b.yaml', message: 'cannot read broken-links/loop-b.yaml: it is a link in a loop of links' },
    ]);
    const named = await readModelFiles(['broken-links/lib.yaml'], dir);
    expect(named.diagnostics).toMatchObject([
      { code: 'path-not-found', message: 'no such file or directory: broken-links/lib.yaml (a link to gone.yaml, which does not exist)' },
    ]);
  });

  it('reports a call with no paths instead of passing silently', async () => {
    expect(codes((await readModelFiles([], dir)).diagnostics)).toEqual(['no-models']);
  });

  it('stops reading when the files together pass the total limit', async () => {
    const root = join(dir, 'total');
    mkdirSync(root);
    for (const name of ['a', 'b', 'c']) writeFileSync(join(root, `${name}.yaml`), 'x'.repeat(400));
    const result = await readModelFiles(['total'], dir, { ...LIMITS, maxTotalChars: 1000 });
    expect(result.value).toEqual([]);
    expect(result.diagnostics).toMatchObject([
      { code: 'input-too-large', file: 'total/c.yaml', message: 'the model files under total add up to more than 1,000 characters; reading stopped at total/c.yaml' },
    ]);
    expect((await readModelFiles(['total'], dir, { ...LIMITS, maxTotalChars: 1200 })).value).toHaveLength(3);
  });

  it('stops at the file limit', async () => {
    const root = join(dir, 'many');
    mkdirSync(root);
    for (let i = 0; i <= LIMITS.maxFiles; i++) writeFileSync(join(root, `${i}.yaml`), '');
    const result = await readModelFiles(['many'], dir);
    expect(codes(result.diagnostics)).toEqual(['too-many-files']);
    expect(result.value).toEqual([]);
  });
});

describe('parsing hostile YAML ends quickly in a diagnostic', () => {
  const parse = (text: string) => parseSource({ file: 'x.yaml', text });

  it.each([
    ['a 2 MB line of "["', '['.repeat(2_000_000)],
    ['a million compact "- " markers', `${'- '.repeat(1_000_000)}x`],
    ['indentation past the scan bound', `a:\n${' '.repeat(LIMITS.maxIndentColumns + 5)}b: 1\n`],
  ])('%s', (_name, text) => {
    const started = Date.now();
    const outcome = parse(text);
    expect(outcome.ok).toBe(false);
    expect(codes(outcome.diagnostics)).toEqual(['yaml-too-deep']);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('counts brackets in quotes and comments as text', () => {
    const text = `a: "${'['.repeat(100)}"\nb: '${'{'.repeat(100)}'\n# ${'['.repeat(100)}\nc: it's [fine]\n`;
    expect(prescan(text).overLimit).toBeUndefined();
    expect(parse(text).ok).toBe(true);
  });

  it('keeps __proto__ an ordinary key that pollutes nothing', () => {
    const outcome = parse('__proto__: { polluted: true }\nconstructor: { prototype: { polluted: true } }\n');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(Object.keys(outcome.parsed.value as object)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(outcome.parsed.value)).toBe(Object.prototype);
  });

  it('reports an alias with no anchor before it at that alias, not as an alias bomb', () => {
    const text = 'a: &t x\nb: *t\nc: [*tamper]\nd: *e\ne: &e y\n';
    const outcome = parse(text);
    expect(outcome.ok).toBe(false);
    expect(outcome.diagnostics).toMatchObject([
      { code: 'yaml-syntax', message: 'alias *tamper has no anchor &tamper before it', range: { start: { line: 3, column: 5 } } },
      { code: 'yaml-syntax', message: 'alias *e has no anchor &e before it', range: { start: { line: 4, column: 4 } } },
    ]);
    expect(outcome.diagnostics[0]?.hint).toMatch(/quote/);
    expect(outcome.diagnostics[1]?.hint).toContain('&e is set below it, on line 5');
  });

  it('words a second document for the user, not as a call to a JavaScript API', () => {
    expect(parse('a: 1\n---\nb: 2\n').diagnostics).toMatchObject([
      { code: 'yaml-syntax', message: 'the file holds more than one YAML document', range: { start: { line: 2, column: 1 } } },
    ]);
  });

  it('says so when the lines end in lone carriage returns (classic Mac)', () => {
    const outcome = parse('threatdoc: 1\rid: mac\rtitle: Mac\rstatus: draft\r');
    expect(outcome.ok).toBe(false);
    expect(outcome.diagnostics).toMatchObject([{ code: 'yaml-syntax', hint: expect.stringContaining('lone carriage return (CR') }]);
    // Line ends of LF or CRLF take the usual hints.
    expect(parse('a: [b\r\nc: d\r\n').diagnostics[0]?.hint ?? '').not.toContain('carriage return');
  });

  it('refuses more aliases than the limit before expanding any', () => {
    const text = `a: &a x\nb: [${Array.from({ length: LIMITS.maxAliases + 1 }, () => '*a').join(', ')}]\n`;
    expect(codes(parse(text).diagnostics)).toEqual(['yaml-alias-limit']);
  });

  it('accepts as many plain aliases as the limit allows', () => {
    for (const count of [150, LIMITS.maxAliases]) {
      const outcome = parse(`a: &a x\nb: [${Array.from({ length: count }, () => '*a').join(', ')}]\n`);
      expect(outcome.diagnostics).toEqual([]);
      expect(outcome.ok && (outcome.parsed.value as { b: string[] }).b).toHaveLength(count);
    }
  });

  /** `list` of `size` nodes (a sequence of size - 1 words) anchored as &name. */
  const anchored = (name: string, size: number): string => `${name}: &${name} [${Array.from({ length: size - 1 }, () => 'x').join(', ')}]\n`;
  const aliases = (name: string, count: number): string => Array.from({ length: count }, () => `*${name}`).join(', ');

  it('accepts aliases that add exactly the budget of nodes and refuses one node more, at the alias that crosses it', () => {
    // 1,000 aliases of a 100-node list add 100,000 nodes.
    expect(LIMITS.maxAliasNodes).toBe(100_000);
    const at = parse(`${anchored('a', 100)}b: [${aliases('a', 1000)}]\n`);
    expect(at.diagnostics).toEqual([]);
    const over = parse(`${anchored('a', 100)}${anchored('c', 101)}b: [${aliases('a', 999)}]\nd: [*c]\n`);
    expect(over.diagnostics).toMatchObject([
      { code: 'yaml-alias-limit', message: 'aliases expand to more than 100,000 nodes here (an alias bomb)', range: { start: { line: 4, column: 5 } } },
    ]);
  });

  it('counts what nested aliases expand to, so a bomb is refused before anything expands', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) levels.push(`${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${aliases('abcdefghij'[i - 1] as string, 9)}]`);
    const started = Date.now();
    const outcome = parse(`${levels.join('\n')}\n`);
    expect(outcome.diagnostics).toMatchObject([{ code: 'yaml-alias-limit', range: { start: { line: 6, column: 8 } } }]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses an alias inside the node it repeats', () => {
    expect(parse('a: &x [y, *x]\n').diagnostics).toMatchObject([
      { code: 'yaml-alias-limit', message: 'alias *x is inside the node &x it repeats, so it would repeat itself forever', range: { start: { line: 1, column: 11 } } },
    ]);
  });

  it('refuses the example of docs/diagnostics/yaml-alias-limit.rst', () => {
    const page = readFileSync(new URL('../../docs/diagnostics/yaml-alias-limit.rst', import.meta.url), 'utf8');
    const example = /code-block:: yaml\n\n((?: {3}.*\n)+)/.exec(page)?.[1]?.replace(/^ {3}/gm, '');
    expect(example).toBeDefined();
    expect(codes(parse(example ?? '').diagnostics)).toEqual(['yaml-alias-limit']);
  });
});
