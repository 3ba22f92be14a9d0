import type { Code } from '../core/codes.js';
import { diagnostic, type Diagnostic, type JsonPath } from '../core/diagnostic.js';
import type { Origin } from '../core/model.js';
import type { CatalogIndex } from '../d3fend/types.js';
import { ENTRY_KINDS, type CheckedFile, type Entry, type EntryKind } from './files.js';
import type { Suggestions } from './suggestions.js';

/** Every entry of the directory by kind and id (the first one written, when ids repeat). */
export type IdIndex = { readonly [K in EntryKind]: ReadonlyMap<string, Entry<K>> };

/** What a cross-reference rule reads, and how it reports. */
export interface RuleContext {
  readonly files: readonly CheckedFile[];
  readonly index: IdIndex;
  readonly catalog: CatalogIndex;
  /** False when some file could not be parsed: "unused" cannot be known then. */
  readonly complete: boolean;
  /** "Did you mean" hints, within the run's budget for searching. */
  readonly suggestions: Suggestions;
  report(code: Code, file: CheckedFile, path: JsonPath, message: string, hint?: string): void;
}

export type Rule = (context: RuleContext) => void;

export function buildIndex(files: readonly CheckedFile[]): IdIndex {
  const index = {} as Record<EntryKind, Map<string, Entry<EntryKind>>>;
  for (const kind of ENTRY_KINDS) {
    const byId = new Map<string, Entry<EntryKind>>();
    for (const file of files) {
      for (const entry of file.entries[kind]) if (!byId.has(entry.id)) byId.set(entry.id, entry);
    }
    index[kind] = byId;
  }
  return index as unknown as IdIndex;
}

/** Collects diagnostics located in their file's AST. */
export function reporter(sink: Diagnostic[]): RuleContext['report'] {
  return (code, file, path, message, hint) => {
    const { parsed } = file;
    sink.push(
      diagnostic(code, {
        file: parsed.file,
        path,
        range: parsed.locate(path),
        message,
        ...(hint ? { hint } : {}),
      }),
    );
  };
}

/** Where a node starts, as an Origin. */
export function originOf(file: CheckedFile, path: JsonPath): Origin {
  const { line, column } = file.parsed.startOf(path);
  return { file: file.parsed.file, line, column };
}

export function formatOrigin(origin: Origin): string {
  return `${origin.file}:${origin.line}:${origin.column}`;
}
