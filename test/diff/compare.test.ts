import { describe, expect, it } from 'vitest';
import { analyzeCoverage, coverageRatio } from '../../src/analyze/coverage.js';
import type { Library, Workspace } from '../../src/core/model.js';
import { diffWorkspaces, isEmptyDiff } from '../../src/diff/compare.js';
import { diffMarkdown, diffJson } from '../../src/diff/format.js';
import { markdownlint } from '../report-coverage/lint.js';
import { diffValidator, readOwnSchema } from '../report-coverage/schemas.js';
import { agent, asset, mitigation, model, section, smallCatalog, threat, workspace } from '../analyze/build.js';

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
    expect([diff.coverage.before, diff.coverage.after].map(coverageRatio)).toEqual([{ part: 1, whole: 2 }, { part: 2, whole: 3 }]);
    expect(diff.newOpenThreats).toEqual([{ id: 't3', title: 'New | threat', model: 'sys', before: null, after: 'open', risk: 'medium' }]);
  });

  it('finds nothing between a workspace and itself', () => {
    const same = diffWorkspaces(side(base()), side(base()));
    expect(isEmptyDiff(same)).toBe(true);
    expect(same.newOpenThreats).toEqual([]);
    expect(diffMarkdown(same, sides)).toContain('No threat, mitigation, asset, agent or model was added, removed or changed.');
  });

  it('counts every model as added when the base had none', () => {
    const fromNothing = diffWorkspaces(side(workspace()), side(head()));
    expect(fromNothing.models.added.map((m) => m.id)).toEqual(['sys']);
    expect(fromNothing.threats.added.map((t) => t.id)).toEqual(['t1', 't2', 't3']);
    expect(coverageRatio(fromNothing.coverage.before)).toBeNull();
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

describe('what a model says besides its entries', () => {
  const sys = (fields: { assumptions: string[]; outOfScope: string[]; url: string; sectionTitle: string }): Workspace =>
    workspace({
      ...model('sys', { sections: [{ ...section('s1', 'tbd'), title: fields.sectionTitle }] }),
      assumptions: fields.assumptions,
      outOfScope: fields.outOfScope,
      references: [{ title: 'Design', url: fields.url }],
    });
  const before = { assumptions: ['Nobody has root.'], outOfScope: ['Physical attacks'], url: 'https://example.invalid/v1', sectionTitle: 'Payments' };

  it('reports changed assumptions, out-of-scope items, references and section titles', () => {
    const after = { assumptions: ['Everybody has root.'], outOfScope: ['Physical attacks', 'Insiders'], url: 'https://example.invalid/v2', sectionTitle: 'Payment flows' };
    const diff = diffWorkspaces(side(sys(before)), side(sys(after)));
    expect(diff.models.changed).toEqual([
      {
        id: 'sys',
        title: 'Model sys',
        fields: [
          { field: 'assumptions', before: 'Nobody has root.', after: 'Everybody has root.' },
          { field: 'outOfScope', before: 'Physical attacks', after: 'Physical attacks, Insiders' },
          { field: 'references', before: 'https://example.invalid/v1', after: 'https://example.invalid/v2' },
          { field: 'sections', before: 's1: Payments (tbd)', after: 's1: Payment flows (tbd)' },
        ],
      },
    ]);
    expect(diffMarkdown(diff, sides)).toContain('## Models\n\n- changed: Model sys (`sys`): assumptions, outOfScope, references, sections\n');
  });

  it('tells one item with a comma from two items', () => {
    const diff = diffWorkspaces(side(sys({ ...before, assumptions: ['Hosts are patched, monitored.'] })), side(sys({ ...before, assumptions: ['Hosts are patched', 'monitored.'] })));
    expect(diff.models.changed.map((c) => c.fields.map((f) => f.field))).toEqual([['assumptions']]);
    expect(isEmptyDiff(diff)).toBe(false);
  });
});

describe('threat agents', () => {
  /** ag1 and ag2 in the model, lib in a library: ag1 renamed, ag2 removed, ag3 added, lib described. */
  const library = (agents: Library['agents']): Library => ({ id: 'shared', title: 'Shared', assets: [], agents, mitigations: [], profiles: [], origin: { file: 'models/shared.yaml', line: 1, column: 1 } });
  const base = { ...workspace(model('sys', { agents: [agent('ag1'), agent('ag2')] })), libraries: [library([agent('lib')])] };
  const head = {
    ...workspace(model('sys', { agents: [{ ...agent('ag1'), name: 'Insider' }, agent('ag3')] })),
    libraries: [library([{ ...agent('lib'), description: 'Anyone on the network' }])],
  };
  const diff = diffWorkspaces(side(base), side(head));

  it('lists agents of the models and the libraries added, removed and changed', () => {
    expect(diff.agents).toEqual({
      added: [{ id: 'ag3', title: 'Agent ag3' }],
      removed: [{ id: 'ag2', title: 'Agent ag2' }],
      changed: [
        { id: 'ag1', title: 'Insider', fields: [{ field: 'name', before: 'Agent ag1', after: 'Insider' }] },
        { id: 'lib', title: 'Agent lib', fields: [{ field: 'description', before: '', after: 'Anyone on the network' }] },
      ],
    });
    expect(diff.models.changed).toEqual([]);
  });

  it('counts an agent change as a change, in Markdown and JSON', () => {
    const renamed = diffWorkspaces(side(base), side({ ...base, models: [model('sys', { agents: [{ ...agent('ag1'), name: 'Insider' }, agent('ag2')] })] }));
    expect(isEmptyDiff(renamed)).toBe(false);
    const md = diffMarkdown(renamed, sides);
    expect(md).not.toContain('No threat');
    expect(md).toContain('## Agents\n\n- changed: Insider (`ag1`): name\n');
    const json = diffJson(diff, sides) as { agents: unknown };
    expect(json.agents).toEqual(JSON.parse(JSON.stringify(diff.agents)));
  });
});

/**
 * base: model "one" (draft, section s1 TBD) holds t1 ← m1 (planned) and asset a1; model
 *       "two" is empty.
 * head: every field the diff compares differs, for each kind; t1 moves to model "two".
 */
function everyFieldBase(): Workspace {
  const m1 = mitigation('m1', 'planned');
  const a1 = asset('a1');
  return workspace(
    model('one', { status: 'draft', assets: [a1], agents: [agent('ag')], mitigations: [m1], threats: [threat('t1', { mitigations: [m1], assets: [a1] })], sections: [section('s1', 'tbd')] }),
    model('two'),
  );
}

function everyFieldHead(): Workspace {
  const m1 = {
    ...mitigation('m1', 'implemented', ['D3-DENCR'], ['prod']),
    title: 'Retitled',
    description: 'Now described',
    references: [{ title: 'Spec', url: 'https://example.invalid/spec' }],
  };
  const a1 = { ...asset('a1'), name: 'Renamed', description: 'Now described', properties: ['integrity' as const] };
  const ag = { ...agent('ag'), name: 'Renamed', description: 'Now described' };
  const t1 = {
    ...threat('t1', { mitigations: [], assets: [], risk: ['low', 'low'], attack: ['T1190'], title: 'Retitled' }),
    description: 'Now described',
    notes: 'Now noted',
    agents: [ag],
    stride: ['tampering' as const],
    d3fend: ['D3-DENCR'],
  };
  return workspace(
    {
      ...model('one', { status: 'reviewed', title: 'Retitled', assets: [a1], agents: [ag], mitigations: [m1], sections: [section('s1', 'reviewed')] }),
      description: 'Now described',
      scope: 'Now scoped',
      assumptions: ['Now assumed'],
      outOfScope: ['Now out of scope'],
      references: [{ title: 'Spec', url: 'https://example.invalid/spec' }],
    },
    model('two', { threats: [t1] }),
  );
}

describe('schema/model-diff.schema.json', () => {
  const diff = diffWorkspaces(side(base()), side(head()));
  const headSide = { ...sides, head: { name: 'feature', commit: 'b'.repeat(40) } };

  it('compiles in Ajv strict mode as a draft-07 schema', () => {
    const schema = readOwnSchema('diff');
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.$id).toBe('urn:threatdoc:schema:model-diff:1');
    expect(() => diffValidator()).not.toThrow();
  });

  it('accepts the JSON of a diff against the working tree and between two commits', () => {
    const validate = diffValidator();
    for (const s of [sides, headSide]) {
      const json: unknown = JSON.parse(JSON.stringify(diffJson(diff, s)));
      expect(validate(json), JSON.stringify(validate.errors, null, 1)).toBe(true);
    }
  });

  it('rejects what the diff never writes', () => {
    const validate = diffValidator();
    const json = JSON.parse(JSON.stringify(diffJson(diff, headSide))) as Record<string, unknown>;
    expect(validate(json)).toBe(true);
    expect(validate({ ...json, extra: 1 })).toBe(false);
    expect(validate({ ...json, format: 'threatdoc-coverage' })).toBe(false);
    expect(validate({ ...json, version: 2 })).toBe(false);
    const { statusChanges: _, ...missing } = json;
    expect(validate(missing)).toBe(false);
    expect(validate({ ...json, head: { revision: 'feature', commit: 'not a commit' } })).toBe(false);
    // A threat is always named with its model; a mitigation never is.
    expect(validate({ ...json, threats: { added: [{ id: 't3', title: 'T' }], removed: [], changed: [] } })).toBe(false);
    expect(validate({ ...json, mitigations: { added: [{ id: 'm', title: 'M', model: 'sys' }], removed: [], changed: [] } })).toBe(false);
    expect(validate({ ...json, agents: { added: [{ id: 'ag', title: 'A', model: 'sys' }], removed: [], changed: [] } })).toBe(false);
    const { agents: __, ...noAgents } = json;
    expect(validate(noAgents)).toBe(false);
    expect(validate({ ...json, newOpenThreats: [{ id: 't3', title: 'T', model: 'sys', before: null, after: 'covered', risk: 'medium' }] })).toBe(false);
  });

  it('names exactly the fields the diff compares, kind by kind', () => {
    const everything = diffWorkspaces(side(everyFieldBase()), side(everyFieldHead()));
    const json = JSON.parse(JSON.stringify(diffJson(everything, sides)));
    const validate = diffValidator();
    expect(validate(json), JSON.stringify(validate.errors, null, 1)).toBe(true);
    const definitions = readOwnSchema('diff').definitions as Record<string, { properties: { fields: { items: { properties: { field: { enum: string[] } } } } } }>;
    const enumOf = (name: string) => [...definitions[name]!.properties.fields.items.properties.field.enum].sort();
    const changedFields = (kind: 'models' | 'threats' | 'mitigations' | 'assets' | 'agents', id: string) =>
      (everything[kind].changed.find((e) => e.id === id)?.fields.map((f) => f.field) ?? []).sort();
    expect(changedFields('models', 'one')).toEqual(enumOf('changedModel'));
    expect(changedFields('threats', 't1')).toEqual(enumOf('changedThreat'));
    expect(changedFields('mitigations', 'm1')).toEqual(enumOf('changedMitigation'));
    expect(changedFields('assets', 'a1')).toEqual(enumOf('changedAsset'));
    expect(changedFields('agents', 'ag')).toEqual(enumOf('changedAgent'));
    // t1 lost its only mitigation, a planned one: partial before, open now.
    expect(everything.newOpenThreats).toEqual([{ id: 't1', title: 'Retitled', model: 'two', before: 'partial', after: 'open', risk: 'low' }]);
  });
});
