import type { Rule, RuleContext } from '../context.js';
import { stringsAt } from '../files.js';

/** The kinds of entry the rule looks at, and what it says of one left unused. */
const UNUSED = [
  { key: 'assets', code: 'unused-asset', what: 'asset', missing: 'is affected by no threat', hint: 'list it under "assets:" of the threats against it, or remove it' },
  {
    key: 'mitigations',
    code: 'unused-mitigation',
    what: 'mitigation',
    missing: 'is linked to no threat',
    hint: 'list it under "mitigations:" of the threats it addresses, or remove it',
  },
] as const;

/**
 * An asset no threat affects, or a mitigation no threat uses, is usually a forgotten link
 * (or left over from an edit). Only knowable when every file was read.
 */
export const unused: Rule = (context) => {
  if (!context.complete) return;
  for (const { key, code, what, missing, hint } of UNUSED) {
    const used = usedIds(context, key);
    if (!used) continue;
    for (const file of context.files) {
      for (const entry of file.entries[key]) {
        if (used.has(entry.id)) continue;
        context.report(code, file, [...entry.path, 'id'], `${what} "${entry.id}" ${missing}`, hint);
      }
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
    if (file.brokenThreatLists.has(key)) return undefined;
    for (const threat of file.entries.threats) for (const { value } of stringsAt(threat, key)) used.add(value);
  }
  return used;
}
