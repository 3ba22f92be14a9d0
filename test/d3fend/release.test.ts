import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCatalogIndex, shippedCatalogPath } from '../../src/d3fend/catalog.js';
import { readOntologySources } from '../../src/d3fend/files.js';
import { importCatalog } from '../../src/d3fend/import.js';
import { serializeCatalog } from '../../src/d3fend/serialize.js';

/** The figures docs/d3fend-catalog.rst and the release notes of D3FEND 1.2.0 agree on. */
const RELEASE = {
  ttl: fileURLToPath(new URL('../../../shared/d3fend/d3fend-protege-1.2.0.ttl', import.meta.url)),
  upstreamPath: 'src/ontology/d3fend-protege.ttl',
  sha256: '2ed0d4b0377bd6bbf17418fe952f52371876ee85979236748501e8ccc4cc9b59',
  options: { version: '1.2.0', tag: '1.2.0', commit: 'f767485ced18597f254b6bbaadc751852a3a3571', releaseDate: '2025-08-02' },
  perTactic: { Detect: 79, Isolate: 53, Harden: 47, Model: 27, Evict: 19, Restore: 12, Deceive: 11 },
};

describe('the shipped catalog snapshot (D3FEND 1.2.0)', () => {
  const index = loadCatalogIndex();
  const { catalog } = index;

  it('has the release figures', () => {
    expect(catalog.techniques).toHaveLength(248);
    const perTactic: Record<string, number> = {};
    for (const technique of catalog.techniques) perTactic[technique.tactic] = (perTactic[technique.tactic] ?? 0) + 1;
    expect(perTactic).toEqual(RELEASE.perTactic);
    expect(catalog.provenance.counts.perTactic).toEqual(RELEASE.perTactic);
    expect(catalog.attack).toHaveLength(679);
    expect(catalog.tactics.map((t) => t.name)).toEqual(['Model', 'Harden', 'Detect', 'Isolate', 'Deceive', 'Evict', 'Restore']);
  });

  it('records where it came from', () => {
    expect(catalog.provenance).toMatchObject({
      source: 'd3fend/d3fend-ontology',
      tag: '1.2.0',
      commit: RELEASE.options.commit,
      version: '1.2.0',
      releaseDate: '2025-08-02',
      license: 'MIT',
      files: [{ path: RELEASE.upstreamPath, sha256: RELEASE.sha256 }],
    });
  });

  it('passes the spot checks', () => {
    expect(index.technique('D3-DENCR')).toMatchObject({ label: 'Disk Encryption', tactic: 'Harden', parent: 'D3-PH' });
    expect(index.technique('D3-PH')?.label).toBe('Platform Hardening');
    expect(index.counters('D3-DENCR').map((l) => l.attack)).toEqual(expect.arrayContaining(['T1564.005', 'T1619']));
    expect(index.technique('D3-ACH')).toMatchObject({ label: 'Application Configuration Hardening', tactic: 'Harden', parent: 'D3-AH' });
    expect(index.technique('D3-SAOR')).toMatchObject({ label: 'Segment Address Offset Randomization', tactic: 'Harden' });
    const saor = new Set(index.counters('D3-SAOR').map((l) => l.attack));
    expect(saor.size).toBe(12);
    expect(saor.has('T1055.012')).toBe(true);
    // Techniques without artifacts have no links, by the inference rule.
    expect(index.counters('D3-FH')).toEqual([]);
    expect(index.counters('D3-TBI')).toEqual([]);
    expect(index.retired('D3-ARMA')?.reason).toBe('analytic');
    expect(index.technique('D3-ARMA')).toBeUndefined();
  });

  it('carries no definition sentences', () => {
    const text = readFileSync(shippedCatalogPath(), 'utf8');
    expect(text).not.toMatch(/definition/i);
    expect(text).not.toContain('Encrypting a hard disk partition');
  });
});

const present = existsSync(RELEASE.ttl);
const title = present
  ? 'importing the D3FEND 1.2.0 ontology'
  : `importing the D3FEND 1.2.0 ontology (skipped: ${RELEASE.ttl} is not present)`;

describe(title, () => {
  it.skipIf(!present)('reproduces the shipped snapshot byte for byte', async () => {
    const sources = await readOntologySources([RELEASE.ttl], (path) => path, [RELEASE.upstreamPath]);
    expect(sources[0]?.sha256).toBe(RELEASE.sha256);
    const catalog = importCatalog(sources, RELEASE.options);
    expect(catalog.techniques).toHaveLength(248);
    expect(catalog.provenance.counts.perTactic).toEqual(RELEASE.perTactic);
    expect(catalog.attack).toHaveLength(679);
    expect(serializeCatalog(catalog)).toBe(readFileSync(shippedCatalogPath(), 'utf8'));
  });
});
