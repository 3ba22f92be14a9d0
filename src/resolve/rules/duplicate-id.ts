import type { JsonPath } from '../../core/diagnostic.js';
import { SITE_PAGE_NAMES } from '../../core/pages.js';
import { formatOrigin, originOf, type Rule } from '../context.js';
import { ENTRY_KINDS, ENTRY_NOUN, type CheckedFile } from '../files.js';

/**
 * Ids are unique per kind across the whole directory, since any file may refer to any entry.
 * The repeat is reported where it is written and names where the id was first used.
 */
export const duplicateId: Rule = (context) => {
  const fileIds = new Map<string, { file: CheckedFile; path: JsonPath }>();
  for (const file of context.files) {
    if (file.id === undefined) continue;
    // A model's page is named by its id: one named like a page of the site would replace it.
    if (file.kind === 'model' && SITE_PAGE_NAMES.includes(file.id)) {
      context.report(
        'duplicate-id',
        file,
        ['id'],
        `model id "${file.id}" is the name of a page every build writes (${SITE_PAGE_NAMES.join(', ')})`,
        'give the model another id',
      );
    }
    const first = fileIds.get(file.id);
    if (first) {
      context.report(
        'duplicate-id',
        file,
        ['id'],
        `${file.kind} id "${file.id}" is already the id of ${first.file.kind} ${formatOrigin(originOf(first.file, first.path))}`,
        'give each model and library file of the directory its own id',
      );
    } else {
      fileIds.set(file.id, { file, path: ['id'] });
    }
  }

  for (const kind of ENTRY_KINDS) {
    const noun = ENTRY_NOUN[kind];
    const seen = new Map<string, { file: CheckedFile; path: JsonPath }>();
    for (const file of context.files) {
      for (const entry of file.entries[kind]) {
        const idPath = [...entry.path, 'id'];
        const first = seen.get(entry.id);
        if (!first) {
          seen.set(entry.id, { file, path: idPath });
          continue;
        }
        context.report(
          'duplicate-id',
          file,
          idPath,
          `${noun} id "${entry.id}" is already used at ${formatOrigin(originOf(first.file, first.path))}`,
          `rename one of them; ${noun} ids are unique across all files of the directory`,
        );
      }
    }
  }
};
