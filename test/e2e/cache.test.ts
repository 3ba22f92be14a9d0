/**
 * The cache of clean files, as a user meets it through the built CLI: it lives where
 * THREATDOC_CACHE_DIR says, only the user can read it, and no run reports or renders anything
 * different for it, whether it is warm, stale, damaged, unwritable or switched off.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/cli.js';

let cwd: string;
beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'threatdoc-cache-e2e-'));
  cpSync(join(REPO_ROOT, 'models'), join(cwd, 'models'), { recursive: true });
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

/** A fresh cache directory for one test. */
function cacheDir(): string {
  return mkdtempSync(join(cwd, 'cache-'));
}

const run = (args: string[], cache: string) => runCli(args, { cwd, env: { THREATDOC_CACHE_DIR: cache } });

/** The one cache file a run left, with its bytes and when it was written. */
function cacheFile(dir: string): { name: string; bytes: Buffer; mtimeMs: number; mode: number } {
  const names = readdirSync(dir);
  expect(names).toHaveLength(1);
  const path = join(dir, names[0]!);
  const stat = statSync(path);
  return { name: names[0]!, bytes: readFileSync(path), mtimeMs: stat.mtimeMs, mode: stat.mode & 0o777 };
}

function pages(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

describe('the cache of clean files', () => {
  it('is written by the first run, readable by the user alone, and read but not rewritten by the next', async () => {
    const cache = cacheDir();
    const first = await run(['validate', 'models'], cache);
    expect(first.code).toBe(0);
    const written = cacheFile(cache);
    expect(written.name).toMatch(/^[0-9a-f]{32}\.v8$/);
    expect(written.mode).toBe(0o600);

    const second = await run(['validate', 'models'], cache);
    expect(second).toEqual(first);
    const after = cacheFile(cache);
    expect(after.mtimeMs).toBe(written.mtimeMs);
    expect(after.bytes.equals(written.bytes)).toBe(true);
  });

  it('is shared by validate and build, and the pages are those of a build without it', async () => {
    const cache = cacheDir();
    expect((await run(['validate', 'models'], cache)).code).toBe(0);
    const warm = await run(['build', join(cwd, 'models'), '--out', 'warm', '--diagrams', 'none'], cache);
    expect(warm.code).toBe(0);
    const cold = await run(['build', 'models', '--out', 'cold', '--diagrams', 'none', '--no-cache'], cacheDir());
    expect(cold.code).toBe(0);
    expect(pages(join(cwd, 'warm'))).toEqual(pages(join(cwd, 'cold')));
    // `models` and its absolute path are the same directory: one cache file between them.
    expect(readdirSync(cache)).toHaveLength(1);
  });

  it('never hides a problem brought in after the file was cached', async () => {
    const cache = cacheDir();
    const dir = mkdtempSync(join(cwd, 'edited-'));
    cpSync(join(cwd, 'models'), join(dir, 'models'), { recursive: true });
    const runIn = (args: string[]) => runCli(args, { cwd: dir, env: { THREATDOC_CACHE_DIR: cache } });
    expect((await runIn(['validate', 'models'])).code).toBe(0);

    const file = join(dir, 'models', 'seng-server.yaml');
    const text = readFileSync(file, 'utf8');
    const id = /^\s+- id: (\S+)$/m.exec(text.slice(text.indexOf('\nthreats:')))![1]!;
    writeFileSync(file, text.replace(`- id: ${id}\n`, `- id: ${id}\n    color: red\n`));
    const edited = await runIn(['validate', 'models']);
    const uncached = await runIn(['validate', 'models', '--no-cache']);
    expect(edited.code).toBe(1);
    expect(edited.stdout).toMatch(/models\/seng-server\.yaml:\d+:5 error/);
    expect(edited).toEqual(uncached);

    // Put back, the file is clean again, as the cache must also say.
    writeFileSync(file, text);
    expect((await runIn(['validate', 'models'])).code).toBe(0);
  });

  it('is neither read nor written with --no-cache', async () => {
    const cache = cacheDir();
    for (const args of [['validate', 'models'], ['report', 'models', '--format', 'json'], ['build', 'models', '--out', 'off', '--diagrams', 'none']]) {
      expect((await run([...args, '--no-cache'], cache)).code, args.join(' ')).toBe(0);
    }
    expect(readdirSync(cache)).toEqual([]);
  });

  it('costs nothing but time when it cannot be written or was damaged', async () => {
    const expected = await run(['validate', 'models', '--no-cache'], cacheDir());

    const notADirectory = join(cwd, 'a-file');
    writeFileSync(notADirectory, 'in the way\n');
    expect(await run(['validate', 'models'], notADirectory)).toEqual(expected);
    expect(readFileSync(notADirectory, 'utf8')).toBe('in the way\n');

    const cache = cacheDir();
    await run(['validate', 'models'], cache);
    const { name, bytes } = cacheFile(cache);
    writeFileSync(join(cache, name), bytes.subarray(0, bytes.length >> 1));
    expect(await run(['validate', 'models'], cache)).toEqual(expected);
    // Rewritten whole by that run: the next reads it and writes nothing.
    const mended = cacheFile(cache);
    expect(mended.bytes.length).toBe(bytes.length);
    expect(await run(['validate', 'models'], cache)).toEqual(expected);
    expect(cacheFile(cache).mtimeMs).toBe(mended.mtimeMs);
  });
});
