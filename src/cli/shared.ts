/**
 * Steps several commands share: reading the config, checking a model directory before
 * using it, printing its errors as `validate` does, and writing an output file.
 */
import type { Command } from 'commander';
import type { Config } from '../config.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { Workspace } from '../core/model.js';
import type { CatalogIndex } from '../d3fend/types.js';
import type { ParseMemo } from '../load/parse-cache.js';
import { UsageError, type Io } from './io.js';
import { VERSION } from './main.js';

/** Option values that name a file or directory, by the placeholder of their flags. */
const PATH_VALUE = /<(?:file|dir|path)>/;

/**
 * Refuses an empty string as an argument or as the value of a file or directory option.
 * Resolved, "" is the working directory, so `threatdoc validate "$MODELS"` with the variable
 * unset in CI would check everything under it, and `-c ""` would read a directory. Every
 * argument of every command is a path, a revision, an id or words: none means anything empty.
 */
export function refuseEmptyArguments(command: Command): void {
  command.registeredArguments.forEach((argument, index) => {
    const value: unknown = command.processedArgs[index];
    const values = Array.isArray(value) ? value : [value];
    if (!values.includes('')) return;
    throw emptyString(argument.variadic ? `one of the ${argument.name()}` : argument.name());
  });
  for (const option of command.options) {
    if (PATH_VALUE.test(option.flags) && command.getOptionValue(option.attributeName()) === '') throw emptyString(option.long ?? option.flags);
  }
}

function emptyString(what: string): UsageError {
  return new UsageError(`${what} is an empty string (is a variable unset?)`);
}

/** The config file, or its defaults; a broken config is a usage problem, reported at its line. */
export async function readConfig(io: Io, explicit: string | undefined): Promise<Config> {
  const { loadConfig, ConfigError } = await import('../config.js');
  try {
    return loadConfig(io.cwd, explicit);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

export interface Checked {
  readonly workspace: Workspace;
  readonly errors: readonly Diagnostic[];
  readonly sources: ReadonlyMap<string, string>;
}

/** The flag that runs a command without the cache of clean files (cli/cache.ts). */
export const NO_CACHE_FLAG = ['--no-cache', 'neither read nor write the cache of files found clean before'] as const;

/** The resolved workspace of a directory and the errors found on the way. */
export async function checkDir(dir: string, cwd: string, catalog: CatalogIndex, memo?: ParseMemo): Promise<Checked> {
  const { checkWorkspace, missingPath } = await import('../pipeline.js');
  await refuseFile(dir, cwd);
  const result = await checkWorkspace([dir], { cwd, catalog, memo });
  const missing = missingPath(result);
  if (missing) throw new UsageError(missing.message);
  return { workspace: result.workspace, errors: result.diagnostics.filter((d) => d.severity === 'error'), sources: result.sources };
}

/** Whether the directory checked holds no *.yaml or *.yml file (reported as a no-models error). */
export function holdsNoModels(checked: Checked): boolean {
  return checked.errors.some((d) => d.code === 'no-models');
}

/**
 * Pages, reports and diffs are made of a whole model directory. Made of one file, they would
 * miss its library entries, and build would remove the other models' pages as no longer
 * generated.
 */
export async function refuseFile(dir: string, cwd: string): Promise<void> {
  const { resolve } = await import('node:path');
  const { statSync } = await import('node:fs');
  const { displayPath, fileRefusal } = await import('../load/files.js');
  const absolute = resolve(cwd, dir);
  let isFile = false;
  try {
    isFile = statSync(absolute).isFile();
  } catch {
    // Missing, or under a file: the read reports it as a path not found.
  }
  if (isFile) throw new UsageError(fileRefusal(displayPath(absolute, cwd)));
}

/** Errors as `threatdoc validate` prints them, with the line of YAML at fault, on stderr. */
export async function printErrors(io: Io, checked: Checked): Promise<void> {
  const { human } = await import('../report/diagnostics/human.js');
  const { diagnosticReport } = await import('../report/diagnostics/report.js');
  io.stderr(human(diagnosticReport(checked.errors), { sources: checked.sources, color: io.stderrIsTTY && !io.env['NO_COLOR'], toolVersion: VERSION }));
}

export type Loaded =
  | { readonly ok: true; readonly workspace: Workspace; readonly catalog: CatalogIndex }
  | { readonly ok: false };

/**
 * Runs the validation pipeline on the model directory. Output made from models with errors
 * would silently leave out what the errors dropped, so the errors are printed and the caller
 * makes nothing (`refusal` says what, e.g. "nothing rendered").
 */
export async function checkModels(io: Io, dir: string, refusal: string, cache: boolean): Promise<Loaded> {
  const [{ loadCatalogIndex }, { withParseCache }] = await Promise.all([import('../d3fend/catalog.js'), import('./cache.js')]);
  const catalog = loadCatalogIndex();
  const checked = await withParseCache(io, cache, [dir], (memo) => checkDir(dir, io.cwd, catalog, memo));
  if (checked.errors.length === 0) return { ok: true, workspace: checked.workspace, catalog };
  await printErrors(io, checked);
  io.stderr(`threatdoc: the models have errors; ${refusal}\n`);
  return { ok: false };
}

/** Names of this process's own output streams, which need not be openable (a socket is not). */
const STREAMS: Readonly<Record<string, 'stdout' | 'stderr'>> = {
  '/dev/stdout': 'stdout',
  '/dev/fd/1': 'stdout',
  '/proc/self/fd/1': 'stdout',
  '/dev/stderr': 'stderr',
  '/dev/fd/2': 'stderr',
  '/proc/self/fd/2': 'stderr',
};

/**
 * A report written to FILE instead of stdout, whole or not at all; with `createDirs`, its
 * missing directories are made (the catalog's default place), otherwise they are an error.
 */
export async function writeOutput(io: Io, file: string, text: string, { createDirs = false } = {}): Promise<void> {
  const { resolve } = await import('node:path');
  const target = resolve(io.cwd, file);
  const stream = Object.hasOwn(STREAMS, target) ? STREAMS[target] : undefined;
  if (stream !== undefined) {
    io[stream](text);
    return;
  }
  const { writeNamedFile } = await import('../write/atomic.js');
  try {
    writeNamedFile(target, text, { createDirs });
  } catch (error) {
    const { describeErrno } = await import('../core/errno.js');
    // The file itself need not exist: a missing one is a missing directory.
    throw new UsageError(`cannot write ${file}: ${describeErrno(error, { ENOENT: 'its directory does not exist' })}`);
  }
}
