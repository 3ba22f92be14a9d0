import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CatalogLoadError, createCatalogIndex, readCatalogFile } from '../../src/d3fend/catalog.js';
import { editDistance } from '../../src/core/edit-distance.js';
import type { Catalog } from '../../src/d3fend/types.js';

const fixturePath = new URL('../fixtures/d3fend/mini-catalog.json', import.meta.url);
const catalog = JSON.parse(readFileSync(fixturePath, 'utf8')) as Catalog;
const index = createCatalogIndex(catalog);
const ids = (items: readonly { id: string }[]): string[] => items.map((item) => item.id);

describe('createCatalogIndex lookups', () => {
  it('finds techniques, ATT&CK techniques, retired and deprecated ids by exact id', () => {
    expect(index.technique('D3-DENCR')?.label).toBe('Disk Encryption');
    expect(index.technique('D3-DENC')).toBeUndefined();
    expect(index.attack('T1055.012')?.parent).toBe('T1055');
    expect(index.retired('D3A-ARL')?.reason).toBe('analytic');
    expect(index.retired('D3-OLD')?.replacedBy).toBe('D3-FE');
    expect(index.retired('D3-DENCR')).toBeUndefined();
    expect(index.deprecatedAttack('T1099')?.label).toBe('Timestomp');
    expect(index.deprecatedAttack('T1055')).toBeUndefined();
  });

  it('relates links both ways', () => {
    expect(index.counters('D3-DENCR').map((link) => link.attack)).toEqual(['T1564.005', 'T1619']);
    expect(index.counteredBy('T1055.012').map((link) => link.d3fend)).toEqual(['D3-SAOR']);
    expect(index.counters('D3-FH')).toEqual([]);
    expect(index.counteredBy('T9999')).toEqual([]);
  });
});

describe('suggestions', () => {
  it('completes a truncated id first', () => {
    expect(ids(index.suggestTechniques('D3-DENC'))[0]).toBe('D3-DENCR');
  });

  it('corrects a mistyped id, in any case', () => {
    expect(ids(index.suggestTechniques('d3-dnecr'))).toEqual(['D3-DENCR']);
    expect(ids(index.suggestTechniques('D3-SAOT'))).toContain('D3-SAOR');
    expect(ids(index.suggestAttack('T1055.12'))).toEqual(['T1055.012']);
  });

  it('finds a technique by words of its label or synonym', () => {
    expect(ids(index.suggestTechniques('disk encrypt'))[0]).toBe('D3-DENCR');
    expect(ids(index.suggestTechniques('Disk Encryption'))).toEqual(['D3-DENCR']);
    expect(ids(index.suggestTechniques('aslr'))).toEqual(['D3-SAOR']);
    expect(ids(index.suggestAttack('process hollowing'))).toEqual(['T1055.012']);
  });

  it('offers nothing for unrelated text and honours the limit', () => {
    expect(index.suggestTechniques('zzqq-unrelated')).toEqual([]);
    expect(index.suggestTechniques('')).toEqual([]);
    expect(index.suggestTechniques('hardening', 1)).toHaveLength(1);
  });
});

describe('search', () => {
  it('ranks label matches and requires every word', () => {
    expect(ids(index.search('encryption'))).toEqual(['D3-DENCR', 'D3-FE']);
    expect(ids(index.search('dsik'))).toEqual(['D3-DENCR']);
    expect(ids(index.search('disk'))).toEqual(['D3-DENCR']);
    expect(ids(index.search('disk encryption'))).toEqual(['D3-DENCR']);
    expect(ids(index.search('hardening'))).toEqual(['D3-AH', 'D3-PH', 'D3-ACH']);
  });

  it('matches ids by prefix and returns nothing for blank text', () => {
    expect(ids(index.search('d3-dencr'))).toEqual(['D3-DENCR']);
    expect(index.search('   ')).toEqual([]);
    expect(index.search('hardening', 2)).toHaveLength(2);
  });
});

describe('readCatalogFile', () => {
  it('reads a catalog and rejects files that are not one', () => {
    expect(readCatalogFile(new URL(fixturePath).pathname).techniques).toHaveLength(7);
    const notCatalog = new URL('../fixtures/d3fend/not-a-catalog.json', import.meta.url).pathname;
    expect(() => readCatalogFile(notCatalog)).toThrow(CatalogLoadError);
    expect(() => readCatalogFile('/nonexistent/catalog.json')).toThrow(/cannot read the D3FEND catalog .*ENOENT/);
  });
});

describe('editDistance', () => {
  it('counts edits and adjacent swaps', () => {
    expect(editDistance('D3-DENCR', 'D3-DENCR')).toBe(0);
    expect(editDistance('D3-DNECR', 'D3-DENCR')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('abc', 'xyzabc', 1)).toBe(2);
  });
});
