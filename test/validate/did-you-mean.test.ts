import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { editDistance } from '../../src/core/edit-distance.js';
import { Suggestions } from '../../src/resolve/suggestions.js';
import { closest, didYouMean, orList } from '../../src/validate/did-you-mean.js';

describe('did you mean', () => {
  it('counts an adjacent swap as one edit and gives up past the budget', () => {
    expect(editDistance('titel', 'title')).toBe(1);
    expect(editDistance('disk', 'disk-image')).toBe(6);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
  });

  it('offers close candidates, best first, and nothing for unrelated words', () => {
    expect(closest('tampring', ['spoofing', 'tampering', 'repudiation'])).toEqual(['tampering']);
    expect(closest('mitigation', ['mitigations', 'threats'])).toEqual(['mitigations']);
    expect(closest('insidr', ['insider', 'outsider', 'admin'])).toEqual(['insider']);
    expect(closest('dsk', ['disk', 'desk', 'dusk'])).toEqual(['desk', 'disk', 'dusk']);
    expect(closest('owner', ['id', 'title', 'status'])).toEqual([]);
  });

  it('words the hint', () => {
    expect(didYouMean('drft', ['draft', 'reviewed', 'tbd'])).toBe('did you mean "draft"?');
    expect(didYouMean('zzz', ['draft'])).toBeUndefined();
    expect(orList(['a', 'b', 'c'])).toBe('a, b or c');
  });
});

/** The distance as the textbook table computes it, every cell. */
function plainDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i]!;
      row[j] = Math.min(d[i - 1]![j]! + 1, row[j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

describe('editDistance within a budget', () => {
  it('agrees with the full table: the distance when within the budget, budget + 1 past it', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '-', 'é'), maxLength: 14 });
    fc.assert(
      fc.property(word, word, fc.nat({ max: 8 }), (a, b, budget) => {
        const full = plainDistance(a, b);
        expect(editDistance(a, b)).toBe(full);
        expect(editDistance(a, b, budget)).toBe(full <= budget ? full : budget + 1);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('suggestions within a run', () => {
  it('searches a word once, and stops searching once the comparisons are spent', () => {
    const suggestions = new Suggestions(250);
    let searches = 0;
    const search = () => {
      searches++;
      return 'did you mean "x"?';
    };
    expect(suggestions.hint('a', 100, search)).toBe('did you mean "x"?');
    expect(suggestions.hint('a', 100, search)).toBe('did you mean "x"?');
    expect(suggestions.hint('b', 100, search)).toBe('did you mean "x"?');
    expect(searches).toBe(2);
    // 50 comparisons are left: a search of 100 candidates is not made.
    expect(suggestions.hint('c', 100, search)).toBeUndefined();
    expect(searches).toBe(2);
    expect(suggestions.hint('b', 100, search)).toBe('did you mean "x"?');
  });
});
