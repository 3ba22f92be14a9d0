import { TACTICS, type ArtifactRelation, type AttackTechnique, type Catalog, type CounterLink, type DefensiveTechnique, type Provenance, type RetiredId, type Tactic, type TacticName } from './types.js';
import { Ontology, d3f, localName } from './ontology.js';
import { OWL_ONTOLOGY, P, indexTurtle } from './triples.js';
import { compareLinks, compareRelations } from './order.js';
import { compareById } from '../core/order.js';

/** One input .ttl file: its text, and what provenance records about it. */
export interface OntologySource {
  /** Path recorded in provenance (the file's path in the upstream repository). */
  readonly path: string;
  /** Name shown in error messages (the path as given on the command line). */
  readonly name: string;
  readonly text: string;
  readonly sha256: string;
}

export interface ImportOptions {
  /** D3FEND release; when absent, the ontology header's owl:versionInfo. */
  readonly version?: string;
  readonly tag?: string;
  readonly commit?: string;
  readonly releaseDate?: string;
}

/** The ontology does not have the shape the catalog is derived from: no catalog is written. */
export class OntologyShapeError extends Error {
  override readonly name = 'OntologyShapeError';
}

export const SOURCE_REPOSITORY = 'd3fend/d3fend-ontology';
export const LICENSE = 'MIT';
export const INFERENCE_RULE =
  'A D3FEND technique counters an ATT&CK technique when an artifact the ATT&CK technique relates to ' +
  '(an owl:someValuesFrom restriction in its own rdfs:subClassOf list) is the artifact the D3FEND technique ' +
  'relates to, or a subclass of it (rdfs:subClassOf*). Artifacts are not inherited from parent techniques ' +
  'on either side. Each link keeps both relations as its explanation.';

const ROOT = {
  defensiveTechnique: d3f('DefensiveTechnique'),
  defensiveTactic: d3f('DefensiveTactic'),
  offensiveTechnique: d3f('OffensiveTechnique'),
  analyticTechnique: d3f('AnalyticTechnique'),
  digitalArtifact: d3f('DigitalArtifact'),
  enables: d3f('enables'),
} as const;

/** Derives the catalog from the ontology's triples, following docs/d3fend-catalog.rst. */
export function importCatalog(sources: readonly OntologySource[], options: ImportOptions): Catalog {
  if (sources.length === 0) throw new OntologyShapeError('no ontology files given');
  const ontology = new Ontology(indexTurtle(sources));
  const version = options.version ?? ontologyVersion(ontology);
  if (version === undefined) {
    throw new OntologyShapeError('the ontology carries no owl:versionInfo: give the D3FEND release with --version');
  }

  const tactics = deriveTactics(ontology);
  const artifacts = new Set([ROOT.digitalArtifact, ...ontology.descendants(ROOT.digitalArtifact)]);
  const techniques = deriveTechniques(ontology, tactics, artifacts);
  const { attack, deprecatedAttack } = deriveAttack(ontology, artifacts);
  const retired = deriveRetired(ontology, new Set(techniques.map((technique) => technique.id)));
  const links = inferLinks(ontology, techniques, attack);

  const perTactic = Object.fromEntries(TACTICS.map((name) => [name, 0])) as Record<TacticName, number>;
  for (const technique of techniques) perTactic[technique.tactic]++;
  const provenance: Provenance = {
    source: SOURCE_REPOSITORY,
    tag: options.tag ?? version,
    ...(options.commit === undefined ? {} : { commit: options.commit }),
    files: sources.map((source) => ({ path: source.path, sha256: source.sha256 })),
    version,
    ...(options.releaseDate === undefined ? {} : { releaseDate: options.releaseDate }),
    license: LICENSE,
    inference: INFERENCE_RULE,
    counts: {
      techniques: techniques.length,
      perTactic,
      attack: attack.length,
      links: links.length,
      pairs: new Set(links.map((link) => `${link.d3fend} ${link.attack}`)).size,
    },
  };
  return { format: 1, provenance, tactics, techniques, attack, deprecatedAttack, retired, links };
}

function ontologyVersion(ontology: Ontology): string | undefined {
  for (const header of ontology.subjectsOfType(OWL_ONTOLOGY)) {
    const version = ontology.literal(header, P.versionInfo);
    if (version !== undefined) return version;
  }
  return undefined;
}

function isTacticName(name: string): name is TacticName {
  return (TACTICS as readonly string[]).includes(name);
}

