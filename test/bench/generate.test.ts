import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, PER_SCALE, plan, readCatalog, type GenerateOptions, type GenerateStats } from '../../bench/generate.mjs';
import { checkWorkspace } from '../../src/pipeline.js';

const run = (options: GenerateOptions): GenerateStats => generate(options);

/** Digest of every file of a directory, names included, so two runs can be compared. */
function digest(dir: string): string {
  const hash = createHash('sha256');
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.yaml')).sort();
  for (const file of files) hash.update(file).update('\0').update(readFileSync(join(dir, file))).update('\0');
  return hash.digest('hex');
}

describe('bench/generate.mjs', () => {
  let root: string;
  let dir: string;
  let stats: GenerateStats;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'threatdoc-gen-'));
    dir = join(root, 'scale1');
    stats = run({ out: dir, scale: 1 });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes the scale-1 sizes: 50 files, 1,000 threats, 300 mitigations, 200 assets', () => {
    expect(stats).toMatchObject({
      files: PER_SCALE.files,
      libraries: PER_SCALE.libraries,
      models: PER_SCALE.files - PER_SCALE.libraries,
      threats: 1000,
      mitigations: 300,
      assets: 200,
      agents: 30,
    });
  });

  it('validates with no errors and no warnings, every reference resolved', async () => {
    const result = await checkWorkspace([dir], { cwd: root });
    expect(result.diagnostics).toEqual([]);
    const threats = result.workspace.models.flatMap((m) => m.threats);
    expect(result.workspace.models).toHaveLength(45);
    expect(result.workspace.libraries).toHaveLength(5);
    expect(threats).toHaveLength(1000);
    // Cross-file references survived resolution: some threats use library mitigations.
    const libraryIds = new Set(result.workspace.libraries.flatMap((l) => l.mitigations.map((m) => m.id)));
    expect(threats.some((t) => t.mitigations.some((m) => libraryIds.has(m.id)))).toBe(true);
    expect(threats.filter((t) => t.attack.length > 0).length).toBeGreaterThan(400);
  });

  it('is deterministic for a seed and varies with it', () => {
    const again = join(root, 'again');
    const other = join(root, 'other');
    run({ out: again, scale: 1 });
    run({ out: other, scale: 1, seed: 'another seed' });
    expect(digest(again)).toBe(digest(dir));
    expect(digest(other)).not.toBe(digest(dir));
  });

  it('keeps large scales under the file limit by writing bigger files', () => {
    const capped = join(root, 'capped');
    const s = run({ out: capped, scale: 3, maxFiles: 100 });
    expect(s.files).toBe(100);
    expect(s.threats).toBe(3000);
    expect(s.mitigations).toBe(900);
  });

  it('refuses fewer files than one unit needs (it looped forever on them)', () => {
    for (const maxFiles of [5, 0, Number.NaN, 7.5]) {
      expect(() => plan({ scale: 2, catalog: readCatalog(), maxFiles })).toThrow(/at least 6/);
    }
    expect(plan({ scale: 2, catalog: readCatalog(), maxFiles: 6 })).toHaveLength(6);
  });
});
