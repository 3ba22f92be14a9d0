/**
 * Where the cache of clean files lives (load/parse-cache.ts) and when commands use it. It is
 * the user's, not the project's: $THREATDOC_CACHE_DIR, else threatdoc/ in the user's cache
 * directory, one file per set of paths checked. Nothing is written beside
 * the models, and a build of the same sources never sees another's entries.
 */
import { createHash } from 'node:crypto';
import { readdirSync, statSync, unlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BUILD_ID } from '../build-id.js';
import type { ParseMemo } from '../load/parse-cache.js';
import type { Io } from './io.js';

/** Bump when an entry's meaning changes in a way the build id would not show. */
const FORMAT = 1;
const EXTENSION = '.v8';
/** A cache file no run has written for this long is removed by the next that writes. */
const KEEP_MS = 30 * 24 * 60 * 60 * 1000;

/** The directory for threatdoc's cache files, when the environment names one. */
export function cacheDirectory(env: Io['env']): string | undefined {
  const own = env['THREATDOC_CACHE_DIR'];
  if (own) return own;
  const base = env['XDG_CACHE_HOME'] || (env['HOME'] ? join(env['HOME'], '.cache') : env['LOCALAPPDATA']);
  return base ? join(base, 'threatdoc') : undefined;
}

/**
 * Runs `check` with the cache of `scope` (the paths the command checks, taken by absolute
 * path), and writes what it learned. Without a stamped build (code run from src) or a cache
 * directory, or with `enabled` false (--no-cache), `check` runs without one.
 */
export async function withParseCache<T>(io: Io, enabled: boolean, scope: readonly string[], check: (memo: ParseMemo | undefined) => Promise<T>): Promise<T> {
  const dir = cacheDirectory(io.env);
  if (!enabled || BUILD_ID === undefined || dir === undefined) return check(undefined);
  const { ParseCache } = await import('../load/parse-cache.js');
  // `validate models` and a build whose config names ./models share a file.
  const file = join(resolve(io.cwd, dir), `${digest(scope.map((path) => resolve(io.cwd, path)))}${EXTENSION}`);
  const cache = ParseCache.open(file, await identity(BUILD_ID));
  const result = await check(cache);
  const contents = cache.contents();
  if (contents !== undefined) await save(file, contents);
  return result;
}

/** What must not change for an entry to hold: the code, the schema it was checked against, V8's format. */
async function identity(build: string): Promise<string> {
  const { readModelSchemaText } = await import('../validate/schema-file.js');
  return digest([String(FORMAT), build, readModelSchemaText(), process.versions.v8]);
}

async function save(file: string, contents: Uint8Array): Promise<void> {
  const { writeAtomic } = await import('../write/atomic.js');
  try {
    writeAtomic(file, contents, { mode: 0o600 });
    removeStale(resolve(file, '..'));
  } catch {
    // A read-only or full disk costs the next run its head start, nothing more.
  }
}

function removeStale(dir: string): void {
  const now = Date.now();
  for (const name of readdirSync(dir)) {
    if (!name.endsWith(EXTENSION)) continue;
    const path = join(dir, name);
    if (now - statSync(path).mtimeMs > KEEP_MS) unlinkSync(path);
  }
}

function digest(parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex').slice(0, 32);
}