/** The direct subclasses of DefensiveTactic, in the ontology's display order. */
function deriveTactics(ontology: Ontology): Tactic[] {
  const tactics: Tactic[] = [];
  for (const cls of ontology.children(ROOT.defensiveTactic)) {
    const name = localName(cls);
    const order = Number(ontology.literal(cls, P.displayOrder));
    if (!isTacticName(name)) {
      throw new OntologyShapeError(`unknown defensive tactic ${name}: add it to TACTICS in src/d3fend/types.ts`);
    }
    if (!Number.isFinite(order)) throw new OntologyShapeError(`tactic ${name} has no numeric d3f:display-order`);
    tactics.push({ name, order, className: name });
  }
  tactics.sort((a, b) => a.order - b.order);
  const missing = TACTICS.filter((name) => !tactics.some((tactic) => tactic.name === name));
  if (missing.length > 0) throw new OntologyShapeError(`the ontology defines no tactic ${missing.join(', ')}`);
  return tactics;
}

/** The relations in a class's own subClassOf list that point at a digital artifact. */
function ownArtifacts(ontology: Ontology, cls: string, artifacts: ReadonlySet<string>): ArtifactRelation[] {
  const seen = new Set<string>();
  const result: ArtifactRelation[] = [];
  for (const { property, filler } of ontology.ownRestrictions(cls)) {
    if (!artifacts.has(filler)) continue;
    const relation = { relation: localName(property), artifact: localName(filler) };
    const key = `${relation.relation} ${relation.artifact}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(relation);
  }
  return result.sort(compareRelations);
}

function requireLabel(ontology: Ontology, cls: string, what: string): string {
  const label = ontology.literal(cls, P.label);
  if (label === undefined) throw new OntologyShapeError(`${what} ${localName(cls)} has no rdfs:label`);
  return label.trim();
}

/**
 * Defensive techniques are selected by hierarchy plus a d3fend-id, never by rdf:type (some
 * are typed as their parent) nor by id prefix (analytic techniques use D3- ids too).
 */
function deriveTechniques(ontology: Ontology, tactics: readonly Tactic[], artifacts: ReadonlySet<string>): DefensiveTechnique[] {
  const tacticByClass = new Map(tactics.map((tactic) => [d3f(tactic.className), tactic.name]));
  const idOf = new Map<string, string>();
  const candidates = ontology
    .descendants(ROOT.defensiveTechnique)
    .filter((cls) => !ontology.isTrue(cls, P.deprecated) && ontology.literal(cls, P.d3fendId) !== undefined);
  for (const cls of candidates) idOf.set(cls, (ontology.literal(cls, P.d3fendId) ?? '').trim());

  const byId = new Map<string, DefensiveTechnique>();
  for (const cls of candidates) {
    const id = idOf.get(cls) ?? '';
    const chain = techniqueChain(ontology, cls);
    const base = chain[chain.length - 1] ?? cls;
    const tactic = baseTactic(ontology, base, tacticByClass);
    if (tactic === undefined) {
      throw new OntologyShapeError(`${id} (${localName(cls)}): its base technique ${localName(base)} enables no defensive tactic`);
    }
    // The parent is the nearest ancestor that is itself a technique; grouping classes without an id are skipped.
    const parentClass = chain.slice(1).find((ancestor) => idOf.has(ancestor));
    const technique: DefensiveTechnique = {
      id,
      label: requireLabel(ontology, cls, 'defensive technique'),
      className: localName(cls),
      url: `https://d3fend.mitre.org/technique/d3f:${localName(cls)}/`,
      tactic,
      parent: parentClass === undefined ? null : (idOf.get(parentClass) ?? null),
      synonyms: [...new Set(ontology.literals(cls, P.synonym).map((synonym) => synonym.trim()))].sort(),
      artifacts: ownArtifacts(ontology, cls, artifacts),
    };
    const clash = byId.get(id);
    if (clash) throw new OntologyShapeError(`d3fend-id ${id} is carried by both ${clash.className} and ${technique.className}`);
    byId.set(id, technique);
  }
  return [...byId.values()].sort(compareById);
}

/**
 * The class, its parent technique, and so on up to the base technique (the direct child of
 * DefensiveTechnique). At each step the parent is the one named superclass under DefensiveTechnique.
 */
function techniqueChain(ontology: Ontology, cls: string): string[] {
  const chain = [cls];
  for (let current = cls; ; ) {
    const parents = ontology.parents(current);
    if (parents.includes(ROOT.defensiveTechnique)) return chain;
    const next = parents.find((parent) => ontology.ancestors(parent).has(ROOT.defensiveTechnique));
    if (next === undefined || chain.includes(next)) return chain;
    chain.push(next);
    current = next;
  }
}

function baseTactic(ontology: Ontology, base: string, tacticByClass: ReadonlyMap<string, TacticName>): TacticName | undefined {
  const enabled = ontology
    .ownRestrictions(base)
    .filter((restriction) => restriction.property === ROOT.enables)
    .flatMap((restriction) => {
      const tactic = tacticByClass.get(restriction.filler);
      return tactic === undefined ? [] : [tactic];
    });
  const unique = [...new Set(enabled)];
  if (unique.length > 1) throw new OntologyShapeError(`base technique ${localName(base)} enables several tactics: ${unique.join(', ')}`);
  return unique[0];
}

