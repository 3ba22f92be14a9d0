/**
 * Every percentage a report or a diff shows is the exact ratio of its counts rounded once,
 * half up. Rounding a figure that was already rounded can move it: 6 of 11 is 54.545…%,
 * which is 54.5 % rounded once but 54.55 → 54.6 % rounded twice.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCoverageReport } from '../../src/analyze/report.js';
import { analyzeCoverage } from '../../src/analyze/coverage.js';
import type { Workspace } from '../../src/core/model.js';
import { diffWorkspaces } from '../../src/diff/compare.js';
import { diffMarkdown } from '../../src/diff/format.js';
import { COVERAGE_FORMATTERS } from '../../src/report/coverage/index.js';
import { mitigation, model, smallCatalog, threat, workspace } from '../analyze/build.js';

const catalog = smallCatalog([]);
const ctx = { toolVersion: '0.0.0-test' };

/** 100 × part / whole rounded half up to `decimals`, written as the reports write numbers (no trailing zeros). */
function rounded(part: number, whole: number, decimals: number): string {
  const scale = 10n ** BigInt(decimals);
  const numerator = 100n * scale * BigInt(part);
  const denominator = BigInt(whole);
  let q = numerator / denominator;
  if (2n * (numerator % denominator) >= denominator) q += 1n;
  const fraction = (q % scale).toString().padStart(decimals, '0').replace(/0+$/, '');
  return fraction === '' ? `${q / scale}` : `${q / scale}.${fraction}`;
}

interface Counts {
  readonly covered: number;
  readonly partial: number;
  readonly open: number;
}

/** One model whose threats are covered, partial and open in the given numbers. */
function counted({ covered, partial, open }: Counts): Workspace {
  const done = mitigation('done', 'implemented');
  const soon = mitigation('soon', 'planned');
  const threats = [
    ...Array.from({ length: covered }, (_, i) => threat(`c${i}`, { mitigations: [done] })),
    ...Array.from({ length: partial }, (_, i) => threat(`p${i}`, { mitigations: [soon] })),
    ...Array.from({ length: open }, (_, i) => threat(`o${i}`)),
  ];
  return workspace(model('m', { mitigations: [done, soon], threats }));
}

const count = fc.integer({ min: 0, max: 120 });
const counts = fc
  .record({ covered: count, partial: count, open: count })
  .filter((c) => c.covered + c.partial + c.open > 0);
/** The cases that were shown wrongly: 6 of 11, 7 of 13 and 3 of 17 covered. */
const KNOWN: [Counts][] = [[{ covered: 6, partial: 0, open: 5 }], [{ covered: 7, partial: 0, open: 6 }], [{ covered: 3, partial: 0, open: 14 }]];

describe('percentages', () => {
  it('are the exact ratio rounded once in the Markdown, JSON and JUnit reports', () => {
    fc.assert(
      fc.property(counts, (c) => {
        const threats = c.covered + c.partial + c.open;
        const report = buildCoverageReport(counted(c), catalog);
        const percent = rounded(c.covered, threats, 1);
        const weighted = rounded(2 * c.covered + c.partial, 2 * threats, 1);
        const md = COVERAGE_FORMATTERS.md(report, ctx);
        expect(md).toContain(`**${percent} %** of ${threats} threats covered (weighted ${weighted} %)`);
        expect(md).toContain(`\` ${percent} % | ${c.covered} |`);
        const json = JSON.parse(COVERAGE_FORMATTERS.json(report, ctx));
        expect(json.totals.percent).toBe(Number(rounded(c.covered, threats, 2)));
        expect(json.totals.weightedPercent).toBe(Number(rounded(2 * c.covered + c.partial, 2 * threats, 2)));
        expect(COVERAGE_FORMATTERS.junit(report, ctx)).toContain(`<property name="percent" value="${rounded(c.covered, threats, 2)}"/>`);
      }),
      { examples: KNOWN },
    );
  });

  it('are the exact ratio rounded once in the diff, the change in points too', () => {
    fc.assert(
      fc.property(counts, counts, (before, after) => {
        const [n0, n1] = [before.covered + before.partial + before.open, after.covered + after.partial + after.open];
        const side = (ws: Workspace) => ({ workspace: ws, coverage: analyzeCoverage(ws, catalog) });
        const diff = diffWorkspaces(side(counted(before)), side(counted(after)));
        const md = diffMarkdown(diff, { base: { name: 'main', commit: 'a'.repeat(40) }, head: null });
        // after − before = (c1 × n0 − c0 × n1) / (n0 × n1), rounded once.
        const change = after.covered * n0 - before.covered * n1;
        const points = rounded(Math.abs(change), n0 * n1, 1);
        const delta = points === '0' ? ' (unchanged)' : ` (${change > 0 ? '+' : '−'}${points} points)`;
        expect(md).toContain(`Coverage: **${rounded(before.covered, n0, 1)} % → ${rounded(after.covered, n1, 1)} %**${delta};`);
      }),
      { examples: [[KNOWN[0]![0], KNOWN[1]![0]]] },
    );
  });
});
