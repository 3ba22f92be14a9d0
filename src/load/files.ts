import { readFileSync, realpathSync, statSync } from 'node:fs';
import { readdir, readlink, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { diagnostic, type Diagnostic, type StageResult } from '../core/diagnostic.js';
import { LIMITS, type Limits } from './limits.js';
import { decodeUtf8 } from './utf8.js';
import { compareText } from '../core/order.js';
import { describeErrno, errnoCode } from '../core/errno.js';

/** The text of one model file, named as diagnostics will name it. */
export interface SourceText {
  readonly file: string;
  readonly text: string;
  /** Read from the context directory only, not under any of the paths given. */
  readonly context?: true;
}

const YAML_FILE = /\.ya?ml$/i;

/** A model file found, under the path it will be shown by. */
interface Found {
  readonly absolute: string;
  /** Index of the given path that found it; the context directory comes after them all. */
  readonly from: number;
  /** Found as a link in a directory walk. */
  readonly viaLink: boolean;
}

/**
 * Found files by real path: a file reached through links (or a linked directory) by several
 * paths is one file, and read twice it would collide with itself (duplicate ids).
 */
type FoundFiles = Map<string, Found>;

function addFound(found: FoundFiles, file: Found): void {
  let real = file.absolute;
  try {
    real = realpathSync.native(file.absolute);
  } catch {
    // Gone since it was listed: reading it reports that.
  }
  const seen = found.get(real);
  // The first path given that reaches the file names it; within one walk, the file itself
  // is a better name than a link to it.
  if (seen === undefined || (seen.from === file.from && seen.viaLink && !file.viaLink)) found.set(real, file);
}
/** Directories a recursive walk never enters: tool state, not models. */
const SKIPPED_DIRS = new Set(['node_modules']);

/**
 * Reads every model file under `paths` (files, or directories walked recursively for *.yaml
 * and *.yml), sorted by name so every run sees the same order. Problems become diagnostics:
 * this stage never throws for anything the user controls. The files of `context`, a
 * directory, are read too and marked as such: there, finding nothing is no problem.
 */
export async function readModelFiles(
  paths: readonly string[],
  cwd: string,
  limits: Limits = LIMITS,
  context?: string,
): Promise<StageResult<SourceText[]>> {
  if (paths.length === 0) {
    return { value: [], diagnostics: [diagnostic('no-models', { file: '.', path: [], message: 'no model files or directories were given' })] };
  }
  const diagnostics: Diagnostic[] = [];
  const found: FoundFiles = new Map();
  for (const [from, given] of paths.entries()) {
    const absolute = resolve(cwd, given);
    const display = displayPath(absolute, cwd);
    let info;
    try {
      info = await stat(absolute);
    } catch (error) {
      const missing = errnoCode(error) === 'ENOENT' || errnoCode(error) === 'ENOTDIR';
      const link = await brokenLink(absolute, error);
      diagnostics.push(
        missing
          ? diagnostic('path-not-found', { file: display, path: [], message: `no such file or directory: ${display}${link ? ` (${link})` : ''}` })
          : diagnostic('file-unreadable', { file: display, path: [], message: `cannot read ${display}: ${link ? `it is ${link}` : describeErrno(error)}` }),
      );
      continue;
    }
    if (info.isDirectory()) {
      const before = found.size;
      const walked = await walk(absolute, { found, cwd, from });
      for (const problem of walked) diagnostics.push(problem);
      if (found.size === before && walked.length === 0) {
        diagnostics.push(
          diagnostic('no-models', {
            file: display,
            path: [],
            message: `${display} holds no model files (*.yaml or *.yml)`,
            hint: 'write a model file there, or point threatdoc at the directory that holds them',
          }),
        );
      }
    } else if (info.isFile()) {
      addFound(found, { absolute, from, viaLink: false });
    } else {
      // A FIFO or device would block the read forever.
      diagnostics.push(diagnostic('file-unreadable', { file: display, path: [], message: `${display} is not a regular file or directory` }));
    }
    if (found.size > LIMITS.maxFiles) return tooManyFiles(diagnostics, display);
  }

  const named = new Set(found.keys());
  const around = context === undefined ? undefined : resolve(cwd, context);
  if (around !== undefined && statSync(around, { throwIfNoEntry: false })?.isDirectory()) {
    for (const problem of await walk(around, { found, cwd, from: paths.length })) diagnostics.push(problem);
    if (found.size > LIMITS.maxFiles) return tooManyFiles(diagnostics, displayPath(around, cwd));
  }

  const sources: SourceText[] = [];
  const ordered = [...found].map(([real, { absolute }]) => ({ real, absolute, file: displayPath(absolute, cwd) }));
  ordered.sort((a, b) => compareText(a.file, b.file));
  let total = 0;
  for (const { real, absolute, file } of ordered) {
    const read = readOne(absolute, file);
    if (!('text' in read)) {
      diagnostics.push(read.problem);
      continue;
    }
    // Each file is within its own limit, but 2,000 of them could still exhaust memory.
    total += read.text.length;
    if (total > limits.maxTotalChars) {
      const shown = paths.map((p) => displayPath(resolve(cwd, p), cwd)).join(', ');
      diagnostics.push(
        diagnostic('input-too-large', {
          file,
          path: [],
          message: `the model files under ${shown} add up to more than ${limits.maxTotalChars.toLocaleString('en-US')} characters; reading stopped at ${file}`,
          hint: 'point threatdoc at the directory of the models only',
        }),
      );
      return { value: [], diagnostics };
    }
    sources.push(named.has(real) ? read : { ...read, context: true });
  }
  return { value: sources, diagnostics };
}

function tooManyFiles(diagnostics: readonly Diagnostic[], display: string): StageResult<SourceText[]> {
  return {
    value: [],
    diagnostics: [
      ...diagnostics,
      diagnostic('too-many-files', {
        file: display,
        path: [],
        message: `more than ${LIMITS.maxFiles} YAML files under ${display}`,
        hint: 'point threatdoc at the directory of the models only',
      }),
    ],
  };
}

/** Where a walk puts what it finds: `from` is the index of the path being walked. */
interface WalkTarget {
  readonly found: FoundFiles;
  readonly cwd: string;
  readonly from: number;
}

async function walk(dir: string, target: WalkTarget): Promise<Diagnostic[]> {
  const { found, cwd } = target;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const file = displayPath(dir, cwd);
    return [diagnostic('file-unreadable', { file, path: [], message: `cannot read directory ${file}: ${describeErrno(error)}` })];
  }
  const problems: Diagnostic[] = [];
  // Sorted so that problems come in the same order on every file system.
  entries.sort((a, b) => compareText(a.name, b.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    // Symbolic links to directories are not followed: a link cycle must not hang the walk.
    if (entry.isDirectory()) {
      if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) continue;
      for (const problem of await walk(path, target)) problems.push(problem);
      if (found.size > LIMITS.maxFiles) return problems;
    } else if (YAML_FILE.test(entry.name) && entry.isFile()) {
      addFound(found, { absolute: path, from: target.from, viaLink: false });
    } else if (YAML_FILE.test(entry.name) && entry.isSymbolicLink()) {
      const linked = await followLink(path);
      if (linked.kind === 'file') addFound(found, { absolute: path, from: target.from, viaLink: true });
      // A model file that cannot be read, left out silently, would show up only as the
      // references into it that no longer resolve.
      if (linked.kind === 'broken') {
        const file = displayPath(path, cwd);
        problems.push(diagnostic('file-unreadable', { file, path: [], message: `cannot read ${file}: ${linked.reason}` }));
      }
    }
  }
  return problems;
}

