import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importCatalog, OntologyShapeError, type OntologySource } from '../../src/d3fend/import.js';
import { serializeCatalog } from '../../src/d3fend/serialize.js';
import { Ontology, d3f } from '../../src/d3fend/ontology.js';
import { P, TurtleSyntaxError, indexTurtle } from '../../src/d3fend/triples.js';

const fixture = readFileSync(new URL('../fixtures/d3fend/mini-ontology.ttl', import.meta.url), 'utf8');
const PREFIXES = fixture.slice(0, fixture.indexOf('# A hand-written'));

function source(text: string, name = 'mini-ontology.ttl'): OntologySource {
  return { path: name, name, text, sha256: 'f'.repeat(64) };
}

const catalog = importCatalog([source(fixture)], { version: '0.9.0', releaseDate: '2025-01-02', commit: 'abc1234' });
const technique = (id: string) => catalog.techniques.find((t) => t.id === id);

describe('importCatalog on the miniature ontology', () => {
  it('selects defensive techniques by hierarchy and id, never by rdf:type or prefix', () => {
    expect(catalog.techniques.map((t) => t.id)).toEqual(['D3-DENCR', 'D3-FA', 'D3-FCA', 'D3-FE', 'D3-FH', 'D3-PH']);
  });

  it('orders the tactics by display order and counts techniques per tactic', () => {
    expect(catalog.tactics.map((t) => t.name)).toEqual(['Model', 'Harden', 'Detect', 'Isolate', 'Deceive', 'Evict', 'Restore']);
    expect(catalog.provenance.counts.perTactic).toEqual({ Model: 0, Harden: 3, Detect: 3, Isolate: 0, Deceive: 0, Evict: 0, Restore: 0 });
  });

  it('resolves tactic and parent through subclass chains and id-less grouping classes', () => {
    expect(technique('D3-FH')).toMatchObject({ tactic: 'Detect', parent: 'D3-FCA' });
    expect(technique('D3-FCA')).toMatchObject({ tactic: 'Detect', parent: 'D3-FA' });
    expect(technique('D3-FA')).toMatchObject({ tactic: 'Detect', parent: null });
    expect(technique('D3-FE')).toMatchObject({ tactic: 'Harden', parent: 'D3-PH' });
  });

  it('keeps the class name, URL, sorted synonyms and only artifact relations', () => {
    expect(technique('D3-DENCR')).toEqual({
      id: 'D3-DENCR',
      label: 'Disk Encryption',
      className: 'DiskEncryption',
      url: 'https://d3fend.mitre.org/technique/d3f:DiskEncryption/',
      tactic: 'Harden',
      parent: 'D3-PH',
      synonyms: [],
      artifacts: [{ relation: 'encrypts', artifact: 'Storage' }],
    });
    expect(technique('D3-PH')?.synonyms).toEqual(['Endpoint Hardening', 'System Hardening']);
    expect(technique('D3-FH')?.artifacts).toEqual([]);
  });

  it('infers links through artifact subclasses, downwards only, and never from deprecated ATT&CK', () => {
    expect(catalog.links).toEqual([
      { d3fend: 'D3-DENCR', attack: 'T1564.005', defends: { relation: 'encrypts', artifact: 'Storage' }, offends: { relation: 'may-modify', artifact: 'Storage' } },
      { d3fend: 'D3-DENCR', attack: 'T1619', defends: { relation: 'encrypts', artifact: 'Storage' }, offends: { relation: 'accesses', artifact: 'ObjectBucket' } },
      { d3fend: 'D3-FE', attack: 'T1619', defends: { relation: 'encrypts', artifact: 'File' }, offends: { relation: 'modifies', artifact: 'File' } },
    ]);
  });

  it('lists live ATT&CK techniques with their parents and keeps deprecated ones apart', () => {
    expect(catalog.attack.map((a) => [a.id, a.parent])).toEqual([
      ['T1000', null],
      ['T1564', null],
      ['T1564.005', 'T1564'],
      ['T1619', null],
    ]);
    expect(catalog.deprecatedAttack).toEqual([{ id: 'T1002', label: 'Data Compressed', replacedBy: 'T1564' }]);
  });

  it('retires deprecated and analytic ids, one entry per repeated analytic id', () => {
    expect(catalog.retired).toEqual([
      { id: 'D3-ARMA', label: 'ARMA Model', reason: 'analytic' },
      { id: 'D3-LE', label: 'Legacy Encryption', reason: 'deprecated', replacedBy: 'D3-DENCR' },
      { id: 'D3A-SM', label: 'Soundex Matching / Substring Matching', reason: 'analytic' },
      { id: 'D3A-TSA', label: 'Time Series Analysis', reason: 'analytic' },
    ]);
  });

  it('records provenance and counts, and no definition sentences', () => {
    expect(catalog.provenance).toMatchObject({
      source: 'd3fend/d3fend-ontology',
      tag: '0.9.0',
      commit: 'abc1234',
      version: '0.9.0',
      releaseDate: '2025-01-02',
      license: 'MIT',
      files: [{ path: 'mini-ontology.ttl', sha256: 'f'.repeat(64) }],
      counts: { techniques: 6, attack: 4, links: 3, pairs: 3 },
    });
    expect(serializeCatalog(catalog)).not.toMatch(/must never|Neither must/);
  });

  it('writes one entry per line, as valid JSON, byte for byte stable', async () => {
    const text = serializeCatalog(catalog);
    expect(JSON.parse(text)).toEqual(catalog);
    expect(serializeCatalog(importCatalog([source(fixture)], { version: '0.9.0', releaseDate: '2025-01-02', commit: 'abc1234' }))).toBe(text);
    await expect(text).toMatchFileSnapshot('__snapshots__/mini-ontology.catalog.json');
  });
});

