import { editDistance } from '../core/edit-distance.js';
import { compareText } from '../core/order.js';

/**
 * "Did you mean": the candidates closest to a mistyped word by edit distance (adjacent
 * swaps count as one edit), close enough that the guess is likely right.
 */
export function closest(word: string, candidates: Iterable<string>, limit = 3): string[] {
  const typed = word.toLowerCase();
  const scored: { candidate: string; distance: number }[] = [];
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    // Allow about one edit per three characters; a prefix of at least 3 characters also counts.
    const budget = Math.max(1, Math.floor(Math.max(typed.length, lower.length) / 3));
    const distance = lower.startsWith(typed) && typed.length >= 3 ? 1 : editDistance(typed, lower, budget);
    if (distance <= budget) scored.push({ candidate, distance });
  }
  scored.sort((a, b) => a.distance - b.distance || compareText(a.candidate, b.candidate));
  return scored.slice(0, limit).map((s) => s.candidate);
}

/** `did you mean "a" or "b"?`, or undefined when nothing is close. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const found = closest(word, candidates);
  return found.length === 0 ? undefined : `did you mean ${orList(found.map((c) => `"${c}"`))}?`;
}

export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;
}
