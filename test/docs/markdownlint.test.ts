/**
 * markdownlint-cli2 on the generated Markdown of the example models and of the hostile corpus.
 * Line length (MD013) and table alignment (MD060) are off; inline HTML is allowed only for the
 * two elements the pages generate (<a id> anchors and <br> in table cells). Any other problem
 * fails, broken tables (MD055, MD056, MD058) above all.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../render/load.js';
import { renderTo } from './render-to.js';

const LINT = join(REPO, 'node_modules', '.bin', 'markdownlint-cli2');
const CONFIG = { config: { default: true, MD013: false, MD060: false, MD033: { allowed_elements: ['a', 'br'] } } };

function lint(dir: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(LINT, ['**/*.md'], { cwd: dir, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 2) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

describe('markdownlint on the generated Markdown', () => {
  it('finds no problem in the example models and the hostile corpus', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'threatdoc-mdlint-'));
    try {
      writeFileSync(join(dir, '.markdownlint-cli2.jsonc'), JSON.stringify(CONFIG));
      const examples = await renderTo('models', join(dir, 'examples'), ['md']);
      const hostile = await renderTo('test/fixtures/hostile', join(dir, 'hostile'), ['md']);
      expect(examples.length + hostile.length).toBeGreaterThan(4);
      const result = await lint(dir);
      expect(result.output).toMatch(/Linting: \d+ file/);
      expect(result.output).toContain('Summary: 0 error(s)');
      expect(result.code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('would catch a broken table (the check is live)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'threatdoc-mdlint-'));
    try {
      writeFileSync(join(dir, '.markdownlint-cli2.jsonc'), JSON.stringify(CONFIG));
      writeFileSync(join(dir, 'bad.md'), '# T\n\n| a | b |\n| --- | --- |\n| `x | y` | z |\n');
      const result = await lint(dir);
      expect(result.code).not.toBe(0);
      expect(result.output).toMatch(/MD056/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
