import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AttackTechnique, Catalog, CatalogIndex, CounterLink, DefensiveTechnique, RetiredId } from './types.js';
import { byScore, idScore, labelScore, normalise, termsOf, wordsOf, type RankTerms, type Ranked } from './rank.js';

const DEFAULT_SUGGESTIONS = 3;
const DEFAULT_SEARCH_RESULTS = 20;

interface Indexed<T> {
  readonly item: T;
  readonly terms: RankTerms;
}

/** Builds the lookups once; every id lookup afterwards is a Map get. */
export function createCatalogIndex(catalog: Catalog): CatalogIndex {
  const techniques = byId(catalog.techniques);
  const attack = byId(catalog.attack);
  const retired = byId(catalog.retired);
  const deprecatedAttack = byId(catalog.deprecatedAttack);
  const counteredBy = groupBy(catalog.links, (link) => link.attack);
  const counters = groupBy(catalog.links, (link) => link.d3fend);
  // The search terms serve "did you mean" and search only, which a clean run never asks for.
  let techniqueTerms: readonly Indexed<DefensiveTechnique>[] | undefined;
  let attackTerms: readonly Indexed<AttackTechnique>[] | undefined;
  const techniqueIndex = (): readonly Indexed<DefensiveTechnique>[] =>
    (techniqueTerms ??= catalog.techniques.map((item) => ({ item, terms: termsOf(item.id, item.label, item.synonyms) })));
  const attackIndex = (): readonly Indexed<AttackTechnique>[] => (attackTerms ??= catalog.attack.map((item) => ({ item, terms: termsOf(item.id, item.label) })));
  const none: readonly CounterLink[] = [];

  return {
    catalog,
    technique: (id) => techniques.get(id),
    attack: (id) => attack.get(id),
    retired: (id) => retired.get(id),
    deprecatedAttack: (id) => deprecatedAttack.get(id),
    counteredBy: (attackId) => counteredBy.get(attackId) ?? none,
    counters: (d3fendId) => counters.get(d3fendId) ?? none,
    suggestTechniques: (query, limit = DEFAULT_SUGGESTIONS) => suggest(query, techniqueIndex(), limit),
    suggestAttack: (query, limit = DEFAULT_SUGGESTIONS) => suggest(query, attackIndex(), limit),
    search: (text, limit = DEFAULT_SEARCH_RESULTS) => search(text, techniqueIndex(), limit),
  };
}

function byId<T extends { readonly id: string }>(items: readonly T[]): ReadonlyMap<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): ReadonlyMap<string, readonly T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * "Did you mean": a mistyped or truncated id, or words of the label. Only candidates close to
 * the best one are offered, so a clear winner is not buried under weak guesses.
 */
function suggest<T extends { readonly id: string; readonly label: string }>(query: string, entries: readonly Indexed<T>[], limit: number): T[] {
  const typedWords = wordsOf(query);
  const typedPhrase = normalise(query);
  const ranked: Ranked<T>[] = [];
  for (const { item, terms } of entries) {
    const byLabel = labelScore(typedWords, typedPhrase, terms);
    // A label guess needs most typed words to match; one shared word alone is noise.
    const labelPart = byLabel.complete || byLabel.score >= 60 ? byLabel.score : 0;
    const score = Math.max(idScore(query, terms.id), labelPart);
    if (score > 0) ranked.push({ item, score });
  }
  ranked.sort(byScore);
  const best = ranked[0]?.score ?? 0;
  return ranked
    .filter((entry) => entry.score >= best * 0.6)
    .slice(0, Math.max(0, limit))
    .map((entry) => entry.item);
}

/**
 * Free-text search: every typed word must match an id, label or synonym word. Matches with a
 * typo count only when nothing matches cleanly, so "disk" does not also list "Risk".
 */
function search<T extends { readonly id: string; readonly label: string }>(text: string, entries: readonly Indexed<T>[], limit: number): T[] {
  const typedWords = wordsOf(text);
  const typedPhrase = normalise(text);
  if (typedPhrase.length === 0) return [];
  const clean: Ranked<T>[] = [];
  const fuzzy: Ranked<T>[] = [];
  for (const { item, terms } of entries) {
    const byId = terms.id.startsWith(typedPhrase.toUpperCase()) ? idScore(text, terms.id) : 0;
    const byLabel = labelScore(typedWords, typedPhrase, terms);
    if (byId > 0 || byLabel.exact) clean.push({ item, score: Math.max(byId, byLabel.score) });
    else if (byLabel.complete) fuzzy.push({ item, score: byLabel.score });
  }
  const ranked = clean.length > 0 ? clean : fuzzy;
  ranked.sort(byScore);
  return ranked.slice(0, Math.max(0, limit)).map((entry) => entry.item);
}

/** Raised when the shipped catalog is missing or not a catalog: a packaging fault, not user error. */
export class CatalogLoadError extends Error {
  override readonly name = 'CatalogLoadError';
}

/** The shipped snapshot sits at <package>/d3fend/catalog.json, two levels above both src/d3fend and dist/d3fend. */
export function shippedCatalogPath(): string {
  return fileURLToPath(new URL('../../d3fend/catalog.json', import.meta.url));
}

/** Reads and shape-checks a catalog file; the check is shallow because the importer wrote it. */
export function readCatalogFile(path: string): Catalog {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CatalogLoadError(`cannot read the D3FEND catalog ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CatalogLoadError(`the D3FEND catalog ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (!isCatalog(value)) throw new CatalogLoadError(`${path} is not a threatdoc D3FEND catalog (format 1)`);
  return value;
}

function isCatalog(value: unknown): value is Catalog {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    record['format'] === 1 &&
    typeof record['provenance'] === 'object' &&
    ['tactics', 'techniques', 'attack', 'deprecatedAttack', 'retired', 'links'].every((key) => Array.isArray(record[key]))
  );
}

let shipped: CatalogIndex | undefined;

/** The catalog shipped with the package, read once per process. */
export function loadCatalogIndex(): CatalogIndex {
  shipped ??= createCatalogIndex(readCatalogFile(shippedCatalogPath()));
  return shipped;
}

export type { AttackTechnique, Catalog, CatalogIndex, CounterLink, DefensiveTechnique, RetiredId };
