import type { Diagnostic, JsonPath } from '../core/diagnostic.js';
import type { AgentDoc, AssetDoc, FileDoc, MitigationDoc, ProfileDoc, SectionDoc, ThreatDoc } from '../core/model.js';
import type { ParsedFile } from '../load/parse.js';
import { isRecord } from '../core/data.js';

/** The lists of a file whose entries have ids that are unique across the directory. */
export const ENTRY_KINDS = ['profiles', 'assets', 'agents', 'mitigations', 'threats', 'sections'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export interface EntryDocs {
  readonly profiles: ProfileDoc;
  readonly assets: AssetDoc;
  readonly agents: AgentDoc;
  readonly mitigations: MitigationDoc;
  readonly threats: ThreatDoc;
  readonly sections: SectionDoc;
}

export const ENTRY_NOUN: Readonly<Record<EntryKind, string>> = {
  profiles: 'profile',
  assets: 'asset',
  agents: 'agent',
  mitigations: 'mitigation',
  threats: 'threat',
  sections: 'section',
};

/**
 * One entry of a list, with where it sits. `doc` is typed only when `sound` (it passed the
 * schema); otherwise the rules read its fields through `stringsAt`, item by item.
 */
export type Entry<K extends EntryKind> =
  | { readonly kind: K; readonly id: string; readonly sound: true; readonly doc: EntryDocs[K]; readonly path: JsonPath; readonly file: CheckedFile }
  | {
      readonly kind: K;
      readonly id: string;
      readonly sound: false;
      readonly doc: Readonly<Record<string, unknown>>;
      readonly path: JsonPath;
      readonly file: CheckedFile;
    };

export type SoundEntry<K extends EntryKind> = Extract<Entry<K>, { sound: true }>;

type EntryLists = { readonly [K in EntryKind]: readonly Entry<K>[] };

/**
 * A parsed file as the cross-reference rules see it. Entries with schema errors stay in (a
 * missing title must not hide a mistyped asset id in the same threat), but only their
 * well-formed parts are read, and only sound entries reach the resolved workspace.
 */
export interface CheckedFile {
  readonly parsed: ParsedFile;
  readonly kind: 'model' | 'library';
  /** The file's own id, when it is a string. */
  readonly id?: string;
  /** The file as written, when everything outside its entries passed the schema. */
  readonly doc?: FileDoc;
  /** Entries that are mappings with a string id, in written order. */
  readonly entries: EntryLists;
  /** Paths (JSON-encoded) the schema complained about, so no value is reported twice. */
  readonly schemaProblems: ReadonlySet<string>;
  /** The keys of threats' lists ("assets", "mitigations"…) the schema found a problem in, in any threat. */
  readonly brokenThreatLists: ReadonlySet<string>;
}

/** Splits a parsed file into its entries, given its schema diagnostics. */
export function checkedFile(parsed: ParsedFile, schemaProblems: readonly Diagnostic[]): CheckedFile {
  const root = parsed.value;
  const record = isRecord(root) ? root : {};
  const brokenEntries = new Set<string>();
  const brokenThreatLists = new Set<string>();
  let headerOk = isRecord(root);
  for (const problem of schemaProblems) {
    const [first, second, third] = problem.path;
    if (isEntryKind(first) && typeof second === 'number') brokenEntries.add(`${first}/${second}`);
    else if (!isEntryKind(first)) headerOk = false;
    if (first === 'threats' && typeof second === 'number' && typeof third === 'string') brokenThreatLists.add(third);
  }
  const entries = {} as Record<EntryKind, Entry<EntryKind>[]>;
  const checked: CheckedFile = {
    parsed,
    kind: record['kind'] === 'library' ? 'library' : 'model',
    ...(typeof record['id'] === 'string' ? { id: record['id'] } : {}),
    ...(headerOk ? { doc: root as FileDoc } : {}),
    // Filled below: entries point back at the file they belong to.
    entries: entries as unknown as EntryLists,
    schemaProblems: new Set(schemaProblems.map((d) => pathKey(d.path))),
    brokenThreatLists,
  };
  for (const kind of ENTRY_KINDS) {
    entries[kind] = [];
    const list = record[kind];
    if (!Array.isArray(list)) continue;
    list.forEach((item: unknown, index) => {
      if (!isRecord(item) || typeof item['id'] !== 'string') return;
      const sound = !brokenEntries.has(`${kind}/${index}`);
      const base = { kind, id: item['id'], path: [kind, index], file: checked };
      entries[kind].push(sound ? { ...base, sound, doc: item as unknown as EntryDocs[EntryKind] } : { ...base, sound, doc: item });
    });
  }
  return checked;
}

function pathKey(path: JsonPath): string {
  return JSON.stringify(path);
}

/**
 * The string items of a list field of an entry, with their index; items (or the whole list)
 * the schema already reported are skipped.
 */
export function stringsAt(entry: Entry<EntryKind>, key: string): { value: string; index: number }[] {
  const list = (entry.doc as Readonly<Record<string, unknown>>)[key];
  if (!Array.isArray(list)) return [];
  const problems = entry.file.schemaProblems;
  // Most files have no schema problem at all: skip building path keys for them.
  const listPath = problems.size === 0 ? undefined : [...entry.path, key];
  if (listPath && problems.has(pathKey(listPath))) return [];
  const out: { value: string; index: number }[] = [];
  list.forEach((value: unknown, index) => {
    if (typeof value === 'string' && !(listPath && problems.has(pathKey([...listPath, index])))) out.push({ value, index });
  });
  return out;
}

export function isSound<K extends EntryKind>(entry: Entry<K>): entry is SoundEntry<K> {
  return entry.sound;
}

function isEntryKind(value: unknown): value is EntryKind {
  return typeof value === 'string' && (ENTRY_KINDS as readonly string[]).includes(value);
}
