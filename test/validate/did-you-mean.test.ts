import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/core/edit-distance.js';
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
