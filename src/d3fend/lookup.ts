import type {
  ArtifactRelation,
  AttackTechnique,
  CatalogIndex,
  CounterLink,
  DefensiveTechnique,
  DeprecatedAttack,
  RetiredId,
  TacticName,
} from './types.js';
import { compareText } from '../core/order.js';

/** Why one technique counters another: the defended artifact and the one the attack touches. */
export interface Explanation {
  readonly defends: ArtifactRelation;
  readonly offends: ArtifactRelation;
}

export interface CounteredAttack {
  readonly attack: AttackTechnique;
  readonly explanations: readonly Explanation[];
}

export interface CounteringTechnique {
  readonly technique: DefensiveTechnique;
  readonly explanations: readonly Explanation[];
}

/** What `d3fend show` found for an id; each kind carries exactly what its output needs. */
export type Lookup =
  | {
      readonly kind: 'technique';
      readonly technique: DefensiveTechnique;
      /** From the base technique down to the direct parent. */
      readonly ancestors: readonly DefensiveTechnique[];
      readonly counters: readonly CounteredAttack[];
    }
  | {
      readonly kind: 'attack';
      readonly attack: AttackTechnique;
      readonly parent: AttackTechnique | null;
      readonly counteredBy: readonly { readonly tactic: TacticName; readonly techniques: readonly CounteringTechnique[] }[];
    }
  | { readonly kind: 'deprecated-attack'; readonly entry: DeprecatedAttack; readonly replacement: AttackTechnique | null }
  | { readonly kind: 'retired'; readonly entry: RetiredId; readonly replacement: DefensiveTechnique | null }
  | { readonly kind: 'unknown'; readonly query: string; readonly suggestions: readonly { readonly id: string; readonly label: string }[] };

/** Looks an id up in every list of the catalog; ids are matched without regard to case. */
export function lookUp(index: CatalogIndex, query: string): Lookup {
  const id = query.trim().toUpperCase();
  const technique = index.technique(id);
  if (technique) {
    return { kind: 'technique', technique, ancestors: ancestorsOf(index, technique), counters: groupByAttack(index, index.counters(id)) };
  }
  const attack = index.attack(id);
  if (attack) {
    return {
      kind: 'attack',
      attack,
      parent: attack.parent === null ? null : (index.attack(attack.parent) ?? null),
      counteredBy: groupByTactic(index, index.counteredBy(id)),
    };
  }
  const deprecated = index.deprecatedAttack(id);
  if (deprecated) {
    return { kind: 'deprecated-attack', entry: deprecated, replacement: deprecated.replacedBy === undefined ? null : (index.attack(deprecated.replacedBy) ?? null) };
  }
  const retired = index.retired(id);
  if (retired) {
    return { kind: 'retired', entry: retired, replacement: retired.replacedBy === undefined ? null : (index.technique(retired.replacedBy) ?? null) };
  }
  // An id-shaped query that looks like ATT&CK gets ATT&CK guesses; anything else, D3FEND ones.
  const suggestions = /^T\d/i.test(query.trim()) ? index.suggestAttack(query) : index.suggestTechniques(query);
  return { kind: 'unknown', query, suggestions: suggestions.map(({ id: sid, label }) => ({ id: sid, label })) };
}

function ancestorsOf(index: CatalogIndex, technique: DefensiveTechnique): DefensiveTechnique[] {
  const chain: DefensiveTechnique[] = [];
  const seen = new Set([technique.id]);
  for (let parent = technique.parent; parent !== null && !seen.has(parent); ) {
    const found = index.technique(parent);
    if (!found) break;
    seen.add(parent);
    chain.unshift(found);
    parent = found.parent;
  }
  return chain;
}

function explanationOf(link: CounterLink): Explanation {
  return { defends: link.defends, offends: link.offends };
}

function groupByAttack(index: CatalogIndex, links: readonly CounterLink[]): CounteredAttack[] {
  const groups = new Map<string, Explanation[]>();
  for (const link of links) groups.set(link.attack, [...(groups.get(link.attack) ?? []), explanationOf(link)]);
  return [...groups]
    .flatMap(([id, explanations]) => {
      const attack = index.attack(id);
      return attack ? [{ attack, explanations }] : [];
    })
    .sort((a, b) => compareText(a.attack.id, b.attack.id));
}

function groupByTactic(index: CatalogIndex, links: readonly CounterLink[]): { tactic: TacticName; techniques: CounteringTechnique[] }[] {
  const byTechnique = new Map<string, Explanation[]>();
  for (const link of links) byTechnique.set(link.d3fend, [...(byTechnique.get(link.d3fend) ?? []), explanationOf(link)]);
  return index.catalog.tactics
    .map((tactic) => ({
      tactic: tactic.name,
      techniques: [...byTechnique]
        .flatMap(([id, explanations]) => {
          const technique = index.technique(id);
          return technique && technique.tactic === tactic.name ? [{ technique, explanations }] : [];
        })
        .sort((a, b) => compareText(a.technique.id, b.technique.id)),
    }))
    .filter((group) => group.techniques.length > 0);
}

/** "encrypts Storage ← modifies Storage": the defended artifact, then what the attack does to one. */
export function explain(explanation: Explanation): string {
  const { defends, offends } = explanation;
  return `${defends.relation} ${defends.artifact} ← ${offends.relation} ${offends.artifact}`;
}

/** ATT&CK's own page: T1055.012 → https://attack.mitre.org/techniques/T1055/012/ */
export function attackUrl(id: string): string {
  return `https://attack.mitre.org/techniques/${id.replace('.', '/')}/`;
}
