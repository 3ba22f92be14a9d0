/**
 * The shape of d3fend/catalog.json: what the importer derives from the D3FEND ontology and
 * every other stage reads. Arrays are sorted (techniques and ATT&CK by id, links by
 * D3FEND id then ATT&CK id) so the snapshot diffs cleanly between releases.
 */

export const TACTICS = ['Model', 'Harden', 'Detect', 'Isolate', 'Deceive', 'Evict', 'Restore'] as const;
export type TacticName = (typeof TACTICS)[number];

/** A tactic's place in TACTICS; techniques without one (not in the catalog) sort last. */
export function tacticRank(tactic: TacticName | null): number {
  return tactic === null ? TACTICS.length : TACTICS.indexOf(tactic);
}

export interface Tactic {
  readonly name: TacticName;
  /** :display-order in the ontology. */
  readonly order: number;
  readonly className: string;
}

/** A relation from a technique to a digital artifact, e.g. { relation: 'encrypts', artifact: 'Storage' }. */
export interface ArtifactRelation {
  /** Local name of the property, e.g. 'encrypts', 'may-modify'. */
  readonly relation: string;
  /** Local name of the artifact class, e.g. 'Storage'. */
  readonly artifact: string;
}

export interface DefensiveTechnique {
  readonly id: string; // D3-DENCR
  readonly label: string; // Disk Encryption
  readonly className: string; // DiskEncryption
  readonly url: string; // https://d3fend.mitre.org/technique/d3f:DiskEncryption/
  readonly tactic: TacticName;
  /** D3FEND id of the parent technique; null for a base technique (direct child of DefensiveTechnique). */
  readonly parent: string | null;
  readonly synonyms: readonly string[];
  readonly artifacts: readonly ArtifactRelation[];
}

export interface AttackTechnique {
  readonly id: string; // T1055.012
  readonly label: string;
  /** Parent technique id for a sub-technique, else null. */
  readonly parent: string | null;
  readonly artifacts: readonly ArtifactRelation[];
}

/** D3FEND technique `d3fend` counters ATT&CK technique `attack` because `attackArtifact` ⊑ `defendArtifact`. */
export interface CounterLink {
  readonly d3fend: string;
  readonly attack: string;
  readonly defends: ArtifactRelation;
  readonly offends: ArtifactRelation;
}

/** An id that must not be used as a technique: deprecated classes and analytic (D3A-) ids. */
export interface RetiredId {
  readonly id: string;
  readonly label: string;
  readonly reason: 'deprecated' | 'analytic';
  /** D3FEND id the ontology points to instead, when it names one. */
  readonly replacedBy?: string;
}

/** An ATT&CK technique marked owl:deprecated (revoked or retired upstream). */
export interface DeprecatedAttack {
  readonly id: string;
  readonly label: string;
  /** The ATT&CK id that replaces it, when the ontology names one (rdfs:seeAlso). */
  readonly replacedBy?: string;
}

export interface Provenance {
  readonly source: string; // repository
  readonly tag: string;
  readonly commit?: string;
  readonly files: readonly { readonly path: string; readonly sha256: string }[];
  readonly version: string;
  readonly releaseDate?: string;
  readonly license: string;
  readonly inference: string;
  readonly counts: {
    readonly techniques: number;
    readonly perTactic: Readonly<Record<TacticName, number>>;
    readonly attack: number;
    /** Entries in `links`: one per (defends, offends) relation pair. */
    readonly links: number;
    /** Distinct (D3FEND, ATT&CK) technique pairs among the links. */
    readonly pairs?: number;
  };
}

export interface Catalog {
  readonly format: 1;
  readonly provenance: Provenance;
  readonly tactics: readonly Tactic[];
  readonly techniques: readonly DefensiveTechnique[];
  readonly attack: readonly AttackTechnique[];
  readonly deprecatedAttack: readonly DeprecatedAttack[];
  readonly retired: readonly RetiredId[];
  readonly links: readonly CounterLink[];
}

/** Lookups over a catalog, built once per run (plain Maps: no per-row searches). */
export interface CatalogIndex {
  readonly catalog: Catalog;
  technique(id: string): DefensiveTechnique | undefined;
  attack(id: string): AttackTechnique | undefined;
  /** Deprecated or analytic ids, which must not be used as techniques. */
  retired(id: string): RetiredId | undefined;
  deprecatedAttack(id: string): DeprecatedAttack | undefined;
  /** Links whose ATT&CK side is `attackId`: the D3FEND techniques that counter it. */
  counteredBy(attackId: string): readonly CounterLink[];
  /** Links whose D3FEND side is `d3fendId`: the ATT&CK techniques it counters. */
  counters(d3fendId: string): readonly CounterLink[];
  /** "Did you mean": closest techniques by id and by label, best first. */
  suggestTechniques(query: string, limit?: number): readonly DefensiveTechnique[];
  suggestAttack(query: string, limit?: number): readonly AttackTechnique[];
  /** Free-text search over ids, labels and synonyms, best first. */
  search(text: string, limit?: number): readonly DefensiveTechnique[];
}
