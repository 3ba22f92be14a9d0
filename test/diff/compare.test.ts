import { describe, expect, it } from 'vitest';
import { analyzeCoverage } from '../../src/analyze/coverage.js';
import type { Workspace } from '../../src/core/model.js';
import { diffWorkspaces, isEmptyDiff } from '../../src/diff/compare.js';
import { diffMarkdown, diffJson } from '../../src/diff/format.js';
import { markdownlint } from '../report-coverage/lint.js';
import { asset, mitigation, model, smallCatalog, threat, workspace } from '../analyze/build.js';

const catalog = smallCatalog([]);
const side = (ws: Workspace) => ({ workspace: ws, coverage: analyzeCoverage(ws, catalog) });
const sides = { base: { name: 'main', commit: 'a'.repeat(40) }, head: null };

/**
 * base: t1 ← m1 (implemented), t2 ← m2 (planned), m3 unused; assets a1, a2.
 * head: m2 becomes implemented, m3 removed, t3 added with no mitigation, t1 re-rated,
 *       a2 renamed.
 * Coverage: base 1 of 2 = 50 %; head t1 t2 covered, t3 open → 2 of 3 = 66.67 %.
 */
function base(): Workspace {
  const m1 = mitigation('m1', 'implemented', ['D3-DENCR']);
  const m2 = mitigation('m2', 'planned');
  const m3 = mitigation('m3', 'implemented');
  const a1 = asset('a1');
  return workspace(
    model('sys', {
      assets: [a1, asset('a2')],
      mitigations: [m1, m2, m3],
      threats: [threat('t1', { mitigations: [m1], assets: [a1], risk: ['high', 'low'] }), threat('t2', { mitigations: [m2] })],
    }),
  );
}

function head(): Workspace {
  const m1 = mitigation('m1', 'implemented', ['D3-DENCR']);
  const m2 = mitigation('m2', 'implemented');
  const a1 = asset('a1');
  const a2 = { ...asset('a2'), name: 'Renamed' };
  return workspace(
    model('sys', {
      assets: [a1, a2],
      mitigations: [m1, m2],
      threats: [
        threat('t1', { mitigations: [m1], assets: [a1], risk: ['high', 'high'] }),
        threat('t2', { mitigations: [m2] }),
        threat('t3', { title: 'New | threat', risk: ['medium', 'medium'] }),
      ],
    }),
  );
}

describe('diffWorkspaces', () => {
  const diff = diffWorkspaces(side(base()), side(head()));

  it('lists added, removed and changed entries with the changed fields', () => {
    expect(diff.threats.added).toEqual([{ id: 't3', title: 'New | threat', model: 'sys' }]);
    expect(diff.threats.removed).toEqual([]);
    expect(diff.threats.changed).toEqual([
      { id: 't1', title: 'Threat t1', model: 'sys', fields: [{ field: 'risk', before: 'high × low (medium)', after: 'high × high (critical)' }] },
    ]);
    expect(diff.mitigations.removed).toEqual([{ id: 'm3', title: 'Mitigation m3' }]);
    expect(diff.mitigations.changed.map((c) => [c.id, c.fields.map((f) => f.field)])).toEqual([['m2', ['status']]]);
    expect(diff.assets.changed).toEqual([{ id: 'a2', title: 'Renamed', fields: [{ field: 'name', before: 'Asset a2', after: 'Renamed' }] }]);
    expect(diff.models.changed).toEqual([]);
  });

  it('reports status changes, coverage before → after and new open threats', () => {
    expect(diff.statusChanges).toEqual([{ id: 'm2', title: 'Mitigation m2', before: 'planned', after: 'implemented' }]);
    expect([diff.coverage.before.percent, diff.coverage.after.percent]).toEqual([50, 66.67]);
    expect(diff.newOpenThreats).toEqual([{ id: 't3', title: 'New | threat', model: 'sys', before: null, after: 'open', risk: 'medium' }]);
  });

  it('finds nothing between a workspace and itself', () => {
    const same = diffWorkspaces(side(base()), side(base()));
    expect(isEmptyDiff(same)).toBe(true);
    expect(same.newOpenThreats).toEqual([]);
    expect(diffMarkdown(same, sides)).toContain('No threat, mitigation, asset or model was added, removed or changed.');
  });

  it('counts every model as added when the base had none', () => {
    const fromNothing = diffWorkspaces(side(workspace()), side(head()));
    expect(fromNothing.models.added.map((m) => m.id)).toEqual(['sys']);
    expect(fromNothing.threats.added.map((t) => t.id)).toEqual(['t1', 't2', 't3']);
    expect(fromNothing.coverage.before.percent).toBeNull();
  });

  it('renders Markdown for a pull-request comment', async () => {
    const md = diffMarkdown(diff, sides);
    await expect(md).toMatchFileSnapshot('__snapshots__/diff.md');
    expect(md).toContain('Coverage: **50 % → 66.7 %** (+16.7 points); covered threats 1 of 2 → 2 of 3.');
    expect(md).toContain('- added: New \\| threat (`sys`/`t3`)');
    const lint = await markdownlint(md);
    expect(lint.code, lint.output).toBe(0);
  });

  it('renders JSON with both revisions', () => {
    const json = diffJson(diff, sides) as { base: unknown; head: unknown; threats: { added: unknown[] } };
    expect(json.base).toEqual({ revision: 'main', commit: 'a'.repeat(40) });
    expect(json.head).toBeNull();
    expect(json.threats.added).toHaveLength(1);
  });
});
