import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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
    expect(() => readCatalogFile('/nonexistent/catalog.json')).toThrow(/^cannot read the D3FEND catalog \/nonexistent\/catalog\.json: no such file or directory$/);
  });
});

describe('the shipped catalog', () => {
  it('holds together, so reading it may skip the check', async () => {
    const { catalogProblem, shippedCatalogPath } = await import('../../src/d3fend/catalog.js');
    expect(catalogProblem(readCatalogFile(shippedCatalogPath(), { consistent: true }))).toBeUndefined();
  });
});

describe('readCatalogFile consistency', () => {
  const dir = mkdtempSync(join(tmpdir(), 'threatdoc-catalog-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const broken = (name: string, change: (copy: Record<string, unknown[]>) => void): string => {
    const copy = JSON.parse(JSON.stringify(catalog)) as Record<string, unknown[]>;
    change(copy);
    const path = join(dir, `${name}.json`);
    writeFileSync(path, JSON.stringify(copy));
    return path;
  };
  const refused = (path: string): string => {
    try {
      readCatalogFile(path);
    } catch (error) {
      expect(error).toBeInstanceOf(CatalogLoadError);
      return (error as Error).message;
    }
    throw new Error(`${path} was read`);
  };

  it('refuses a technique whose tactic is not among the catalog tactics', () => {
    const path = broken('tactic', (c) => Object.assign(c['techniques']![0] as object, { tactic: 'Anticipate' }));
    expect(refused(path)).toBe(`the D3FEND catalog ${path} is inconsistent: technique D3-ACH has tactic "Anticipate", which is not among its tactics`);
  });

  it('refuses two techniques, ATT&CK techniques or retired entries with the same id', () => {
    const path = broken('twice', (c) => c['techniques']!.push({ ...(c['techniques']![2] as object), label: 'Other' }));
    expect(refused(path)).toBe(`the D3FEND catalog ${path} is inconsistent: technique D3-DENCR is listed twice`);
    const attack = broken('attack-twice', (c) => c['attack']!.push(c['attack']![0]));
    expect(refused(attack)).toMatch(/inconsistent: ATT&CK technique T1055 is listed twice$/);
    const retired = broken('retired-twice', (c) => c['retired']!.push(c['retired']![0]));
    expect(refused(retired)).toMatch(/inconsistent: retired id D3-OLD is listed twice$/);
  });

  it('refuses a parent that is not in the catalog', () => {
    const path = broken('parent', (c) => Object.assign(c['techniques']![0] as object, { parent: 'D3-NOPE' }));
    expect(refused(path)).toMatch(/inconsistent: technique D3-ACH has parent D3-NOPE, which is not in the catalog$/);
    const attack = broken('attack-parent', (c) => Object.assign(c['attack']![1] as object, { parent: 'T9999' }));
    expect(refused(attack)).toMatch(/inconsistent: ATT&CK technique T1055\.012 has parent T9999, which is not in the catalog$/);
  });

  it('refuses a link to an unknown D3FEND or ATT&CK id', () => {
    const path = broken('link', (c) => Object.assign(c['links']![0] as object, { d3fend: 'D3-NOPE' }));
    expect(refused(path)).toMatch(/inconsistent: a link names D3FEND technique D3-NOPE, which is not in the catalog$/);
    const attack = broken('link-attack', (c) => Object.assign(c['links']![0] as object, { attack: 'T9999' }));
    expect(refused(attack)).toMatch(/inconsistent: a link names ATT&CK technique T9999, which is not in the catalog$/);
  });

  it('refuses duplicated and unknown tactics', () => {
    const path = broken('tactics', (c) => c['tactics']!.push(c['tactics']![1]));
    expect(refused(path)).toMatch(/inconsistent: tactic Harden is listed twice$/);
    const unknown = broken('unknown-tactic', (c) => Object.assign(c['tactics']![0] as object, { name: 'Anticipate' }));
    expect(refused(unknown)).toMatch(/inconsistent: unknown tactic "Anticipate"$/);
  });

  it('refuses entries without the fields every lookup relies on', () => {
    const path = broken('no-id', (c) => delete (c['techniques']![0] as Record<string, unknown>)['id']);
    expect(refused(path)).toMatch(/inconsistent: techniques entry 1 has no id$/);
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
