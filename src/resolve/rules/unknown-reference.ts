import type { Code } from '../../core/codes.js';
import { didYouMean } from '../../validate/did-you-mean.js';
import type { Rule } from '../context.js';
import { ENTRY_NOUN, stringsAt, type EntryKind } from '../files.js';

/** Which lists hold references, and to what. */
const REFERENCES: readonly { from: 'threats' | 'mitigations'; key: string; to: EntryKind; code: Code }[] = [
  { from: 'threats', key: 'assets', to: 'assets', code: 'unknown-asset' },
  { from: 'threats', key: 'agents', to: 'agents', code: 'unknown-agent' },
  { from: 'threats', key: 'mitigations', to: 'mitigations', code: 'unknown-mitigation' },
  { from: 'mitigations', key: 'profiles', to: 'profiles', code: 'unknown-profile' },
];

/** Every id a threat or mitigation names must be defined in some file of the directory. */
export const unknownReference: Rule = (context) => {
  for (const file of context.files) {
    for (const { from, key, to, code } of REFERENCES) {
      for (const entry of file.entries[from]) {
        for (const { value: id, index } of stringsAt(entry, key)) {
          if (context.index[to].has(id)) continue;
          context.report(
            code,
            file,
            [...entry.path, key, index],
            `${ENTRY_NOUN[from]} "${entry.id}" names ${ENTRY_NOUN[to]} "${id}", which is not defined`,
            context.suggestions.hint(`${to}:${id}`, context.index[to].size, () => didYouMean(id, context.index[to].keys())) ??
              `define it under "${to}:" in this file or in a library file of the directory`,
          );
        }
      }
    }
  }
};
