import type { Alias, Document, Node } from 'yaml';
import { yamlLib } from './yaml-lib.js';

/** An alias `*name` with no node marked `&name` before it; `later` is one marked after it. */
export interface UnresolvedAlias {
  readonly alias: Alias;
  readonly later?: Node;
}

/**
 * The aliases of a document resolved as yaml's toJS resolves them (to the last node marked
 * with the name before the alias, in text order), without expanding any. toJS would throw
 * at the first alias it cannot resolve, with no position; here each is found with its node.
 */
export function unresolvedAliases(doc: Document.Parsed): UnresolvedAlias[] {
  const { isAlias, isCollection, isPair } = yamlLib();
  const anchors = new Map<string, Node>();
  const unresolved: Alias[] = [];
  // Pre-order in text order: a node's anchor counts before its children, as in yaml's visit.
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) {
      if (!anchors.has(node.source)) unresolved.push(node);
      continue;
    }
    const anchor = anchorOf(node);
    if (anchor !== undefined) anchors.set(anchor, node as Node);
    if (isCollection(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) {
        const item = node.items[i];
        if (isPair(item)) stack.push(item.value, item.key);
        else stack.push(item);
      }
    }
  }
  // Whatever the map holds for an unresolved name was marked after the alias.
  return unresolved.map((alias) => {
    const later = anchors.get(alias.source);
    return later === undefined ? { alias } : { alias, later };
  });
}

function anchorOf(node: unknown): string | undefined {
  const { isCollection, isScalar } = yamlLib();
  return isScalar(node) || isCollection(node) ? node.anchor || undefined : undefined;
}
