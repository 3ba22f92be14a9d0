import { describe, expect, it } from 'vitest';
import { diagnostic } from '../../src/core/diagnostic.js';
import { LIMITS } from '../../src/load/limits.js';
import { parseSource } from '../../src/load/parse.js';
import { diagnosticReport } from '../../src/report/diagnostics/report.js';
import { validateSchema } from '../../src/validate/schema.js';

const header = 'threatdoc: 1\nid: x\ntitle: t\nstatus: draft\n';

describe('files with very many problems', () => {
  it('finds a repeated key among 20,000 without comparing every pair', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}: v`);
    keys.push('k10: again');
    const outcome = parseSource({ file: 'x.yaml', text: `${header}${keys.join('\n')}\n` });
    expect(outcome.diagnostics).toMatchObject([
      { code: 'yaml-duplicate-key', message: 'the key "k10" appears twice in this mapping', range: { start: { line: 20_005, column: 1 } } },
    ]);
  });

  it('reports every unknown key, with suggestions only for as many as can be shown', () => {
    const count = LIMITS.maxDiagnosticsPerFile + 5;
    const keys = Array.from({ length: count }, () => 'titel').map((k, i) => `${k}${'x'.repeat(i % 2)}${i}: v`);
    const outcome = parseSource({ file: 'x.yaml', text: `${header}${keys.join('\n')}\n` });
    if (!outcome.ok) throw new Error('parse failed');
    const found = validateSchema(outcome.parsed);
    expect(found).toHaveLength(count);
    expect(found.every((d) => d.code === 'schema-unknown-key')).toBe(true);
  });

  const at = (file: string, line: number, severity: 'error' | 'warning') =>
    diagnostic('unused-asset', { file, path: [], severity, range: { start: { line, column: 1 }, end: { line, column: 1 } }, message: `m${line}` });

  it('lists at most the limit per file, errors first, and one notice as severe as the worst left out', () => {
    const list = [at('a.yaml', 1, 'warning'), at('a.yaml', 2, 'warning'), at('a.yaml', 3, 'error'), at('a.yaml', 4, 'warning'), at('b.yaml', 1, 'warning')];
    const report = diagnosticReport(list, { limitPerFile: 2 });
    expect(report.listed.map((d) => `${d.file} ${d.code} ${d.severity} ${d.range?.start.line ?? ''}`)).toEqual([
      'a.yaml unused-asset warning 1',
      'a.yaml unused-asset error 3',
      'a.yaml too-many-problems warning ',
      'b.yaml unused-asset warning 1',
    ]);
    expect(report.listed[2]?.message).toBe('2 more problems in a.yaml are not shown (0 errors, 2 warnings); at most 2 are listed per file, errors first');
    expect(report).toMatchObject({ found: { error: 1, warning: 4, info: 0 }, shown: 3, files: 2 });
  });

  it('applies --quiet before the limit, so warnings take no place of an error', () => {
    const list = [at('a.yaml', 1, 'warning'), at('a.yaml', 2, 'warning'), at('a.yaml', 3, 'warning'), at('a.yaml', 4, 'error')];
    const report = diagnosticReport(list, { scope: 'errors', limitPerFile: 2 });
    expect(report.listed.map((d) => `${d.severity} ${d.range?.start.line ?? ''}`)).toEqual(['error 4']);
    expect(report).toMatchObject({ found: { error: 1, warning: 3, info: 0 }, shown: 1, files: 1 });
  });
});
