import type { CatalogIndex, DefensiveTechnique } from '../../d3fend/types.js';
import { editDistance } from '../../core/edit-distance.js';
import { orList } from '../../validate/did-you-mean.js';
import type { Rule } from '../context.js';
import { CATALOG_SEARCH } from '../suggestions.js';
import { ENTRY_NOUN, stringsAt } from '../files.js';

const SEARCH_HINT = 'find the technique with `threatdoc d3fend search WORD`';

/**
 * D3FEND ids on threats and mitigations must name defensive techniques of the shipped
 * catalog: not an analytic (D3A-), not a deprecated class, not a typo.
 */
export const d3fendId: Rule = (context) => {
  for (const file of context.files) {
    for (const kind of ['threats', 'mitigations'] as const) {
      for (const entry of file.entries[kind]) {
        const owner = `${ENTRY_NOUN[kind]} "${entry.id}"`;
        for (const { value: id, index } of stringsAt(entry, 'd3fend')) {
          if (context.catalog.technique(id)) continue;
          const suggest = (search: () => string | undefined) => context.suggestions.hint(`d3fend:${id}`, CATALOG_SEARCH, search);
          checkId(context.catalog, id, owner, suggest, (code, message, hint) => context.report(code, file, [...entry.path, 'd3fend', index], message, hint));
        }
      }
    }
  }
};

type Report = (code: 'd3fend-unknown' | 'd3fend-analytic' | 'd3fend-removed', message: string, hint: string) => void;

/** The hint a search finds, within the run's budget for searching. */
type Suggest = (search: () => string | undefined) => string | undefined;

/** An id the catalog does not know as a technique: what it is instead, and what was meant. */
function checkId(catalog: CatalogIndex, id: string, owner: string, suggest: Suggest, report: Report): void {
  const retired = catalog.retired(id);
  const replacement = retired?.replacedBy ? catalog.technique(retired.replacedBy) : undefined;
  const instead = replacement ? `use ${replacement.id} (${replacement.label}) instead` : undefined;
  if (retired?.reason === 'analytic' || (!retired && id.startsWith('D3A-'))) {
    const name = retired ? `${id} (${retired.label})` : id;
    report(
      'd3fend-analytic',
      `${owner} uses ${name}, a D3FEND analytic rather than a defensive technique`,
      instead ?? `analytic ids are not countermeasures; ${SEARCH_HINT}`,
    );
    return;
  }
  if (retired) {
    report('d3fend-removed', `${owner} uses ${id} (${retired.label}), which D3FEND has deprecated`, instead ?? SEARCH_HINT);
    return;
  }
  const suggested = suggest(() => {
    const suggestions: DefensiveTechnique[] = [...catalog.suggestTechniques(id)];
    if (suggestions.length === 0) suggestions.push(...byClassName(catalog, id));
    return suggestions.length > 0 ? `did you mean ${orList(suggestions.map((t) => `${t.id} (${t.label})`))}?` : undefined;
  });
  report('d3fend-unknown', `${owner} uses "${id}", which is not a D3FEND technique`, suggested ?? SEARCH_HINT);
}

/**
 * People also write the technique's name as the id (D3-DISKENCRYPTION): compare what follows
 * "D3-" with the class names (DiskEncryption), whole or as a part of at least five letters.
 */
function byClassName(catalog: CatalogIndex, id: string): DefensiveTechnique[] {
  const typed = id.replace(/^D3A?-/, '').toUpperCase();
  if (typed.length < 5) return [];
  const ranked: { technique: DefensiveTechnique; distance: number }[] = [];
  for (const technique of catalog.catalog.techniques) {
    const name = technique.className.toUpperCase();
    const distance = name.includes(typed) ? name.length - typed.length : editDistance(typed, name, 2);
    if (name.includes(typed) || distance <= 2) ranked.push({ technique, distance });
  }
  ranked.sort((a, b) => a.distance - b.distance || (a.technique.id < b.technique.id ? -1 : 1));
  return ranked.slice(0, 3).map((r) => r.technique);
}
