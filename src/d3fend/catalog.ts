import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describeErrno } from '../core/errno.js';
import { TACTICS, type AttackTechnique, type Catalog, type CatalogIndex, type CounterLink, type DefensiveTechnique, type RetiredId, type Tactic } from './types.js';
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

/**
 * Reads a catalog file and checks that it holds together (see catalogProblem): a catalog given
 * with --catalog may have been edited by hand, and a broken one would give wrong answers quietly.
 * The shipped catalog, written by the importer and checked by the tests, skips the check
 * (`consistent: true`), which would otherwise run on every command.
 */
export function readCatalogFile(path: string, { consistent = false } = {}): Catalog {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CatalogLoadError(`cannot read the D3FEND catalog ${path}: ${describeErrno(error)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CatalogLoadError(`the D3FEND catalog ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (!isCatalog(value)) throw new CatalogLoadError(`${path} is not a threatdoc D3FEND catalog (format 1)`);
  const problem = consistent ? undefined : catalogProblem(value);
  if (problem !== undefined) throw new CatalogLoadError(`the D3FEND catalog ${path} is inconsistent: ${problem}`);
  return value;
}

/**
 * The first thing that does not hold together in a catalog of the right shape, or undefined:
 * unknown or repeated tactics, a repeated id, a technique's tactic or a parent that is not in
 * the catalog, a link to an unknown technique. One pass over each list, so it costs little
 * next to parsing the JSON.
 */
export function catalogProblem(catalog: Catalog): string | undefined {
  const tactics = new Set<string>();
  for (const [position, tactic] of catalog.tactics.entries()) {
    const name: unknown = (tactic as Partial<Tactic> | null)?.name;
    if (typeof name !== 'string') return `tactics entry ${position + 1} has no name`;
    if (!(TACTICS as readonly string[]).includes(name)) return `unknown tactic ${JSON.stringify(name)}`;
    if (tactics.has(name)) return `tactic ${name} is listed twice`;
    tactics.add(name);
  }
  const techniques = new Set<string>();
  const techniqueProblem = collectIds('techniques', 'technique', catalog.techniques, techniques);
  if (techniqueProblem !== undefined) return techniqueProblem;
  const attack = new Set<string>();
  const attackProblem = collectIds('attack', 'ATT&CK technique', catalog.attack, attack);
  if (attackProblem !== undefined) return attackProblem;
  const otherProblem =
    collectIds('deprecatedAttack', 'deprecated ATT&CK technique', catalog.deprecatedAttack, new Set()) ??
    collectIds('retired', 'retired id', catalog.retired, new Set());
  if (otherProblem !== undefined) return otherProblem;

  for (const technique of catalog.techniques) {
    if (!tactics.has(technique.tactic)) return `technique ${technique.id} has tactic ${JSON.stringify(technique.tactic)}, which is not among its tactics`;
    const parentProblem = checkParent(`technique ${technique.id}`, technique.parent, techniques);
    if (parentProblem !== undefined) return parentProblem;
  }
  for (const technique of catalog.attack) {
    const parentProblem = checkParent(`ATT&CK technique ${technique.id}`, technique.parent, attack);
    if (parentProblem !== undefined) return parentProblem;
  }
  for (const [position, link] of catalog.links.entries()) {
    const { d3fend, attack: attackId } = (link ?? {}) as Partial<CounterLink>;
    if (typeof d3fend !== 'string' || typeof attackId !== 'string') return `links entry ${position + 1} does not name both techniques`;
    if (!techniques.has(d3fend)) return `a link names D3FEND technique ${d3fend}, which is not in the catalog`;
    if (!attack.has(attackId)) return `a link names ATT&CK technique ${attackId}, which is not in the catalog`;
  }
  return undefined;
}

/** Adds each entry's id to `ids`; the problem when an entry has none or repeats one. */
function collectIds(list: string, what: string, entries: readonly { readonly id: string }[], ids: Set<string>): string | undefined {
  for (const [position, entry] of entries.entries()) {
    const id: unknown = (entry as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') return `${list} entry ${position + 1} has no id`;
    if (ids.has(id)) return `${what} ${id} is listed twice`;
    ids.add(id);
  }
  return undefined;
}

function checkParent(what: string, parent: unknown, ids: ReadonlySet<string>): string | undefined {
  if (parent === null) return undefined;
  if (typeof parent !== 'string') return `${what} has a parent that is not an id`;
  return ids.has(parent) ? undefined : `${what} has parent ${parent}, which is not in the catalog`;
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
  shipped ??= createCatalogIndex(readCatalogFile(shippedCatalogPath(), { consistent: true }));
  return shipped;
}

export type { AttackTechnique, Catalog, CatalogIndex, CounterLink, DefensiveTechnique, RetiredId };
