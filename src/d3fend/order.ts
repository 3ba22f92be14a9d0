import type { ArtifactRelation, CounterLink } from './types.js';
import { compareText } from '../core/order.js';

/**
 * Orderings for the snapshot, on core/order's code-unit comparison, so the file is
 * byte-identical whatever the machine's locale.
 */

export function compareRelations(a: ArtifactRelation, b: ArtifactRelation): number {
  return compareText(a.relation, b.relation) || compareText(a.artifact, b.artifact);
}

export function compareLinks(a: CounterLink, b: CounterLink): number {
  return (
    compareText(a.d3fend, b.d3fend) ||
    compareText(a.attack, b.attack) ||
    compareRelations(a.defends, b.defends) ||
    compareRelations(a.offends, b.offends)
  );
}
