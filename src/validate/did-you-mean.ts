import { editDistance } from '../core/edit-distance.js';
import { compareText } from '../core/order.js';

/**
 * "Did you mean": the candidates closest to a mistyped word by edit distance (adjacent
 * swaps count as one edit), close enough that the guess is likely right.
 */
export function closest(word: string, candidates: Iterable<string>, limit = 3): string[] {
  const typed = word.toLowerCase();
  // The best `limit` so far, closest first: a long list of near candidates (ids sharing a
  // prefix) is never kept whole and sorted.
  const best: { candidate: string; distance: number }[] = [];
  const before = (a: { candidate: string; distance: number }, b: { candidate: string; distance: number }) =>
    a.distance - b.distance || compareText(a.candidate, b.candidate);
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    // Allow about one edit per three characters; a prefix of at least 3 characters also counts.
    const budget = Math.max(1, Math.floor(Math.max(typed.length, lower.length) / 3));
    const distance = lower.startsWith(typed) && typed.length >= 3 ? 1 : editDistance(typed, lower, budget);
    if (distance > budget) continue;
    const scored = { candidate, distance };
    if (best.length === limit && before(scored, best[limit - 1] as typeof scored) >= 0) continue;
    let at = best.length;
    while (at > 0 && before(scored, best[at - 1] as typeof scored) < 0) at--;
    best.splice(at, 0, scored);
    if (best.length > limit) best.pop();
  }
  return best.map((s) => s.candidate);
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