/** Where a link found in a walk leads; a link to a directory (or a FIFO) is no model file. */
type LinkTarget = { readonly kind: 'file' } | { readonly kind: 'other' } | { readonly kind: 'broken'; readonly reason: string };

async function followLink(path: string): Promise<LinkTarget> {
  try {
    return (await stat(path)).isFile() ? { kind: 'file' } : { kind: 'other' };
  } catch (error) {
    const link = await brokenLink(path, error);
    return { kind: 'broken', reason: link ? `it is ${link}` : describeErrno(error) };
  }
}

/** Why following the link at `path` failed with `error`, in words; undefined when it is no link. */
async function brokenLink(path: string, error: unknown): Promise<string | undefined> {
  const code = errnoCode(error);
  if (code === 'ELOOP') return 'a link in a loop of links';
  if (code !== 'ENOENT') return undefined;
  try {
    return `a link to ${await readlink(path)}, which does not exist`;
  } catch {
    // Not a link: the path itself is missing.
    return undefined;
  }
}

/**
 * Synchronous on purpose: model files are small, and awaiting the thread pool twice per file
 * left a 50-file run waiting on the event loop for a fifth of its time.
 */
function readOne(absolute: string, file: string): SourceText | { problem: Diagnostic } {
  try {
    // Size first, so a huge file is never loaded into memory.
    const { size } = statSync(absolute);
    if (size > LIMITS.maxFileBytes) {
      return {
        problem: diagnostic('file-too-large', {
          file,
          path: [],
          message: `${file} is ${formatBytes(size)}; model files may be at most ${formatBytes(LIMITS.maxFileBytes)} (${LIMITS.maxFileBytes / MiB} MiB)`,
          hint: 'split the model into several files in the same directory',
        }),
      };
    }
    const decoded = decodeUtf8(readFileSync(absolute));
    if (decoded.ok) return { file, text: decoded.text };
    return {
      problem: diagnostic('file-encoding', {
        file,
        path: [],
        range: { start: decoded.at, end: decoded.at },
        message: `${file} is not valid UTF-8 (byte 0x${decoded.byte.toString(16).padStart(2, '0')} at line ${decoded.at.line}, column ${decoded.at.column})`,
        hint: 'save the file as UTF-8',
      }),
    };
  } catch (error) {
    return { problem: diagnostic('file-unreadable', { file, path: [], message: `cannot read ${file}: ${describeErrno(error)}` }) };
  }
}

/** Why a command that reads a whole model directory refuses a file; `at` names a revision. */
export function fileRefusal(shown: string, at?: string): string {
  return `${shown} is a file${at === undefined ? '' : ` at ${at}`}; give the model directory that holds it (only validate checks single files)`;
}

/** Relative to the working directory when inside it, with "/" separators; otherwise absolute. */
export function displayPath(absolute: string, cwd: string): string {
  const rel = relative(cwd, absolute);
  if (rel === '') return '.';
  if (rel.startsWith('..') || isAbsolute(rel)) return absolute;
  return sep === '/' ? rel : rel.split(sep).join('/');
}

const MiB = 1024 * 1024;

/** Exact: a file one byte over the limit rounds to the same MiB as the limit. */
function formatBytes(bytes: number): string {
  return `${bytes.toLocaleString('en-US')} bytes`;
}
