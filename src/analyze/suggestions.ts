/**
 * What to do about a gap: for a threat that is open or only partly mitigated and names
 * ATT&CK techniques, the D3FEND techniques the catalog says counter them, each with the
 * artifact relation that makes it a counter ("encrypts Storage ← may-modify Storage").
 */
import type { Model, Threat, Workspace } from '../core/model.js';
import type { CatalogIndex, CounterLink, TacticName } from '../d3fend/types.js';
import { threatState, type ThreatState } from './state.js';
import { compareText } from '../core/order.js';

export type SuggestionCatalog = Pick<CatalogIndex, 'technique' | 'attack' | 'counteredBy'>;

/** Why one suggested technique counters one of the threat's ATT&CK techniques. */
export interface CounterReason {
  /** The ATT&CK id the threat names. */
  readonly attack: string;
  /** The ATT&CK technique the catalog link is about: `attack` itself, or its parent technique. */
  readonly via: string;
  /** e.g. "encrypts Storage ← may-modify Storage". */
  readonly explanation: string;
}

export interface Suggestion {
  readonly technique: string;
  readonly label: string;
  readonly tactic: TacticName;
  readonly url: string;
  /** One reason per ATT&CK id of the threat this technique counters, in the threat's order. */
  readonly reasons: readonly CounterReason[];
}

export interface ThreatSuggestions {
  readonly model: string;
  readonly threat: string;
  readonly title: string;
  readonly state: Exclude<ThreatState, 'covered'>;
  readonly suggestions: readonly Suggestion[];
}

export interface SuggestionOptions {
  /** Most techniques listed per threat (default 5). */
  readonly limit?: number;
  readonly profile?: string;
}

export const DEFAULT_SUGGESTION_LIMIT = 5;

export function explainLink(link: CounterLink): string {
  return `${link.defends.relation} ${link.defends.artifact} ← ${link.offends.relation} ${link.offends.artifact}`;
}

/**
 * Ranked counters of one threat: techniques countering more of its ATT&CK ids first, then
 * direct links before ones found through a parent technique, then by id for a stable order.
 * Techniques its mitigations already use are left out: they are not news.
 */
export function suggestForThreat(threat: Threat, catalog: SuggestionCatalog, limit = DEFAULT_SUGGESTION_LIMIT): Suggestion[] {
  const used = new Set(threat.mitigations.flatMap((m) => m.d3fend));
  const reasons = new Map<string, CounterReason[]>();
  for (const attackId of threat.attack) {
    for (const { link, via } of linksFor(attackId, catalog)) {
      if (used.has(link.d3fend)) continue;
      const list = reasons.get(link.d3fend) ?? [];
      // One reason per ATT&CK id of the threat: several artifact paths to the same id add no rank.
      if (!list.some((r) => r.attack === attackId)) list.push({ attack: attackId, via, explanation: explainLink(link) });
      reasons.set(link.d3fend, list);
    }
  }
  const ranked: { suggestion: Suggestion; indirect: number }[] = [];
  for (const [id, list] of reasons) {
    const technique = catalog.technique(id);
    if (!technique) continue;
    ranked.push({
      suggestion: { technique: id, label: technique.label, tactic: technique.tactic, url: technique.url, reasons: list },
      indirect: list.filter((r) => r.via !== r.attack).length,
    });
  }
  ranked.sort(
    (a, b) =>
      b.suggestion.reasons.length - a.suggestion.reasons.length ||
      a.indirect - b.indirect ||
      compareText(a.suggestion.technique, b.suggestion.technique),
  );
  return ranked.slice(0, Math.max(0, limit)).map((r) => r.suggestion);
}

/**
 * The catalog links of an ATT&CK id; for a sub-technique without links of its own, those of
 * its parent (T1055.012 → T1055), since a counter of the technique counters its variants.
 */
function linksFor(attackId: string, catalog: SuggestionCatalog): { link: CounterLink; via: string }[] {
  const direct = catalog.counteredBy(attackId);
  if (direct.length > 0) return direct.map((link) => ({ link, via: attackId }));
  const parent = catalog.attack(attackId)?.parent ?? parentId(attackId);
  if (!parent) return [];
  return catalog.counteredBy(parent).map((link) => ({ link, via: parent }));
}

function parentId(attackId: string): string | undefined {
  const dot = attackId.indexOf('.');
  return dot > 0 ? attackId.slice(0, dot) : undefined;
}

/** Suggestions for every open or partial threat with ATT&CK ids, models in workspace order. */
export function suggestForWorkspace(workspace: Workspace, catalog: SuggestionCatalog, options: SuggestionOptions = {}): ThreatSuggestions[] {
  return workspace.models.flatMap((model) => suggestForModel(model, catalog, options));
}

function suggestForModel(model: Model, catalog: SuggestionCatalog, options: SuggestionOptions): ThreatSuggestions[] {
  const out: ThreatSuggestions[] = [];
  for (const threat of model.threats) {
    const state = threatState(threat, options.profile);
    if (state === 'covered' || threat.attack.length === 0) continue;
    const suggestions = suggestForThreat(threat, catalog, options.limit ?? DEFAULT_SUGGESTION_LIMIT);
    if (suggestions.length > 0) out.push({ model: model.id, threat: threat.id, title: threat.title, state, suggestions });
  }
  return out;
}

