import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Threat } from '../../src/core/model.js';
import { coverageChart, coverageDiagrams } from '../../src/diagram/coverage.js';
import { printFlowchart } from '../../src/diagram/flowchart.js';
import { modelDiagrams, workspaceDiagrams } from '../../src/diagram/index.js';
import { CHART_BUDGET, MERMAID_LIMITS } from '../../src/diagram/limits.js';
import { overviewDiagrams } from '../../src/diagram/overview.js';
import { tacticCoverage } from '../../src/diagram/tactics.js';
import { asset, mitigation, model, threat, workspace } from '../analyze/build.js';
import { bigModel, catalog, smallModel } from './fixture.js';

/** Node ids declared in a flowchart: n0, n1, … and nothing taken from the model. */
function declaredIds(source: string): string[] {
  return [...source.matchAll(/^\s*(?:subgraph )?([A-Za-z0-9_-]+)(?:\[|\(|\(\[)"/gm)].map((m) => m[1]!);
}

function edgeCount(source: string): number {
  return source.split('\n').filter((l) => / (-->|-\.->|~~~) /.test(l)).length;
}

describe('diagram generation', () => {
  it('draws the small model as the committed mermaid sources', async () => {
    const [coverage, tactics] = modelDiagrams(smallModel(), catalog);
    await expect(coverage!.source).toMatchFileSnapshot('../fixtures/diagram/small-coverage.mmd');
    await expect(tactics!.source).toMatchFileSnapshot('../fixtures/diagram/small-tactics.mmd');
    const [overview] = overviewDiagrams([smallModel(), bigModel(10)]);
    await expect(overview!.source).toMatchFileSnapshot('../fixtures/diagram/overview.mmd');
  });

  it('names diagrams after the model and gives them captions', () => {
    const names = workspaceDiagrams(workspace(smallModel()), catalog).map((d) => [d.name, d.kind, d.modelId, d.title]);
    expect(names).toEqual([
      ['small-coverage', 'coverage', 'small', 'Threat coverage of Small system'],
      ['small-tactics', 'tactics', 'small', 'D3FEND tactics reached by the mitigations of Small system'],
      ['overview', 'overview', undefined, 'Threat coverage per model'],
    ]);
  });

  it('uses generated node ids only, so a threat with id `end` cannot break the chart', () => {
    const source = modelDiagrams(smallModel(), catalog)[0]!.source;
    const ids = declaredIds(source);
    expect(ids.length).toBeGreaterThan(10);
    for (const id of ids) expect(id).toMatch(/^n\d+$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('styles threats by state and puts techniques in their tactic group', () => {
    const source = modelDiagrams(smallModel(), catalog)[0]!.source;
    expect(source).toMatch(/\("Stolen signing keys<br\/>covered · risk high"\)/);
    expect(source).toMatch(/\("Insecure configuration<br\/>partial"\)/);
    expect(source).toMatch(/\("Unmonitored host<br\/>open"\)/);
    expect(source).toMatch(/subgraph n\d+\["D3FEND Harden"\]\n(\s+n\d+\(\["D3-(ACH|FV) [^\n]*\n){2}\s+end/);
    expect(source).toContain('["D3FEND (not in the catalog)"]');
    expect(source).toMatch(/^ {2}class n\d+,n\d+ covered$/m); // the covered threat and its legend entry
    expect(source).toMatch(/^ {2}class n\d+,n\d+ open$/m); // the open threat and its legend entry
  });

  it('is deterministic', () => {
    const a = workspaceDiagrams(workspace(smallModel(), bigModel(100)), catalog);
    const b = workspaceDiagrams(workspace(smallModel(), bigModel(100)), catalog);
    expect(a).toEqual(b);
  });

  it('splits a 600-threat model into charts under the budget, each threat drawn exactly once', () => {
    const big = bigModel(600);
    const charts = coverageDiagrams(big, catalog);
    expect(charts.length).toBeGreaterThan(1);
    expect(charts.map((c) => c.name).slice(0, 3)).toEqual(['big-coverage', 'big-coverage-2', 'big-coverage-3']);
    expect(charts[1]!.title).toBe(`Threat coverage of Big system of 600 threats (part 2 of ${charts.length})`);
    const seen: string[] = [];
    for (const c of charts) {
      expect(c.source.length).toBeLessThanOrEqual(CHART_BUDGET.maxChars);
      expect(edgeCount(c.source)).toBeLessThanOrEqual(CHART_BUDGET.maxEdges);
      for (const m of c.source.matchAll(/\("(Threat number \d+)#58;/g)) seen.push(m[1]!);
    }
    expect(seen).toHaveLength(600);
    expect(new Set(seen).size).toBe(600);
  });

  it('fills each chart: every chart but the last would break the budget with the next threat', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 240 }), (count) => {
        const big = bigModel(count);
        const charts = coverageDiagrams(big, catalog);
        const runs = charts.map((c) => [...c.source.matchAll(/\("Threat number (\d+)#58;/g)].map((m) => Number(m[1])));
        expect(runs.flat()).toEqual(big.threats.map((_, i) => i));
        const fits = (threats: readonly Threat[]): boolean => {
          const chart = coverageChart(big, threats, catalog);
          return threats.length <= CHART_BUDGET.maxThreats && chart.edges.length <= CHART_BUDGET.maxEdges && printFlowchart(chart).length <= CHART_BUDGET.maxChars;
        };
        let from = 0;
        for (const run of runs.slice(0, -1)) {
          expect(fits(big.threats.slice(from, from + run.length))).toBe(true);
          expect(fits(big.threats.slice(from, from + run.length + 1))).toBe(false);
          from += run.length;
        }
      }),
      { numRuns: 20 },
    );
  });

  it('summarises a threat with too many neighbours instead of exceeding the limits', () => {
    const assets = Array.from({ length: 300 }, (_, i) => asset(`a${i}`));
    const mitigations = Array.from({ length: 300 }, (_, i) => mitigation(`m${i}`, 'implemented', ['D3-FV', 'D3-ACH', 'D3-PM', 'D3-NI', 'D3-DE', 'D3-PT', 'D3-RC', 'D3-AI', 'D3-DENCR']));
    const longTitle = '<&"#%`:>'.repeat(40);
    const huge = model('huge', {
      assets,
      mitigations,
      threats: [threat('t', { title: longTitle, assets, mitigations })],
    });
    const [chart] = coverageDiagrams(huge, catalog);
    expect(chart!.source.length).toBeLessThanOrEqual(MERMAID_LIMITS.maxTextSize);
    expect(edgeCount(chart!.source)).toBeLessThanOrEqual(MERMAID_LIMITS.maxEdges);
    expect(chart!.source).toContain(`"+${300 - CHART_BUDGET.maxAssetsPerThreat} more assets"`);
    expect(chart!.source).toContain(`"+${300 - CHART_BUDGET.maxMitigationsPerThreat} more mitigations"`);
    expect(chart!.source).toContain('<br/>+1 more technique"');
  });

  it('draws a model without threats as a valid chart that says so', () => {
    const [chart] = coverageDiagrams(model('empty'), catalog);
    expect(chart!.source).toContain('"No threats recorded"');
  });

  it('counts techniques per tactic: implemented wins over planned, none and not-applicable count for nothing', () => {
    const rows = tacticCoverage(
      model('t', {
        mitigations: [
          mitigation('a', 'implemented', ['D3-FV']),
          mitigation('b', 'planned', ['D3-FV', 'D3-ACH']),
          mitigation('c', 'partial', ['D3-PM']),
          mitigation('d', 'none', ['D3-NI']),
          mitigation('e', 'not-applicable', ['D3-RC']),
          mitigation('f', 'implemented', ['D3-AI'], ['production']),
        ],
      }),
      catalog,
      'development',
    );
    expect(Object.fromEntries(rows.map((r) => [r.tactic, [r.implemented, r.planned]]))).toEqual({
      Model: [[], []],
      Harden: [['D3-FV'], ['D3-ACH']],
      Detect: [[], ['D3-PM']],
      Isolate: [[], []],
      Deceive: [[], []],
      Evict: [[], []],
      Restore: [[], []],
    });
  });
});
