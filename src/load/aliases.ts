import type { Alias, Document, Node } from 'yaml';
import { yamlLib } from './yaml-lib.js';

/** An alias `*name` with no node marked `&name` before it; `later` is one marked after it. */
export interface UnresolvedAlias {
  readonly alias: Alias;
  readonly later?: Node;
}

/** What expanding the aliases of a document would do; `alias` is where it goes wrong. */
export type AliasCheck =
  | { readonly kind: 'ok' }
  | { readonly kind: 'unresolved'; readonly aliases: readonly UnresolvedAlias[] }
  /** The alias repeats a node that contains it: the expansion never ends. */
  | { readonly kind: 'loop'; readonly alias: Alias }
  /** With this alias, the aliases so far add more than the budget of nodes. */
  | { readonly kind: 'expansion'; readonly alias: Alias };

/** A node to visit, or a collection whose children are all sized (`kids`: them, in order). */
type Frame = { readonly node: unknown; readonly exit: false } | { readonly node: unknown; readonly exit: true; readonly kids: readonly unknown[] };

/**
 * Resolves the aliases of a document as yaml's toJS does (to the last node marked with the
 * name before the alias, in text order) and counts the nodes their expansion adds, without
 * expanding any: a few lines of anchors that repeat anchors add billions. Each alias adds
 * the expanded size of what it repeats, which is known by then because that node ends
 * before the alias (or contains it: a loop). toJS would throw at the first alias it cannot
 * resolve, with no position; here each is found with its node.
 */
export function checkAliases(doc: Document.Parsed, maxAddedNodes: number): AliasCheck {
  const { isAlias, isCollection, isScalar } = yamlLib();
  const anchors = new Map<string, Node>();
  /**
   * Expanded size of every node walked to its end, aliases included. A scalar is sized when
   * visited, a collection when its walk ends, so an anchored node without a size is one of
   * the current node's ancestors.
   */
  const sizes = new Map<unknown, number>();
  const unresolved: Alias[] = [];
  let added = 0;
  // Pre-order in text order, as yaml's visit (an anchor counts before its node's children),
  // with an exit frame per collection to sum its children once they are sized.
  const stack: Frame[] = [{ node: doc.contents, exit: false }];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    const { node } = frame;
    if (frame.exit) {
      let size = 1;
      for (const kid of frame.kids) size += sizes.get(kid) ?? 0;
      sizes.set(node, size);
    } else if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target === undefined) {
        unresolved.push(node);
      } else if (!sizes.has(target)) {
        return { kind: 'loop', alias: node };
      } else {
        const size = sizes.get(target) ?? 0;
        sizes.set(node, size);
        added += size;
        if (added > maxAddedNodes) return { kind: 'expansion', alias: node };
      }
    } else if (isScalar(node) || isCollection(node)) {
      if (node.anchor) anchors.set(node.anchor, node);
      if (isScalar(node)) {
        sizes.set(node, 1);
      } else {
        const kids = children(node);
        stack.push({ node, exit: true, kids });
        for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], exit: false });
      }
    }
  }
  if (unresolved.length === 0) return { kind: 'ok' };
  // Whatever the map holds for an unresolved name was marked after the alias.
  return {
    kind: 'unresolved',
    aliases: unresolved.map((alias) => {
      const later = anchors.get(alias.source);
      return later === undefined ? { alias } : { alias, later };
    }),
  };
}

/** The nodes under a collection in text order; a mapping entry gives its key, then its value. */
function children(node: unknown): unknown[] {
  const { isCollection, isPair } = yamlLib();
  if (!isCollection(node)) return [];
  return node.items.flatMap((item) => (isPair(item) ? [item.key, item.value] : [item]));
}