function deriveAttack(
  ontology: Ontology,
  artifacts: ReadonlySet<string>,
): { attack: AttackTechnique[]; deprecatedAttack: { id: string; label: string; replacedBy?: string }[] } {
  const attack = new Map<string, AttackTechnique>();
  const deprecated = new Map<string, { id: string; label: string; replacedBy?: string }>();
  for (const cls of ontology.descendants(ROOT.offensiveTechnique)) {
    const id = ontology.literal(cls, P.attackId)?.trim();
    if (id === undefined) continue;
    const label = requireLabel(ontology, cls, 'ATT&CK technique');
    if (ontology.isTrue(cls, P.deprecated)) {
      // Revoked techniques name their successor in rdfs:seeAlso ("T1560").
      const replacedBy = ontology.literals(cls, P.seeAlso).find((value) => /^T\d{4}(\.\d{3})?$/.test(value));
      deprecated.set(id, { id, label, ...(replacedBy === undefined ? {} : { replacedBy }) });
      continue;
    }
    const parentClass = ontology.parents(cls).find((parent) => ontology.literal(parent, P.attackId) !== undefined);
    const clash = attack.get(id);
    if (clash) throw new OntologyShapeError(`attack-id ${id} is carried by two classes`);
    attack.set(id, {
      id,
      label,
      parent: parentClass === undefined ? null : (ontology.literal(parentClass, P.attackId)?.trim() ?? null),
      artifacts: ownArtifacts(ontology, cls, artifacts),
    });
  }
  // An id both live and deprecated (a class re-added) is live.
  for (const id of attack.keys()) deprecated.delete(id);
  return { attack: [...attack.values()].sort(compareById), deprecatedAttack: [...deprecated.values()].sort(compareById) };
}

/**
 * Ids a model must not use as techniques: deprecated classes that still carry a d3fend-id, and
 * analytic techniques (D3A- ids, and the few analytic D3- ids). Analytic ids repeat across
 * classes, so one entry per id lists every label.
 */
function deriveRetired(ontology: Ontology, live: ReadonlySet<string>): RetiredId[] {
  const labels = new Map<string, { labels: Set<string>; reason: RetiredId['reason']; replacedBy?: string }>();
  const note = (cls: string, reason: RetiredId['reason'], replacedBy?: string): void => {
    const id = ontology.literal(cls, P.d3fendId)?.trim();
    if (id === undefined || live.has(id)) return;
    const entry = labels.get(id) ?? { labels: new Set<string>(), reason, ...(replacedBy === undefined ? {} : { replacedBy }) };
    entry.labels.add((ontology.literal(cls, P.label) ?? localName(cls)).trim());
    labels.set(id, entry);
  };
  for (const cls of ontology.descendants(ROOT.defensiveTechnique)) {
    if (!ontology.isTrue(cls, P.deprecated)) continue;
    const successor = ontology
      .objects(cls, P.seeAlso)
      .flatMap((term) => (term.kind === 'iri' ? [ontology.literal(term.value, P.d3fendId)] : []))
      .find((id) => id !== undefined && live.has(id));
    note(cls, 'deprecated', successor);
  }
  for (const cls of ontology.descendants(ROOT.analyticTechnique)) note(cls, 'analytic');
  return [...labels.entries()]
    .map(([id, entry]) => ({
      id,
      label: [...entry.labels].sort().join(' / '),
      reason: entry.reason,
      ...(entry.replacedBy === undefined ? {} : { replacedBy: entry.replacedBy }),
    }))
    .sort(compareById);
}

/**
 * Applies the inference rule (INFERENCE_RULE). Each ATT&CK artifact relation is filed under
 * its artifact and every superclass of it, so a defended artifact finds all the relations it
 * covers with one lookup instead of a test against every ATT&CK technique.
 */
function inferLinks(ontology: Ontology, techniques: readonly DefensiveTechnique[], attack: readonly AttackTechnique[]): CounterLink[] {
  const coveredBy = new Map<string, { attack: string; offends: ArtifactRelation }[]>();
  for (const offensive of attack) {
    for (const offends of offensive.artifacts) {
      const artifact = d3f(offends.artifact);
      for (const covering of [artifact, ...ontology.ancestors(artifact)]) {
        const entries = coveredBy.get(covering);
        const entry = { attack: offensive.id, offends };
        if (entries) entries.push(entry);
        else coveredBy.set(covering, [entry]);
      }
    }
  }
  const links: CounterLink[] = [];
  for (const technique of techniques) {
    for (const defends of technique.artifacts) {
      for (const { attack: attackId, offends } of coveredBy.get(d3f(defends.artifact)) ?? []) {
        links.push({ d3fend: technique.id, attack: attackId, defends, offends });
      }
    }
  }
  return links.sort(compareLinks);
}
