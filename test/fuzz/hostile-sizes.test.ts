/**
 * Valid models whose text is built to be slow: long runs of spaces, tabs or blank lines inside
 * descriptions (each run just under the 20,000-character limit). Every stage must stay
 * linear: a pattern that backtracks over a run costs its square (20,000² steps per line).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from '../../src/cli/main.js';
import { buildCoverageReport } from '../../src/analyze/report.js';
import { loadCatalogIndex } from '../../src/d3fend/catalog.js';
import { checkWorkspace } from '../../src/pipeline.js';
import { renderAll } from '../../src/render/registry.js';
import { loadTemplates } from '../../src/render/templates.js';
import { COVERAGE_FORMATTERS } from '../../src/report/coverage/index.js';
import { REPO_ROOT } from '../helpers/cli.js';

const RUNS: Record<string, string> = {
  spaces: `a${' '.repeat(19_990)}b`,
  tabs: `a${'\t'.repeat(19_990)}b`,
  'blank lines': `a${'\n'.repeat(19_990)}b`,
  'spaces and pipes': `a${' '.repeat(9_990)}|${' '.repeat(9_990)}b`,
};

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'threatdoc-sizes-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('text built to make a pattern backtrack', () => {
  for (const [name, text] of Object.entries(RUNS)) {
    it(`renders and reports 20 threats whose descriptions hold ${name} quickly`, async () => {
      const dir = mkdtempSync(join(root, 'case-'));
      const threats = Array.from({ length: 20 }, (_, i) => `  - id: t${i}\n    title: T${i}\n    description: ${JSON.stringify(text)}\n`);
      writeFileSync(join(dir, 'm.yaml'), `threatdoc: 1\nid: sizes\ntitle: Sizes\nstatus: draft\ndescription: ${JSON.stringify(text)}\nthreats:\n${threats.join('')}`);
      const start = performance.now();
      const catalog = loadCatalogIndex();
      const result = await checkWorkspace([dir], { cwd: dir, catalog });
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const files = renderAll(result.workspace, catalog, ['rst', 'md'], { templates: loadTemplates(REPO_ROOT) });
      expect(files.length).toBeGreaterThan(0);
      const report = buildCoverageReport(result.workspace, catalog);
      for (const formatter of Object.values(COVERAGE_FORMATTERS)) formatter(report, { toolVersion: VERSION });
      // Linear work is well under a second here; one quadratic pattern took 86 s of CPU.
      expect(performance.now() - start).toBeLessThan(10_000);
    }, 60_000);
  }
});
