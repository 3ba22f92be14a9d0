/**
 * The limits of docs/limits.rst at their boundaries: exactly at a limit is accepted, one over
 * is a located diagnostic with the documented code, and neither takes long. (The YAML-level
 * limits, nesting and aliases, have fixtures under test/fixtures/invalid/.)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import { LIMITS } from '../../src/load/limits.js';
import { checkWorkspace } from '../../src/pipeline.js';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'threatdoc-limits-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function check(files: Record<string, string>): Promise<{ diagnostics: Diagnostic[]; ms: number }> {
  const dir = mkdtempSync(join(root, 'case-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const start = performance.now();
  const result = await checkWorkspace([dir], { cwd: dir });
  return { diagnostics: result.diagnostics, ms: performance.now() - start };
}

const codes = (list: readonly Diagnostic[]): string[] => list.map((d) => d.code);

/** A valid model whose one threat has the given title and description. */
function model(title: string, description = 'Short.'): string {
  return [
    'threatdoc: 1',
    'id: limits',
    'title: Limits',
    'status: draft',
    'threats:',
    '  - id: t1',
    `    title: ${JSON.stringify(title)}`,
    `    description: ${JSON.stringify(description)}`,
    '',
  ].join('\n');
}

describe('text length', () => {
  it('accepts a title of 300 characters, counting an emoji as one, and reports 301 at the title', async () => {
    expect((await check({ 'm.yaml': model('t'.repeat(300)) })).diagnostics).toEqual([]);
    expect((await check({ 'm.yaml': model('🔥'.repeat(300)) })).diagnostics).toEqual([]);
    const { diagnostics } = await check({ 'm.yaml': model('t'.repeat(301)) });
    expect(codes(diagnostics)).toEqual(['text-too-long']);
    expect(diagnostics[0]!.range?.start.line).toBe(7);
    expect(diagnostics[0]!.message).toMatch(/301/);
    expect(diagnostics[0]!.message).toMatch(/300/);
  });

  it('accepts a description of 20,000 characters and reports 20,001', async () => {
    expect((await check({ 'm.yaml': model('T', 'd'.repeat(20_000)) })).diagnostics).toEqual([]);
    const { diagnostics } = await check({ 'm.yaml': model('T', 'd'.repeat(20_001)) });
    expect(codes(diagnostics)).toEqual(['text-too-long']);
    expect(diagnostics[0]!.range?.start.line).toBe(8);
  });
});

describe('file size', () => {
  it('reports a file one byte over the limit without parsing it', async () => {
    const head = model('T');
    const filler = `# ${'x'.repeat(98)}\n`;
    let text = head + filler.repeat(Math.ceil((LIMITS.maxFileBytes - head.length) / filler.length));
    text = text.slice(0, LIMITS.maxFileBytes + 1);
    const { diagnostics, ms } = await check({ 'big.yaml': text });
    expect(codes(diagnostics)).toEqual(['file-too-large']);
    expect(diagnostics[0]!.file).toBe('big.yaml');
    // Parsing 5 MB of YAML takes seconds; refusing it by its size takes milliseconds.
    expect(ms).toBeLessThan(1_000);
  });
});

describe('number of files', () => {
  const library = (i: number): string => `threatdoc: 1\nkind: library\nid: lib-${i}\ntitle: Library ${i}\n`;

  function tree(count: number): Record<string, string> {
    const files: Record<string, string> = { 'model.yaml': model('T') };
    for (let i = 1; i < count; i++) files[`lib-${i}.yaml`] = library(i);
    return files;
  }

  it(`reads ${LIMITS.maxFiles} files and refuses ${LIMITS.maxFiles + 1} with one diagnostic`, async () => {
    const atLimit = await check(tree(LIMITS.maxFiles));
    expect(codes(atLimit.diagnostics)).not.toContain('too-many-files');
    expect(atLimit.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);

    const over = await check(tree(LIMITS.maxFiles + 1));
    expect(codes(over.diagnostics)).toEqual(['too-many-files']);
    expect(over.diagnostics[0]!.message).toMatch(String(LIMITS.maxFiles));
  });

  it('stops listing a deep tree of many files at the limit', async () => {
    const dir = mkdtempSync(join(root, 'deep-'));
    for (let d = 0; d < 30; d++) {
      const sub = join(dir, `d${d}`);
      mkdirSync(sub);
      for (let i = 0; i < 100; i++) writeFileSync(join(sub, `m${i}.yaml`), 'x: 1\n');
    }
    const result = await checkWorkspace([dir], { cwd: dir });
    expect(codes(result.diagnostics)).toEqual(['too-many-files']);
  });
});

