import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeCoverage, coverageRatio, weightedRatio, type Tally } from '../../src/analyze/coverage.js';
import { evaluateGates } from '../../src/analyze/gates.js';
import { roundPercent, type Ratio } from '../../src/analyze/percent.js';
import { mitigation, model, threat, workspace, type ThreatSpec } from './build.js';
import { catalog, pending, shop } from './shop.js';

const percent = (r: Ratio | null) => (r === null ? null : roundPercent(r, 2));
/** A tally with its percentages to two decimals, as the reports give them. */
const withPercents = (t: Tally) => ({ ...t, percent: percent(coverageRatio(t)), weightedPercent: percent(weightedRatio(t)) });

describe('analyzeCoverage', () => {
  it('counts covered, partial and open threats and both percentages', () => {
    const cov = analyzeCoverage(workspace(shop(), pending()), catalog);
    // 6 threats: covered t1 t6 = 2, partial t2 t3 = 2, open t4 t5 = 2.
    // percent  = 100 × 2 / 6         = 33.33
    // weighted = 100 × (2 + 2/2) / 6 = 50
    expect(withPercents(cov.tally)).toEqual({ threats: 6, covered: 2, partial: 2, open: 2, percent: 33.33, weightedPercent: 50 });
    expect(cov.models.map((m) => [m.id, percent(coverageRatio(m.tally))])).toEqual([
      ['shop', 33.33],
      ['pending', null], // no threat: nothing to measure
    ]);
    expect(cov.models[0]?.threats.map((t) => `${t.id}:${t.state}:${t.risk}`)).toEqual([
      't1:covered:critical',
      't2:partial:medium',
      't3:partial:unrated',
      't4:open:high',
      't5:open:low',
      't6:covered:unrated',
    ]);
  });

  it('groups open and partial threats by risk, unrated counted', () => {
    const cov = analyzeCoverage(workspace(shop()), catalog);
    // open: t4 high, t5 low; partial: t2 medium, t3 unrated. t1 is critical but covered.
    expect(cov.openByRisk).toEqual({ critical: 0, high: 1, medium: 0, low: 1, unrated: 0 });
    expect(cov.partialByRisk).toEqual({ critical: 0, high: 0, medium: 1, low: 0, unrated: 1 });
  });

  it('lists assets without threat, mitigations without D3FEND id and unused mitigations', () => {
    const cov = analyzeCoverage(workspace(shop()), catalog);
    expect(cov.assetsWithoutThreat.map((a) => a.id)).toEqual(['a3']);
    expect(cov.mitigationsWithoutD3fend.map((m) => m.id)).toEqual(['m-none']);
    expect(cov.unusedMitigations.map((m) => m.id)).toEqual(['m-unused']);
    expect(cov.assetsWithoutThreat[0]?.origin.file).toBe('models/test.yaml');
  });

  it('lists TBD models and sections, and draft models', () => {
    const cov = analyzeCoverage(workspace(shop(), pending()), catalog);
    expect(cov.tbdModels.map((m) => m.id)).toEqual(['pending']);
    expect(cov.tbdSections.map((s) => `${s.model}/${s.id}`)).toEqual(['pending/op-tee']); // boot is draft, not tbd
    expect(cov.draftModels.map((m) => m.id)).toEqual(['shop']);
  });

  it('splits D3FEND techniques per tactic into implemented and only planned', () => {
    const cov = analyzeCoverage(workspace(shop()), catalog);
    // implemented: m-impl D3-DENCR, m-prod D3-MFA, m-unused D3-XYZ (not in the catalog);
    // partial/planned: m-part D3-ACH, m-plan D3-DENCR (already implemented) and D3-NTA.
    const byTactic = Object.fromEntries(cov.tactics.map((t) => [t.tactic, [t.implemented, t.planned]]));
    expect(byTactic).toEqual({
      Model: [[], []],
      Harden: [['D3-DENCR', 'D3-MFA'], ['D3-ACH']],
      Detect: [[], ['D3-NTA']],
      Isolate: [[], []],
      Deceive: [[], []],
      Evict: [[], []],
      Restore: [[], []],
    });
    expect(cov.unknownTechniques).toEqual(['D3-XYZ']);
  });

  it('computes coverage per profile', () => {
    const cov = analyzeCoverage(workspace(shop()), catalog);
    // development: m-prod does not apply, so t6 is open → covered 1, partial 2, open 3:
    //   percent 100 × 1 / 6 = 16.67, weighted 100 × (1 + 1) / 6 = 33.33
    // production: every mitigation applies → as without profile.
    expect(cov.profiles.map((p) => ({ ...p, tally: withPercents(p.tally) }))).toEqual([
      { profile: 'development', tally: { threats: 6, covered: 1, partial: 2, open: 3, percent: 16.67, weightedPercent: 33.33 } },
      { profile: 'production', tally: { threats: 6, covered: 2, partial: 2, open: 2, percent: 33.33, weightedPercent: 50 } },
    ]);
  });

  it('computes every figure for one profile when asked', () => {
    const cov = analyzeCoverage(workspace(shop()), catalog, { profile: 'development' });
    expect(cov.profile).toBe('development');
    expect(percent(coverageRatio(cov.tally))).toBe(16.67);
    // t6 becomes an open unrated threat; m-prod is still listed, as not applying.
    expect(cov.openByRisk.unrated).toBe(1);
    const t6 = cov.models[0]?.threats.find((t) => t.id === 't6');
    expect(t6?.mitigations).toEqual([{ id: 'm-prod', status: 'implemented', applies: false }]);
    expect(analyzeCoverage(workspace(shop()), catalog).models[0]?.threats.find((t) => t.id === 't6')?.mitigations).toEqual([
      { id: 'm-prod', status: 'implemented', applies: true },
    ]);
    // m-prod is not required in development, so D3-MFA no longer counts.
    expect(cov.tactics.find((t) => t.tactic === 'Harden')?.implemented).toEqual(['D3-DENCR']);
  });

  it('counts a shared library mitigation once across models', () => {
    const shared = mitigation('shared', 'implemented', []);
    const a = model('a', { mitigations: [shared], threats: [threat('ta', { mitigations: [shared] })] });
    const b = model('b', { mitigations: [shared], threats: [threat('tb')] });
    const cov = analyzeCoverage({ root: 'models', models: [a, b], libraries: [] }, catalog);
    // 2 threats, 1 covered → 50 %; "shared" has no D3FEND id and is listed once.
    expect(percent(coverageRatio(cov.tally))).toBe(50);
    expect(cov.mitigationsWithoutD3fend.map((m) => m.id)).toEqual(['shared']);
  });
});

