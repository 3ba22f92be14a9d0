/**
 * Loading template files: the defaults shipped in templates/, then a user directory whose files
 * replace the defaults of the same relative path (pages and partials alike). This is the
 * render stage's only file-system access, done once before rendering.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeErrno } from '../core/errno.js';
import { compareText } from '../core/order.js';

export interface TemplateFile {
  /** Path shown in errors (relative to the working directory when inside it). */
  readonly file: string;
  readonly source: string;
}

export interface TemplateSet {
  /** By path relative to the template root, with "/" separators: "rst/model.hbs". */
  readonly files: ReadonlyMap<string, TemplateFile>;
}

/** templates/ of the package: two levels up from src/render or dist/render. */
export const DEFAULT_TEMPLATE_DIR = fileURLToPath(new URL('../../templates', import.meta.url));

export class TemplateDirError extends Error {
  override readonly name = 'TemplateDirError';
}

export function loadTemplates(cwd: string, overrideDir?: string): TemplateSet {
  const files = new Map<string, TemplateFile>();
  for (const dir of overrideDir === undefined ? [DEFAULT_TEMPLATE_DIR] : [DEFAULT_TEMPLATE_DIR, overrideDir]) {
    let isDir = false;
    try {
      isDir = statSync(dir).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) throw new TemplateDirError(`template directory not found: ${shown(cwd, dir)}`);
    const show = (path: string) => shown(cwd, path);
    for (const rel of walk(dir, '', show)) {
      const full = join(dir, rel);
      files.set(rel.split(sep).join('/'), { file: show(full), source: readTemplate(full, show) });
    }
  }
  return { files: new Map([...files.entries()].sort(([a], [b]) => compareText(a, b))) };
}

/**
 * The .hbs files under dir/rel, relative to dir. Links are followed, to files and directories
 * alike (a shared template linked into place is meant to be used); a directory link back to
 * a directory that holds it would never end, and is refused.
 */
function walk(dir: string, rel: string, show: (path: string) => string, holders: ReadonlySet<string> = new Set()): string[] {
  const here = join(dir, rel);
  const real = realpathSync(here);
  if (holders.has(real)) throw new TemplateDirError(`${show(here)} links back to a directory that holds it`);
  const inside = new Set([...holders, real]);
  const out: string[] = [];
  for (const name of readDir(here, show)) {
    const child = rel === '' ? name : join(rel, name);
    const kind = kindOf(join(dir, child), name, show);
    if (kind === 'directory') out.push(...walk(dir, child, show, inside));
    else if (kind === 'template') out.push(child);
  }
  return out;
}

type EntryKind = 'directory' | 'template' | 'other';

/** What an entry is, through any link; a link to nothing named like a template is an error. */
function kindOf(path: string, name: string, show: (path: string) => string): EntryKind {
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    if (!name.endsWith('.hbs')) return 'other';
    throw new TemplateDirError(`cannot read template ${show(path)}: ${describeErrno(error, LINK_WORDS)}`);
  }
  if (stats.isDirectory()) return 'directory';
  return stats.isFile() && name.endsWith('.hbs') ? 'template' : 'other';
}

/** readdir listed the entry, so a stat that finds nothing is a link to nothing. */
const LINK_WORDS: Readonly<Record<string, string>> = { ENOENT: 'it is a link to nothing' };

function readTemplate(path: string, show: (path: string) => string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new TemplateDirError(`cannot read template ${show(path)}: ${describeErrno(error)}`);
  }
}

function readDir(path: string, show: (path: string) => string): string[] {
  try {
    return readdirSync(path);
  } catch (error) {
    throw new TemplateDirError(`cannot read template directory ${show(path)}: ${describeErrno(error)}`);
  }
}

function shown(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
