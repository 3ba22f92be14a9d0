import type { CatalogIndex, DeprecatedAttack } from '../../d3fend/types.js';
import { orList } from '../../validate/did-you-mean.js';
import type { Rule } from '../context.js';
import { CATALOG_SEARCH } from '../suggestions.js';
import { stringsAt } from '../files.js';

/** ATT&CK ids on threats must be techniques the catalog knows; deprecated ones still work but warn. */
export const attackId: Rule = (context) => {
  const { catalog } = context;
  for (const file of context.files) {
    for (const threat of file.entries.threats) {
      for (const { value: id, index } of stringsAt(threat, 'attack')) {
        if (catalog.attack(id)) continue;
        const path = [...threat.path, 'attack', index];
        const owner = `threat "${threat.id}"`;
        const deprecated = catalog.deprecatedAttack(id);
        if (deprecated) {
          context.report(
            'attack-deprecated',
            file,
            path,
            `${owner} uses ${id} (${deprecated.label}), which ATT&CK has deprecated`,
            replacementHint(catalog, deprecated),
          );
          continue;
        }
        const suggested = context.suggestions.hint(`attack:${id}`, CATALOG_SEARCH, () => {
          const suggestions = catalog.suggestAttack(id);
          return suggestions.length > 0 ? `did you mean ${orList(suggestions.map((t) => `${t.id} (${t.label})`))}?` : undefined;
        });
        context.report(
          'attack-unknown',
          file,
          path,
          `${owner} uses "${id}", which is not an ATT&CK technique`,
          suggested ?? 'check the id on attack.mitre.org; `threatdoc d3fend show ID` shows what the catalog knows',
        );
      }
    }
  }
};

/** The catalog records the superseding technique for most deprecated ones. */
function replacementHint(catalog: CatalogIndex, deprecated: DeprecatedAttack): string {
  const replacedBy = deprecated.replacedBy ? catalog.attack(deprecated.replacedBy) : undefined;
  return replacedBy
    ? `use ${replacedBy.id} (${replacedBy.label}) instead`
    : 'replace it with the technique that superseded it (see its page on attack.mitre.org)';
}
