/**
 * The README is where newcomers copy from: its model example must validate cleanly and its
 * config example must be accepted, so the documentation cannot drift from the format.
 */
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/cli.js';

let dir = '';
let blocks: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'threatdoc-readme-'));
  const readme = await readFile(join(REPO_ROOT, 'README.md'), 'utf8');
  blocks = [...readme.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? '');
  await mkdir(join(dir, 'models'), { recursive: true });
  await writeFile(join(dir, 'models', 'example.yaml'), modelBlock() ?? '');
});

const modelBlock = () => blocks.find((b) => b.includes('threatdoc: 1'));
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('README examples', () => {
  it('has a model example that validates with no diagnostic at all', async () => {
    expect(modelBlock(), 'a ```yaml block with a model').toBeDefined();
    const run = await runCli(['validate', 'models', '--max-warnings', '0'], { cwd: dir });
    expect(run.stdout + run.stderr).toContain('no problems found');
    expect(run.code).toBe(0);
  });

  it('has a config example that the commands accept', async () => {
    const config = blocks.find((b) => /^models:/m.test(b) && /^report:/m.test(b));
    expect(config, 'a ```yaml block with a threatdoc.config.yaml').toBeDefined();
    await writeFile(join(dir, 'threatdoc.config.yaml'), config ?? '');
    const run = await runCli(['build', '--check'], { cwd: dir });
    // Nothing built yet: --check lists the missing pages (exit 1), which proves the config was read.
    expect(run.stderr + run.stdout).toContain('missing');
    expect(run.code).toBe(1);
  });
});