describe('YAML nodes per file', () => {
  const head = 'threatdoc: 1\nid: nodes\ntitle: Nodes\nstatus: draft\n';
  /** The head's four lines, the line of the list, its "[" and a "," before every item after the first. */
  const counted = (items: number): number => 4 + 1 + 1 + (items - 1);
  const list = (items: number): string => `${head}assumptions: [${Array.from({ length: items }, () => 'a').join(', ')}]\n`;

  it(`reads ${LIMITS.maxNodes.toLocaleString('en-US')} counted nodes and refuses one more, at the node`, async () => {
    const items = LIMITS.maxNodes - counted(1) + 1;
    expect(counted(items)).toBe(LIMITS.maxNodes);
    expect(codes((await check({ 'm.yaml': list(items) })).diagnostics)).not.toContain('yaml-too-many-nodes');

    const over = await check({ 'm.yaml': list(items + 1) });
    expect(codes(over.diagnostics)).toEqual(['yaml-too-many-nodes']);
    const text = list(items + 1);
    // At the last ",": the node that passes the limit.
    expect(over.diagnostics[0]!.range?.start).toEqual({ line: 5, column: text.lastIndexOf(',') - text.lastIndexOf('\n', text.length - 2) });
    expect(over.diagnostics[0]!.message).toContain(LIMITS.maxNodes.toLocaleString('en-US'));
  });

  // Each of these is about 1 MB; written out to 4 MB, yaml took 15 to 29 s and 1.5 to 3.4 GB for one.
  const dense: Record<string, (i: number) => string> = {
    'short flow lists': (i) => `k${i}: [${Array(16).fill('[]').join(', ')}]\n`,
    'flow lists nested 60 deep': (i) => `k${i}: ${'['.repeat(60)}1${']'.repeat(60)}\n`,
    'flow mappings nested 60 deep': (i) => `k${i}: ${'{a: '.repeat(60)}1${'}'.repeat(60)}\n`,
    'compact block lists 60 deep': (i) => `k${i}:\n  ${'- '.repeat(60)}1\n`,
    'long flow lists of words': (i) => `k${i}: [${Array(100).fill('a').join(', ')}]\n`,
    'block lists of words': (i) => `k${i}:\n${'  - a\n'.repeat(50)}`,
  };
  it.each(Object.keys(dense))('refuses %s before any parser holds them', async (shape) => {
    let text = head;
    for (let i = 0; text.length < 1_000_000; i++) text += dense[shape]!(i);
    const { diagnostics } = await check({ 'm.yaml': text });
    expect(codes(diagnostics)).toEqual(['yaml-too-many-nodes']);
  });

  it('counts realistic model text up to the size limit under the limit', async () => {
    const { plan, toYaml, readCatalog } = await import('../../bench/generate.mjs');
    const { prescan } = await import('../../src/load/prescan.js');
    // The generated files one after another: the text of models, as dense as real ones.
    let text = '';
    for (const file of plan({ scale: 6, catalog: readCatalog() })) {
      const next = toYaml(file.doc);
      if (Buffer.byteLength(text + next) > LIMITS.maxFileBytes) break;
      text += next;
    }
    expect(Buffer.byteLength(text)).toBeGreaterThan(0.95 * LIMITS.maxFileBytes);
    expect(prescan(text).overLimit).toBeUndefined();
  });
});