describe('evaluateGates', () => {
  const cov = analyzeCoverage(workspace(shop(), pending()), catalog);

  it('fails under a percentage above the exact coverage only', () => {
    // exact coverage 100 × 2 / 6 = 33.33…
    expect(evaluateGates(cov, { failUnder: 33 })).toEqual([]);
    expect(evaluateGates(cov, { failUnder: 34 }).map((f) => f.reason)).toEqual([
      'coverage 33.3% (2 of 6 threats covered) is under the required 34%',
    ]);
    expect(evaluateGates(cov, { failUnder: 0 })).toEqual([]);
    expect(evaluateGates(cov, { failUnder: 100 })).toHaveLength(1);
  });

  /** A workspace of `threats` threats, the first `covered` of them covered. */
  const covering = (covered: number, threats: number) => {
    const done = mitigation('done', 'implemented');
    const spec = (i: number): ThreatSpec => (i < covered ? { mitigations: [done] } : {});
    return analyzeCoverage(workspace(model('m', { threats: Array.from({ length: threats }, (_, i) => threat(`t${i}`, spec(i))) })), catalog);
  };
  const reason = (covered: number, threats: number, failUnder: number) => evaluateGates(covering(covered, threats), { failUnder })[0]?.reason;

  it('states the coverage with the decimals it takes to read below the threshold', () => {
    // 2 of 3 = 66.666…%: 66.7 to one decimal, which is no less than 66.7.
    expect(reason(2, 3, 66.7)).toBe('coverage 66.67% (2 of 3 threats covered) is under the required 66.7%');
    expect(reason(2, 3, 66.67)).toBe('coverage 66.667% (2 of 3 threats covered) is under the required 66.67%');
    expect(reason(6, 11, 54.6)).toBe('coverage 54.5% (6 of 11 threats covered) is under the required 54.6%');
    // Six decimals round up to the threshold itself: the figure is cut instead, and says so.
    expect(reason(2, 3, 66.666667)).toBe('coverage 66.666666…% (2 of 3 threats covered) is under the required 66.666667%');
  });

  it('never states a coverage that is not below the threshold it failed', () => {
    const figure = /^coverage ([0-9.]+)(…?)% \(/;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.nat(), fc.integer({ min: 0, max: 8 }), (threats, c, decimals) => {
        const covered = c % threats; // below 100 %, so some threshold is above it
        // The tightest threshold with `decimals` decimals above the exact coverage.
        const scale = 10 ** decimals;
        const failUnder = (Math.floor((100 * covered * scale) / threats) + 1) / scale;
        const stated = figure.exec(reason(covered, threats, failUnder) ?? '');
        expect(stated, `${covered} of ${threats} under ${failUnder}`).not.toBeNull();
        expect(Number(stated?.[1])).toBeLessThan(failUnder);
      }),
    );
  });

  it('fails on open threats of the named risk levels and on TBD parts', () => {
    expect(evaluateGates(cov, { failOn: ['open-critical'] })).toEqual([]); // t1 is critical but covered
    expect(evaluateGates(cov, { failOn: ['tbd', 'open-high', 'open-low'] })).toEqual([
      { gate: 'open-high', reason: '1 open high threat(s): shop/t4' },
      { gate: 'open-low', reason: '1 open low threat(s): shop/t5' },
      { gate: 'tbd', reason: '2 part(s) still marked TBD: model pending, section pending/op-tee' },
    ]);
  });

  it('treats a workspace without threats as unmeasured', () => {
    const empty = analyzeCoverage(workspace(pending()), catalog);
    expect(evaluateGates(empty, { failUnder: 0 })).toEqual([]);
    expect(evaluateGates(empty, { failUnder: 50 })[0]?.reason).toMatch(/no threat/);
  });
});
