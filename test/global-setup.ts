import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The CLI runs of a test run keep their cache of clean files in one directory of the run, not
 * in the user's home, and it goes when the run ends. Test workers inherit the variable; tests
 * of the cache itself name their own directory.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'threatdoc-test-cache-'));
  process.env.THREATDOC_CACHE_DIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
