import { compareText } from '../core/order.js';
import { editDistance } from '../core/edit-distance.js';

/**
 * Scoring of catalog entries against what a user typed, shared by "did you mean" and search.
 * Pure functions over precomputed terms so an index pays the tokenising once, not per query.
 */

/** What ranking needs to know about one catalog entry. */
export interface RankTerms {
  /** Upper-case id, e.g. D3-DENCR or T1055.012. */
  readonly id: string;
  /** Lower-case words of the label (and synonyms), each listed once. */
  readonly words: readonly string[];
  /** Lower-case label and synonyms, for whole-phrase matches. */
  readonly phrases: readonly string[];
  /** Number of words in the label alone: shorter labels that match fully rank first. */
  readonly labelWordCount: number;
}

export function termsOf(id: string, label: string, synonyms: readonly string[] = []): RankTerms {
  const phrases = [label, ...synonyms].map((text) => normalise(text));
  const words = [...new Set(phrases.flatMap((phrase) => wordsOf(phrase)))];
  return { id: id.toUpperCase(), words, phrases, labelWordCount: Math.max(1, wordsOf(normalise(label)).length) };
}

export function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

/** How closely a typed id matches an entry's id: 0 when not at all. */
export function idScore(query: string, id: string): number {
  const typed = query.trim().toUpperCase();
  if (typed.length === 0) return 0;
  if (typed === id) return 1000;
  // A truncated id (D3-DENC for D3-DENCR) is the commonest slip; prefer the shortest completion.
  if (typed.length >= 4 && id.startsWith(typed)) return 900 - (id.length - typed.length);
  // Allow one edit in short ids and two in longer ones, so D3-DENCRR or T1055.12 still find theirs.
  const allowed = typed.length <= 7 ? 1 : 2;
  const distance = editDistance(typed, id, allowed);
  if (distance <= allowed) return 800 - 50 * distance;
  return 0;
}

/** How well one typed word matches one label word: 3 exact, 2 prefix, 1 typo, 0 none. */
function wordMatch(typed: string, word: string): number {
  if (typed === word) return 3;
  if (typed.length >= 3 && word.startsWith(typed)) return 2;
  // "encrypting" against "encryption": a shared stem of five letters or more.
  if (commonPrefix(typed, word) >= 5) return 2;
  // One slip (dsik, encrpytion) in a word long enough that one edit still leaves it recognisable.
  if (typed.length >= 4 && editDistance(typed, word, 1) <= 1) return 1;
  return 0;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

export interface LabelMatch {
  readonly score: number;
  /** Whether every typed word found a match. */
  readonly complete: boolean;
  /** Whether every typed word matched without a typo (whole word or prefix). */
  readonly exact: boolean;
}

/** How well typed words match an entry's label and synonyms. */
export function labelScore(typedWords: readonly string[], typedPhrase: string, terms: RankTerms): LabelMatch {
  if (typedWords.length === 0) return { score: 0, complete: false, exact: false };
  let sum = 0;
  let matched = 0;
  let exact = true;
  for (const typed of typedWords) {
    let best = 0;
    for (const word of terms.words) {
      best = Math.max(best, wordMatch(typed, word));
      if (best === 3) break;
    }
    sum += best;
    if (best > 0) matched++;
    if (best < 2) exact = false;
  }
  if (matched === 0) return { score: 0, complete: false, exact: false };
  const complete = matched === typedWords.length;
  const phraseBonus = typedPhrase.length >= 3 && terms.phrases.some((phrase) => phrase.includes(typedPhrase)) ? 40 : 0;
  const score =
    (100 * sum) / (3 * typedWords.length) +
    (complete ? 50 : 0) +
    phraseBonus +
    (10 * Math.min(matched, terms.labelWordCount)) / terms.labelWordCount;
  return { score, complete, exact };
}

export interface Ranked<T> {
  readonly item: T;
  readonly score: number;
}

/** Sorts best first; ties go alphabetically by label, then id, so output is stable and easy to scan. */
export function byScore<T extends { readonly id: string; readonly label: string }>(a: Ranked<T>, b: Ranked<T>): number {
  return b.score - a.score || compareText(a.item.label, b.item.label) || compareText(a.item.id, b.item.id);
}
