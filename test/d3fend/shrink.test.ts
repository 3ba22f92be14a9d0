import { describe, expect, it } from 'vitest';
import { readCatalogFile, shippedCatalogPath } from '../../src/d3fend/catalog.js';
import { shrinkage } from '../../src/d3fend/shrink.js';
import type { Catalog } from '../../src/d3fend/types.js';

const shipped = readCatalogFile(shippedCatalogPath());

/** The shipped catalog with only the first `share` of a list kept. */
function keeping(list: 'techniques' | 'attack' | 'links', share: number): Catalog {
  return { ...shipped, [list]: shipped[list].slice(0, Math.ceil(shipped[list].length * share)) };
}

describe('shrinkage', () => {
  it('lets a release drop up to 5 % of any list, and no more', () => {
    for (const list of ['techniques', 'attack', 'links'] as const) {
      expect(shrinkage(shipped, keeping(list, 0.95)), list).toBeUndefined();
      expect(shrinkage(shipped, keeping(list, 0.9)), list).toMatch(/ against \d+$/);
    }
    expect(shrinkage(shipped, shipped)).toBeUndefined();
    expect(shrinkage(keeping('links', 0.5), shipped)).toBeUndefined();
  });

  it('names a tactic left without techniques, however few it had', () => {
    const withoutRestore = { ...shipped, techniques: shipped.techniques.filter((t) => t.tactic !== 'Restore') };
    const restore = shipped.techniques.length - withoutRestore.techniques.length;
    expect(restore).toBeLessThan(shipped.techniques.length * 0.05);
    expect(shrinkage(shipped, withoutRestore)).toBe(`no Restore technique against ${restore}`);
  });
});
