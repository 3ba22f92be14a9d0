import type { Rule, RuleContext } from '../context.js';
import { stringsAt } from '../files.js';

/**
 * An asset no threat affects, or a mitigation no threat uses, is usually a forgotten link
 * (or left over from an edit). Only knowable when every file was read.
 */
export const unused: Rule = (context) => {
  if (!context.complete) return;
  const usedAssets = usedIds(context, 'assets');
  const usedMitigations = usedIds(context, 'mitigations');
  for (const file of context.files) {
    for (const asset of usedAssets ? file.entries.assets : []) {
      if (usedAssets?.has(asset.id)) continue;
      context.report(
        'unused-asset',
        file,
        [...asset.path, 'id'],
        `asset "${asset.id}" is affected by no threat`,
        'list it under "assets:" of the threats against it, or remove it',
      );
    }
    for (const mitigation of usedMitigations ? file.entries.mitigations : []) {
      if (usedMitigations?.has(mitigation.id)) continue;
      context.report(
        'unused-mitigation',
        file,
        [...mitigation.path, 'id'],
        `mitigation "${mitigation.id}" is linked to no threat`,
        'list it under "mitigations:" of the threats it addresses, or remove it',
      );
    }
  }
};

/**
 * Ids the threats name, or undefined when some threat's list is malformed (`assets: disk`):
 * its links are unknown, and warning about them would only repeat the schema error.
 */
function usedIds(context: RuleContext, key: 'assets' | 'mitigations'): Set<string> | undefined {
  const used = new Set<string>();
  for (const file of context.files) {
    // Problems inside any threat's list: paths of the form ["threats",i,key,…].
    const listProblem = [...file.schemaProblems].some((problem) => {
      const path = JSON.parse(problem) as unknown[];
      return path[0] === 'threats' && path[2] === key;
    });
    if (listProblem) return undefined;
    for (const threat of file.entries.threats) for (const { value } of stringsAt(threat, key)) used.add(value);
  }
  return used;
}