describe('importCatalog inputs', () => {
  it('takes the version from owl:versionInfo when none is given, and the tag from the version', () => {
    const derived = importCatalog([source(fixture)], {});
    expect(derived.provenance).toMatchObject({ version: '0.9.0', tag: '0.9.0' });
    expect(derived.provenance).not.toHaveProperty('commit');
  });

  it('refuses an ontology without a version when none is given', () => {
    const withoutVersion = fixture.replace('owl:versionInfo "0.9.0"', 'rdfs:label "x"');
    expect(() => importCatalog([source(withoutVersion)], {})).toThrow(/--version/);
  });

  it('gives the same catalog from an ontology split over two files, blank node labels kept apart', () => {
    const cut = fixture.indexOf('### Analytic techniques');
    // Both parts use the label _:r for different restrictions; they must not merge.
    const first = fixture.slice(0, cut).replace(
      '[ a owl:Restriction ; owl:onProperty :enables ; owl:someValuesFrom :Detect ]',
      '_:r',
    ) + '_:r a owl:Restriction ; owl:onProperty :enables ; owl:someValuesFrom :Detect .\n';
    const second = PREFIXES + fixture.slice(cut).replace(
      '[ a owl:Restriction ; owl:onProperty :accesses ; owl:someValuesFrom :ObjectBucket ]',
      '_:r',
    ) + '_:r a owl:Restriction ; owl:onProperty :accesses ; owl:someValuesFrom :ObjectBucket .\n';
    const split = importCatalog([source(first, 'a.ttl'), source(second, 'b.ttl')], { version: '0.9.0', releaseDate: '2025-01-02', commit: 'abc1234' });
    expect(split.provenance.files.map((f) => f.path)).toEqual(['a.ttl', 'b.ttl']);
    expect({ ...split, provenance: null }).toEqual({ ...catalog, provenance: null });
  });

  it('counts each triple once when input files overlap, e.g. the same file given twice', () => {
    const twice = importCatalog([source(fixture, 'a.ttl'), source(fixture, 'b.ttl')], { version: '0.9.0', releaseDate: '2025-01-02', commit: 'abc1234' });
    expect(twice.tactics.map((t) => t.name)).toEqual(['Model', 'Harden', 'Detect', 'Isolate', 'Deceive', 'Evict', 'Restore']);
    expect(twice.provenance.counts).toEqual(catalog.provenance.counts);
    expect({ ...twice, provenance: null }).toEqual({ ...catalog, provenance: null });
  });

  it('indexes a repeated triple once, so a class lists each subclass once', () => {
    const index = indexTurtle([{ name: 'a.ttl', text: fixture }, { name: 'b.ttl', text: fixture }]);
    const ontology = new Ontology(index);
    const tactics = ontology.children(d3f('DefensiveTactic'));
    expect(tactics).toHaveLength(7);
    expect(new Set(tactics).size).toBe(7);
    expect(ontology.literals(d3f('DiskEncryption'), P.d3fendId)).toEqual(['D3-DENCR']);
  });

  it('reports a Turtle syntax error with the file name and line', () => {
    const broken = `${PREFIXES}\n:X a owl:Class ;\n    rdfs:label "unterminated .\n`;
    expect(() => importCatalog([source(broken, 'broken.ttl')], { version: '1' })).toThrow(TurtleSyntaxError);
    expect(() => importCatalog([source(broken, 'broken.ttl')], { version: '1' })).toThrow(/^broken\.ttl: .*line \d+/);
  });

  it('refuses a base technique that enables no tactic', () => {
    const noTactic = fixture.replace(
      '[ a owl:Restriction ; owl:onProperty :enables ; owl:someValuesFrom :Detect ]',
      '[ a owl:Restriction ; owl:onProperty :enables ; owl:someValuesFrom :Policy ]',
    );
    expect(() => importCatalog([source(noTactic)], { version: '1' })).toThrow(OntologyShapeError);
    expect(() => importCatalog([source(noTactic)], { version: '1' })).toThrow(/D3-FA .*enables no defensive tactic/);
  });

  it('refuses a tactic it does not know and an ontology missing one', () => {
    const extra = `${fixture}\n:Anticipate a owl:Class ; rdfs:subClassOf :DefensiveTactic ; :display-order 9 .\n`;
    expect(() => importCatalog([source(extra)], { version: '1' })).toThrow(/unknown defensive tactic Anticipate/);
    const missing = fixture.replace(':Evict a owl:Class ; rdfs:label "Evict" ; rdfs:subClassOf :DefensiveTactic ; :display-order 4 .', '');
    expect(() => importCatalog([source(missing)], { version: '1' })).toThrow(/no tactic Evict/);
  });

  it('refuses two classes carrying the same technique id', () => {
    const clash = `${fixture}\n:Copy a owl:Class ; rdfs:label "Copy" ; rdfs:subClassOf :PlatformHardening ; :d3fend-id "D3-FE" .\n`;
    expect(() => importCatalog([source(clash)], { version: '1' })).toThrow(/D3-FE is carried by both/);
  });

  it('refuses an empty list of files', () => {
    expect(() => importCatalog([], { version: '1' })).toThrow(OntologyShapeError);
  });
});
