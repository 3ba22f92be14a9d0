/**
 * Nothing lost: a build killed with SIGKILL at any point of writing leaves every output file
 * either as the previous build wrote it or as the new build would, never half-written; a
 * later build completes the job; files threatdoc did not generate are never touched.
 *
 * The exact kill points come from test/e2e/interrupt-preload.mjs, which stops the real built
 * CLI in the middle of its N-th file write, before or after the rename that publishes it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, REPO_ROOT } from '../helpers/cli.js';

const PRELOAD = pathToFileURL(join(REPO_ROOT, 'test', 'e2e', 'interrupt-preload.mjs')).href;
const TEMP = /(^|\/)\.threatdoc-tmp-[^/]*$/;
/** Files a person put in the output directory: a build must leave them byte for byte. */
const HAND_WRITTEN: Record<string, string> = {
  'README.md': '# Our threat models\n\nWritten by hand.\n',
  'notes/keep.txt': 'keep me\n',
  '.hidden/state.json': '{"x":1}\n',
};

type Tree = Map<string, string>;

function readTree(dir: string): Tree {
  const tree: Tree = new Map();
  if (!existsSync(dir)) return tree;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/');
    tree.set(path, readFileSync(join(dir, path), 'utf8'));
  }
  return tree;
}

function buildArgs(models: string, out: string): string[] {
  return [CLI, 'build', models, '--out', out, '--format', 'rst,md', '--diagrams', 'none'];
}

function buildSync(models: string, out: string, cwd: string, extra: string[] = []): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [...buildArgs(models, out), ...extra], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** Starts a build with the hook, waits until it reports the pause, kills it with SIGKILL. */
function buildKilledAt(models: string, out: string, cwd: string, at: number, stage: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', PRELOAD, ...buildArgs(models, out)], {
      cwd,
      env: { ...process.env, INTERRUPT_AT: String(at), INTERRUPT_STAGE: stage },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let paused = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const line = /INTERRUPT-PAUSED [^\n]*/.exec(output)?.[0];
      if (line && !paused) {
        paused = line;
        child.kill('SIGKILL');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      if (paused && signal === 'SIGKILL') resolve(paused);
      else reject(new Error(`the build was not stopped at write ${at} (${stage}); it ended by itself:\n${output}`));
    });
  });
}

/** Starts a build without any hook and kills it after `delayMs`, wherever it is. */
function buildKilledAfter(models: string, out: string, cwd: string, delayMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, buildArgs(models, out), { cwd, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

describe('an interrupted build', () => {
  let root: string;
  let v1: string;
  let v2: string;
  let before: Tree; // output dir after building v1, hand-written files included
  let after: Tree; // what building v2 over it must produce
  let changed: string[]; // generated files whose content differs between v1 and v2, in write order
  let buildMs: number;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'threatdoc-interrupt-'));
    v1 = join(root, 'v1');
    v2 = join(root, 'v2');
    cpSync(join(REPO_ROOT, 'models'), v1, { recursive: true });
    cpSync(join(REPO_ROOT, 'models'), v2, { recursive: true });
    // v2 renames every model (every page changes) and drops one model (its pages are removed).
    for (const file of readdirSync(v2).filter((f) => f.endsWith('.yaml'))) {
      const path = join(v2, file);
      writeFileSync(path, readFileSync(path, 'utf8').replace(/^title: (.*)$/m, 'title: $1 (revised)'));
    }
    rmSync(join(v2, 'enclaver-nitro.yaml'));

    const base = join(root, 'base');
    for (const [path, text] of Object.entries(HAND_WRITTEN)) {
      mkdirSync(join(base, path, '..'), { recursive: true });
      writeFileSync(join(base, path), text);
    }
    const first = buildSync(v1, base, root);
    expect(first.status, first.output).toBe(0);
    before = readTree(base);

    const target = join(root, 'target');
    cpSync(base, target, { recursive: true });
    const start = performance.now();
    const second = buildSync(v2, target, root);
    buildMs = performance.now() - start;
    expect(second.status, second.output).toBe(0);
    after = readTree(target);
    changed = [...after.keys()].filter((p) => before.has(p) && before.get(p) !== after.get(p)).sort();
    // The scenario must exercise writes, new files and removals, or it proves nothing.
    expect(changed.length).toBeGreaterThan(3);
    expect([...before.keys()].some((p) => !after.has(p))).toBe(true);
    for (const [path, text] of Object.entries(HAND_WRITTEN)) expect(after.get(path)).toBe(text);
  }, 240_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** Every file is old or new, hand-written ones untouched, and anything extra is a temp file. */
  function expectOldOrNew(out: string): { fresh: number; temps: string[] } {
    const now = readTree(out);
    const temps: string[] = [];
    let fresh = 0;
    for (const [path, text] of now) {
      if (TEMP.test(path)) {
        temps.push(path);
        continue;
      }
      const old = before.get(path);
      const next = after.get(path);
      expect(old !== undefined || next !== undefined, `${path} is neither an old nor a new output file`).toBe(true);
      expect(text === old || text === next, `${path} is half-written or foreign`).toBe(true);
      if (text === next && text !== old) fresh++;
    }
    for (const path of before.keys()) {
      if (after.has(path)) expect(now.has(path), `${path} vanished`).toBe(true);
    }
    for (const [path, text] of Object.entries(HAND_WRITTEN)) expect(now.get(path)).toBe(text);
    return { fresh, temps };
  }

  const STAGES = [
    // Killed while the bytes of file N are being written: N-1 files replaced, a partial temp file.
    { stage: 'mid-write', replaced: (n: number) => n - 1, temps: 1 },
    // Killed with file N complete in its temp file, before the rename publishes it.
    { stage: 'before-rename', replaced: (n: number) => n - 1, temps: 1 },
    // Killed just after file N was published.
    { stage: 'after-rename', replaced: (n: number) => n, temps: 0 },
  ] as const;

  for (const { stage, replaced, temps } of STAGES) {
    it(`leaves old-or-new files when killed ${stage} of the first and of the last write, and a rebuild completes it`, async () => {
      for (const at of [1, changed.length]) {
        const out = join(root, `${stage}-${at}`);
        rmSync(out, { recursive: true, force: true });
        cpSync(join(root, 'base'), out, { recursive: true });
        const paused = await buildKilledAt(v2, out, root, at, stage);
        expect(paused).toContain(stage);

        const state = expectOldOrNew(out);
        expect(state.fresh, `files replaced before the kill at write ${at}`).toBe(replaced(at));
        expect(state.temps).toHaveLength(temps);

        // The next build must not mistake the leftover temp file for output, and finishes the job.
        const rebuild = buildSync(v2, out, root);
        expect(rebuild.status, rebuild.output).toBe(0);
        const done = readTree(out);
        for (const [path, text] of after) expect(done.get(path), path).toBe(text);
        // ...and clears the temporary files the killed build left, so none pile up.
        const extra = [...done.keys()].filter((p) => !after.has(p));
        expect(extra, 'files left besides the output').toEqual([]);
        if (at === 1) continue;
        const check = buildSync(v2, out, root, ['--check']);
        expect(check.status, check.output).toBe(0);
      }
    }, 240_000);
  }

  it('leaves old-or-new files when killed at arbitrary moments without any hook', async () => {
    for (const fraction of [0.5, 0.8, 0.95]) {
      const out = join(root, `random-${fraction}`);
      rmSync(out, { recursive: true, force: true });
      cpSync(join(root, 'base'), out, { recursive: true });
      await buildKilledAfter(v2, out, root, Math.round(buildMs * fraction));
      expectOldOrNew(out);
    }
  }, 240_000);
});
