import { TACTICS, type Catalog } from './types.js';

/**
 * A new catalog may drop a few entries that a release retired, never a large share: an
 * ontology file cut short at a statement boundary is still valid Turtle, and would import
 * as a smaller catalog with no error at all.
 */
const KEPT_AT_LEAST = 0.95;

/**
 * Why `next` looks like a cut-short import next to `previous`, or undefined: fewer than 95 %
 * of its D3FEND techniques, ATT&CK techniques or links, or a tactic left with none. Counted
 * from the lists, not from the provenance figures, which a catalog file need not get right.
 */
export function shrinkage(previous: Catalog, next: Catalog): string | undefined {
  const lost: string[] = [];
  const compare = (what: string, was: number, now: number) => {
    if (now < was * KEPT_AT_LEAST) lost.push(`${now} ${what} against ${was}`);
  };
  compare('D3FEND techniques', previous.techniques.length, next.techniques.length);
  compare('ATT&CK techniques', previous.attack.length, next.attack.length);
  compare('links', previous.links.length, next.links.length);
  for (const tactic of TACTICS) {
    const was = previous.techniques.filter((t) => t.tactic === tactic).length;
    if (was > 0 && !next.techniques.some((t) => t.tactic === tactic)) lost.push(`no ${tactic} technique against ${was}`);
  }
  return lost.length === 0 ? undefined : lost.join(', ');
}
