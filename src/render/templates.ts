/**
 * Loading template files: the defaults shipped in templates/, then a user directory whose files
 * replace the defaults of the same relative path (pages and partials alike). This is the
 * render stage's only file-system access, done once before rendering.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
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
    for (const rel of walk(dir, '')) {
      const full = join(dir, rel);
      files.set(rel.split(sep).join('/'), { file: shown(cwd, full), source: readFileSync(full, 'utf8') });
    }
  }
  return { files: new Map([...files.entries()].sort(([a], [b]) => compareText(a, b))) };
}

function walk(dir: string, rel: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const child = rel === '' ? entry.name : join(rel, entry.name);
    if (entry.isDirectory()) out.push(...walk(dir, child));
    else if (entry.isFile() && entry.name.endsWith('.hbs')) out.push(child);
  }
  return out;
}

function shown(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
