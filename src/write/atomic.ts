/**
 * Whole file or nothing: every file threatdoc writes (pages, diagrams, reports, the D3FEND
 * catalog) goes to a temporary file in the target's directory and is renamed over the
 * target, so a reader or a killed run never sees half a file.
 */
import { mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';

/** Name prefix of the temporary files (git-ignored, never taken for output, removed by the next build). */
export const TEMP_PREFIX = '.threatdoc-tmp-';

/**
 * `createDirs: false` for a file the user named (`--output`): a mistyped directory is an
 * error to report, not one to create.
 */
export function writeAtomic(target: string, content: string | Uint8Array, { createDirs = true } = {}): void {
  const dir = dirname(target);
  if (createDirs) mkdirSync(dir, { recursive: true });
  const temp = join(dir, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`);
  try {
    writeFileSync(temp, content, typeof content === 'string' ? { encoding: 'utf8', flag: 'wx' } : { flag: 'wx' });
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
