import { LIMITS } from '../load/limits.js';

/**
 * "Did you mean" for the rules of one run. Each search compares the typed id with every
 * candidate, so a directory with thousands of unknown references against thousands of ids
 * would spend minutes on hints few will read. A word typed again gets the hint found before,
 * and once the run has compared `LIMITS.maxSuggestionComparisons` candidates, the remaining
 * problems get the rule's plain hint instead.
 */
/** What one search of the D3FEND or ATT&CK catalog counts for: it scores every label as well. */
export const CATALOG_SEARCH = 1000;

export class Suggestions {
  private readonly found = new Map<string, string | undefined>();
  private left: number;

  constructor(comparisons: number = LIMITS.maxSuggestionComparisons) {
    this.left = comparisons;
  }

  /** The hint `search` finds for `key` among `candidates` candidates, or undefined. */
  hint(key: string, candidates: number, search: () => string | undefined): string | undefined {
    if (this.found.has(key)) return this.found.get(key);
    if (candidates > this.left) return undefined;
    this.left -= candidates;
    const hint = search();
    this.found.set(key, hint);
    return hint;
  }
}
