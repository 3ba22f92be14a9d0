import { resolve } from 'node:path';
import { sortDiagnostics, type Diagnostic } from './core/diagnostic.js';
import type { Workspace } from './core/model.js';
import type { CatalogIndex } from './d3fend/types.js';
import { displayPath, readModelFiles } from './load/files.js';
import { LIMITS } from './load/limits.js';
import { fastParsedFile, parseSource } from './load/parse.js';
import type { ParseMemo } from './load/parse-cache.js';
import { checkedFile, type CheckedFile } from './resolve/files.js';
import { checkReferences, resolveWorkspace } from './resolve/resolve.js';
import { validateSchema } from './validate/schema.js';

export interface CheckOptions {
  /** Paths resolve against it, and diagnostics name files relative to it. */
  readonly cwd: string;
  /** Defaults to the D3FEND catalog shipped with the package. */
  readonly catalog?: CatalogIndex;
  /** Readings of files earlier runs found clean, and where to note this run's. */
  readonly memo?: ParseMemo;
}

export interface FileCheckOptions extends CheckOptions {
  /**
   * The model directory the paths belong to. Its other files are read too, so that a file
   * checked alone sees the library entries it names (and a library the threats that use
   * it), but only their errors are reported: those stand in the way of the named files.
   * A directory that does not exist adds nothing.
   */
  readonly directory?: string;
}

interface Checked {
  /** Every problem found, sorted and de-duplicated, located where the YAML could be parsed. */
  readonly diagnostics: Diagnostic[];
  /** File (as in Diagnostic.file) → text, for code frames. */
  readonly sources: ReadonlyMap<string, string>;
}

/** What `validate` reports: every problem, without the resolved workspace. */
export interface FileCheck extends Checked {
  /** How many of the files read were named by the paths (the others were read for context). */
  readonly named: number;
}

export interface CheckResult extends Checked {
  /** Resolved models sorted by id; unknown references dropped. Complete only without errors. */
  readonly workspace: Workspace;
}

/**
 * load → parse → schema → cross-references, over every file under `paths`. Each file goes
 * as far as it can on its own, so one broken file does not hide the problems of the others,
 * and every problem of the run is reported at once.
 */
export async function checkWorkspace(paths: readonly string[], options: CheckOptions): Promise<CheckResult> {
  const run = await checkEachFile(paths, options);
  const root = paths[0] === undefined ? '.' : displayPath(resolve(options.cwd, paths[0]), options.cwd);
  const resolved = resolveWorkspace({ files: run.checked, catalog: run.catalog, complete: run.complete, root });
  return { workspace: resolved.value, diagnostics: finish(run.diagnostics, resolved.diagnostics), sources: run.sources };
}

/**
 * The same checks and diagnostics as checkWorkspace, without building the workspace nobody
 * reads; with `directory`, the named paths are checked in their directory's context.
 */
export async function checkFiles(paths: readonly string[], options: FileCheckOptions): Promise<FileCheck> {
  const run = await checkEachFile(paths, options, options.directory);
  const references = checkReferences({ files: run.checked, catalog: run.catalog, complete: run.complete });
  const kept = (d: Diagnostic) => !run.context.has(d.file) || d.severity === 'error';
  return {
    diagnostics: finish(run.diagnostics.filter(kept), references.filter(kept)),
    sources: run.sources,
    named: run.sources.size - run.context.size,
  };
}

interface FileRun {
  readonly diagnostics: Diagnostic[];
  readonly sources: ReadonlyMap<string, string>;
  readonly checked: readonly CheckedFile[];
  readonly catalog: CatalogIndex;
  /** False when some file could not be read or parsed: then "unused" is unknowable. */
  readonly complete: boolean;
  /** Files read only as the context of the paths given. */
  readonly context: ReadonlySet<string>;
}

async function checkEachFile(paths: readonly string[], options: CheckOptions, context?: string): Promise<FileRun> {
  const read = await readModelFiles(paths, options.cwd, LIMITS, context);
  const diagnostics: Diagnostic[] = [...read.diagnostics];
  const sources = new Map(read.value.map((source) => [source.file, source.text]));
  const checked: CheckedFile[] = [];
  // Any file that cannot be read or parsed may hold references: "unused" is unknowable then.
  let complete = !read.diagnostics.some((d) => d.severity === 'error');
  const memo = options.memo;
  for (const source of read.value) {
    const known = memo?.recall(source.text);
    if (known !== undefined) {
      checked.push(checkedFile(fastParsedFile(source, known), []));
      continue;
    }
    const outcome = parseSource(source);
    append(diagnostics, outcome.diagnostics);
    if (!outcome.ok) {
      complete = false;
      continue;
    }
    const schemaProblems = validateSchema(outcome.parsed);
    append(diagnostics, schemaProblems);
    if (memo && outcome.fast && outcome.diagnostics.length === 0 && schemaProblems.length === 0) memo.remember(source.text, outcome.fast);
    checked.push(checkedFile(outcome.parsed, schemaProblems));
  }
  const catalog = options.catalog ?? (await import('./d3fend/catalog.js')).loadCatalogIndex();
  const around = new Set(read.value.filter((source) => source.context).map((source) => source.file));
  return { diagnostics, sources, checked, catalog, complete, context: around };
}

/** Every problem, uncut: counts and exit codes come from all of them (report/diagnostics/report.ts cuts what is printed). */
function finish(diagnostics: Diagnostic[], more: readonly Diagnostic[]): Diagnostic[] {
  append(diagnostics, more);
  return sortDiagnostics(diagnostics);
}

/**
 * The first path the user named that does not exist, if any: commands treat it as a usage
 * error (exit 2) rather than a finding in the models.
 */
export function missingPath(result: Pick<CheckResult, 'diagnostics'>): Diagnostic | undefined {
  return result.diagnostics.find((d) => d.code === 'path-not-found');
}

/** push(...list) passes every item as an argument and overflows the stack past ~100,000. */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
