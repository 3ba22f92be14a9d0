import { createCatalogIndex, readCatalogFile, shippedCatalogPath } from '../../src/d3fend/catalog.js';
import type { CatalogIndex } from '../../src/d3fend/types.js';

let index: CatalogIndex | undefined;

/**
 * The shipped catalog plus one deprecated technique (D3-OLDX, replaced by D3-DENCR): the
 * 1.2.0 ontology deprecates no technique, but the d3fend-removed rule must still be tested.
 */
export function fixtureCatalog(): CatalogIndex {
  if (!index) {
    const shipped = readCatalogFile(shippedCatalogPath());
    index = createCatalogIndex({
      ...shipped,
      retired: [...shipped.retired, { id: 'D3-OLDX', label: 'Old Example Technique', reason: 'deprecated', replacedBy: 'D3-DENCR' }],
    });
  }
  return index;
}
