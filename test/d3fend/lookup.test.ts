import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCatalogIndex } from '../../src/d3fend/catalog.js';
import { attackUrl, explain, lookUp } from '../../src/d3fend/lookup.js';
import { formatLookup, formatSearch, table } from '../../src/d3fend/present.js';
import type { Catalog } from '../../src/d3fend/types.js';

const catalog = JSON.parse(readFileSync(new URL('../fixtures/d3fend/mini-catalog.json', import.meta.url), 'utf8')) as Catalog;
const index = createCatalogIndex(catalog);

describe('lookUp', () => {
  it('finds a technique with its ancestors from the base down and its counters by ATT&CK id', () => {
    const found = lookUp(index, 'd3-ach');
    expect(found.kind).toBe('technique');
    if (found.kind !== 'technique') return;
    expect(found.ancestors.map((a) => a.id)).toEqual(['D3-AH']);
    const dencr = lookUp(index, 'D3-DENCR');
    if (dencr.kind !== 'technique') throw new Error(dencr.kind);
    expect(dencr.counters.map((c) => [c.attack.id, c.explanations.map(explain)])).toEqual([
      ['T1564.005', ['encrypts Storage ← may-modify Storage']],
      ['T1619', ['encrypts Storage ← accesses Storage']],
    ]);
  });

  it('groups what counters an ATT&CK technique by tactic', () => {
    const found = lookUp(index, 'T1055.012');
    if (found.kind !== 'attack') throw new Error(found.kind);
    expect(found.parent?.id).toBe('T1055');
    expect(found.counteredBy.map((g) => [g.tactic, g.techniques.map((t) => t.technique.id)])).toEqual([['Harden', ['D3-SAOR']]]);
  });

  it('tells retired, deprecated and unknown ids apart', () => {
    expect(lookUp(index, 'D3A-ARL')).toMatchObject({ kind: 'retired', entry: { reason: 'analytic' }, replacement: null });
    expect(lookUp(index, 'D3-OLD')).toMatchObject({ kind: 'retired', replacement: { id: 'D3-FE' } });
    expect(lookUp(index, 'T1099')).toMatchObject({ kind: 'deprecated-attack', replacement: null });
    expect(lookUp(index, 'D3-DENC')).toMatchObject({ kind: 'unknown', suggestions: [{ id: 'D3-DENCR', label: 'Disk Encryption' }] });
    expect(lookUp(index, 'T1619x')).toMatchObject({ kind: 'unknown', suggestions: [{ id: 'T1619' }] });
  });
});

describe('plain-text output', () => {
  it('aligns columns without trailing spaces', () => {
    expect(table([['a', 'bbb', 'c'], ['aaaa', 'b', '']])).toEqual(['a     bbb  c', 'aaaa  b']);
    expect(formatSearch(index.search('encryption'))).toBe('ID        LABEL            TACTIC\nD3-DENCR  Disk Encryption  Harden\nD3-FE     File Encryption  Harden\n');
  });

  it('says why a technique without artifacts counters nothing', () => {
    expect(formatLookup(lookUp(index, 'D3-FH'))).toContain('Counters no ATT&CK technique: links are inferred from artifacts and this technique names none.');
    expect(formatLookup(lookUp(index, 'D3-PH'))).toContain('Parents    (none: a base technique)');
  });

  it('links ATT&CK sub-techniques to their page', () => {
    expect(attackUrl('T1055.012')).toBe('https://attack.mitre.org/techniques/T1055/012/');
    expect(attackUrl('T1619')).toBe('https://attack.mitre.org/techniques/T1619/');
  });
});
