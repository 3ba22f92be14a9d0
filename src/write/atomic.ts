/**
 * Whole file or nothing: every file threatdoc writes (pages, diagrams, reports, the D3FEND
 * catalog) goes to a temporary file in the target's directory and is renamed over the
 * target, so a reader or a killed run never sees half a file.
 */
import { chmodSync, lstatSync, mkdirSync, readlinkSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { errnoCode } from '../core/errno.js';

/** Name prefix of the temporary files (git-ignored, never taken for output, removed by the next build). */
export const TEMP_PREFIX = '.threatdoc-tmp-';

interface AtomicOptions {
  /**
   * `false` for a file the user named (`--output`): a mistyped directory is an error to
   * report, not one to create.
   */
  readonly createDirs?: boolean;
  /** Permission bits the file ends with; by default those a new file gets (0666 less the umask). */
  readonly mode?: number;
}

export function writeAtomic(target: string, content: string | Uint8Array, { createDirs = true, mode }: AtomicOptions = {}): void {
  const dir = dirname(target);
  if (createDirs) makeDirectory(dir);
  const temp = join(dir, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`);
  try {
    writeFileSync(temp, content, typeof content === 'string' ? { encoding: 'utf8', flag: 'wx' } : { flag: 'wx' });
    if (mode !== undefined) chmodSync(temp, mode);
    renameSync(temp, target);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
    throw error;
  }
}

/**
 * Creates `dir` and its missing ancestors, outermost first, one mkdir each; an error names
 * the step that failed (its errno code kept). Node's recursive mkdirSync instead loops forever
 * where mkdir says ENOENT although the parent exists, as under /proc.
 */
export function makeDirectory(dir: string): void {
  // Called before every file written: the directory usually exists, and one stat says so.
  const existing = statOrUndefined(resolve(dir));
  if (existing !== undefined) {
    if (!existing.isDirectory()) throw Object.assign(new Error(`EEXIST: file already exists, mkdir '${dir}'`), { code: 'EEXIST' });
    return;
  }
  const missing = [resolve(dir)];
  for (let current = dirname(resolve(dir)); statOrUndefined(current) === undefined; current = dirname(current)) {
    missing.push(current);
    if (dirname(current) === current) break;
  }
  for (const path of missing.reverse()) {
    try {
      mkdirSync(path);
    } catch (error) {
      // Made meanwhile by another process: as good as made here.
      if (errnoCode(error) !== 'EEXIST' || statOrUndefined(path)?.isDirectory() !== true) throw error;
    }
  }
}

/**
 * A file the user named (`--output`, `d3fend import --out`), written where the name leads, as
 * a shell's `>` would: a link is followed and stays a link, an existing file keeps its
 * permissions, and a pipe, terminal, other device or `/dev/stdout` is written to directly,
 * since renaming over it would replace it instead of feeding it. Regular files are still
 * replaced whole. The directory must exist unless `createDirs`.
 */
export function writeNamedFile(target: string, content: string, { createDirs = false } = {}): void {
  const existing = statOrUndefined(target);
  // /dev/stdout and /proc/self/fd/N name whatever the shell opened, a file with `>>` among them.
  if ((existing && !existing.isFile() && !existing.isDirectory()) || /^\/(?:dev|proc)\//.test(target)) {
    // Appending: a shell's `>` has truncated already, and `>>` means to keep what is there.
    writeFileSync(target, content, { encoding: 'utf8', flag: 'a' });
    return;
  }
  // A directory fails in the rename, with EISDIR, as before.
  const real = existing?.isFile() === true ? realpathSync(target) : linkDestination(target);
  writeAtomic(real, content, { createDirs, ...(existing?.isFile() === true ? { mode: existing.mode & 0o7777 } : {}) });
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

/** Where a path that does not exist yet leads: through a dangling link to the file it names. */
function linkDestination(path: string): string {
  let current = path;
  // As many links as Linux follows before ELOOP.
  for (let hops = 0; hops < 40; hops++) {
    let isLink: boolean;
    try {
      isLink = lstatSync(current).isSymbolicLink();
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return current;
      throw error;
    }
    if (!isLink) return current;
    current = resolve(dirname(current), readlinkSync(current));
  }
  throw Object.assign(new Error(`too many levels of symbolic links: ${path}`), { code: 'ELOOP' });
}
