/**
 * The project's docs/ is a real Sphinx site that includes the generated pages of the example
 * models. Built here with -W (every warning is an error), together with the hostile-text
 * corpus rendered into the same tree, so docutils itself re-parses every escaped string.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { requireReal } from '../helpers/real.js';
import { REPO } from '../render/load.js';
import { renderTo } from './render-to.js';

const SPHINX = '/usr/bin/sphinx-build';
const skip = requireReal('sphinx', existsSync(SPHINX));
const run = promisify(execFile);

async function sphinx(src: string): Promise<{ code: number; stderr: string; out: string }> {
  const out = join(src, '_build', 'html');
  try {
    const r = await run(SPHINX, ['-W', '--keep-going', '-E', '-q', '-b', 'html', src, out], { timeout: 120_000 });
    return { code: 0, stderr: r.stderr, out };
  } catch (error) {
    const e = error as { code?: number; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stderr: e.stderr ?? String(error), out };
  }
}

describe.skipIf(skip)('sphinx-build -W of docs/', () => {
  it('builds docs/ with the generated example pages and the hostile corpus, without a warning', async () => {
    const src = mkdtempSync(join(tmpdir(), 'threatdoc-sphinx-'));
    try {
      cpSync(join(REPO, 'docs'), src, { recursive: true, filter: (p) => !p.includes('_build') });
      // The generated pages are rendered afresh, so the test checks this code, not a commit.
      rmSync(join(src, 'threat-models'), { recursive: true, force: true });
      await renderTo('models', join(src, 'threat-models'), ['rst', 'md']);
      await renderTo('test/fixtures/hostile', join(src, 'hostile'), ['rst']);
      const index = readFileSync(join(src, 'index.rst'), 'utf8');
      expect(index).toContain('   threat-models/index\n');
      writeFileSync(join(src, 'index.rst'), index.replace('   threat-models/index\n', '   threat-models/index\n   hostile/index\n'));

      const result = await sphinx(src);
      expect(result.stderr).not.toMatch(/WARNING|ERROR/);
      expect(result.code).toBe(0);

      // What docutils made of the hostile page: text, not markup.
      const html = readFileSync(join(result.out, 'hostile', 'hostile-text.html'), 'utf8');
      expect(html).not.toContain('<script>alert');
      expect(html).not.toMatch(/<img src="(x|https:\/\/example\.com)/);
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).toContain('.. raw:: html');
      expect(html).toContain('C:\\path\\to\\file');
      expect(html).toContain('|x| and word_ and `backticks`');
      // Unicode bullets and lines of backslashes stay text: no list, no extra section, no rule.
      expect(html).toContain('• not a bullet either');
      expect(html).not.toMatch(/<hr|<ul class="simple">\s*<li><p>not a bullet/);
      expect(html.match(/<h1>/g)).toHaveLength(1);
      expect(html).toMatch(/<h2>Assets/);
      // The trs page links D3FEND ids to the catalog.
      const trs = readFileSync(join(result.out, 'threat-models', 'trs-attested-containers.html'), 'utf8');
      expect(trs).toContain('href="https://d3fend.mitre.org/technique/d3f:ApplicationConfigurationHardening/"');
    } finally {
      rmSync(src, { recursive: true, force: true });
    }
  });

  it('fails on a warning: a table row with a missing cell is caught', async () => {
    const src = mkdtempSync(join(tmpdir(), 'threatdoc-sphinx-'));
    try {
      writeFileSync(join(src, 'conf.py'), "project = 'x'\n");
      writeFileSync(
        join(src, 'index.rst'),
        'X\n=\n\n.. list-table::\n   :header-rows: 1\n\n   * - A\n     - B\n   * - only one\n',
      );
      const result = await sphinx(src);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/WARNING|ERROR/);
    } finally {
      rmSync(src, { recursive: true, force: true });
    }
  });
});
