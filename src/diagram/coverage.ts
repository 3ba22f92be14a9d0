import type { Asset, Mitigation, MitigationStatus, Model, Threat } from '../core/model.js';
import { tacticRank, type TacticName } from '../d3fend/types.js';
import { threatState, type ThreatState } from '../analyze/state.js';
import { idAllocator, legendGroup, printFlowchart, type FlowEdge, type FlowGroup, type FlowNode, type Flowchart } from './flowchart.js';
import { CHART_BUDGET, MERMAID_LIMITS } from './limits.js';
import { classDefs, type StyleName } from './styles.js';
import type { Diagram, TechniqueLookup } from './types.js';
import { compareText } from '../core/order.js';

/**
 * The coverage flowchart of a model: assets → threats → mitigations → D3FEND techniques
 * grouped by tactic, threats styled by state. A model too big for one chart is split into
 * consecutive runs of threats, each chart complete for its threats; a single threat too big
 * even alone is drawn compactly (ids instead of titles).
 */

type Detail = 'full' | 'compact';

export interface CoverageOptions {
  /** Deployment profile whose required mitigations decide threat states. */
  readonly profile?: string;
}

const STATE_STYLE: Readonly<Record<ThreatState, StyleName>> = { covered: 'covered', partial: 'partial', open: 'open' };

const STATUS_STYLE: Readonly<Record<MitigationStatus, StyleName>> = {
  implemented: 'done',
  partial: 'pending',
  planned: 'pending',
  none: 'inactive',
  'not-applicable': 'inactive',
};

const LEGEND: readonly [ThreatState, string][] = [
  ['covered', 'covered: an implemented mitigation'],
  ['partial', 'partial: only partial or planned mitigations'],
  ['open', 'open: nothing in place'],
];

interface TechniqueRef {
  readonly id: string;
  readonly label: string;
  /** Catalog order of the tactic; techniques unknown to the catalog sort last. */
  readonly tacticRank: number;
  readonly tacticTitle: string;
}

function techniqueRef(id: string, lookup: TechniqueLookup): TechniqueRef {
  const found = lookup.technique(id);
  if (!found) return { id, label: id, tacticRank: tacticRank(null), tacticTitle: 'D3FEND (not in the catalog)' };
  return { id, label: `${id} ${found.label}`, tacticRank: tacticRank(found.tactic), tacticTitle: tacticTitle(found.tactic) };
}

export function tacticTitle(tactic: TacticName): string {
  return `D3FEND ${tactic}`;
}

function more(count: number, what: string): string {
  return `+${count} more ${what}${count === 1 ? '' : 's'}`;
}

function compareRefs(a: TechniqueRef, b: TechniqueRef): number {
  return a.tacticRank - b.tacticRank || compareText(a.id, b.id);
}

/** The chart for a run of threats of one model. Ids are handed out in model order. */
export function coverageChart(
  model: Model,
  threats: readonly Threat[],
  lookup: TechniqueLookup,
  detail: Detail = 'full',
  options: CoverageOptions = {},
): Flowchart {
  const nextId = idAllocator();
  const edges: FlowEdge[] = [];
  const extras: FlowNode[] = [];
  const full = detail === 'full';

  // Which assets, mitigations and techniques this run of threats reaches, capped per threat.
  const usedAssets = new Set<string>();
  const usedMitigations = new Set<string>();
  const shownAssets = new Map<Threat, readonly Asset[]>();
  const shownMitigations = new Map<Threat, readonly Mitigation[]>();
  for (const t of threats) {
    const assets = t.assets.slice(0, CHART_BUDGET.maxAssetsPerThreat);
    const mitigations = t.mitigations.slice(0, CHART_BUDGET.maxMitigationsPerThreat);
    shownAssets.set(t, assets);
    shownMitigations.set(t, mitigations);
    for (const a of assets) usedAssets.add(a.id);
    for (const m of mitigations) usedMitigations.add(m.id);
  }

  // Model order first, then anything a threat names that the model list lacks.
  const assets = orderedUnion(model.assets, [...shownAssets.values()].flat(), usedAssets);
  const mitigations = orderedUnion(model.mitigations, [...shownMitigations.values()].flat(), usedMitigations);

  const assetNodes = new Map<string, FlowNode>();
  for (const a of assets) {
    assetNodes.set(a.id, { id: nextId(), lines: [full ? a.name : a.id], shape: 'box', className: 'asset' });
  }
  const threatNodes = new Map<Threat, FlowNode>();
  for (const t of threats) {
    const state = threatState(t, options.profile);
    const risk = t.risk ? ` · risk ${t.risk.level}` : '';
    threatNodes.set(t, { id: nextId(), lines: [full ? t.title : t.id, `${state}${risk}`], shape: 'round', className: STATE_STYLE[state] });
  }
  const mitigationNodes = new Map<string, FlowNode>();
  const techniques = new Map<string, TechniqueRef>();
  const mitigationTechniques = new Map<string, readonly string[]>();
  for (const m of mitigations) {
    const shown = m.d3fend.slice(0, CHART_BUDGET.maxTechniquesPerMitigation);
    const hidden = m.d3fend.length - shown.length;
    const lines = [full ? m.title : m.id, m.status];
    if (hidden > 0) lines.push(more(hidden, 'technique'));
    mitigationNodes.set(m.id, { id: nextId(), lines, shape: 'box', className: STATUS_STYLE[m.status] });
    mitigationTechniques.set(m.id, shown);
    for (const id of shown) if (!techniques.has(id)) techniques.set(id, techniqueRef(id, lookup));
  }
  const techniqueNodes = new Map<string, FlowNode>();
  const tacticGroups = new Map<string, FlowNode[]>();
  for (const ref of [...techniques.values()].sort(compareRefs)) {
    const node: FlowNode = { id: nextId(), lines: [full ? ref.label : ref.id], shape: 'stadium', className: 'technique' };
    techniqueNodes.set(ref.id, node);
    const group = tacticGroups.get(ref.tacticTitle) ?? [];
    group.push(node);
    tacticGroups.set(ref.tacticTitle, group);
  }

  for (const t of threats) {
    const tn = threatNodes.get(t)!;
    for (const a of shownAssets.get(t) ?? []) edges.push({ from: assetNodes.get(a.id)!.id, to: tn.id, style: 'solid' });
    const hiddenAssets = t.assets.length - (shownAssets.get(t)?.length ?? 0);
    if (hiddenAssets > 0) {
      const n: FlowNode = { id: nextId(), lines: [more(hiddenAssets, 'asset')], shape: 'box', className: 'inactive' };
      extras.push(n);
      edges.push({ from: n.id, to: tn.id, style: 'dotted' });
    }
    for (const m of shownMitigations.get(t) ?? []) edges.push({ from: tn.id, to: mitigationNodes.get(m.id)!.id, style: 'solid' });
    const hiddenMitigations = t.mitigations.length - (shownMitigations.get(t)?.length ?? 0);
    if (hiddenMitigations > 0) {
      const n: FlowNode = { id: nextId(), lines: [more(hiddenMitigations, 'mitigation')], shape: 'box', className: 'inactive' };
      extras.push(n);
      edges.push({ from: tn.id, to: n.id, style: 'dotted' });
    }
  }
  for (const m of mitigations) {
    const from = mitigationNodes.get(m.id)!.id;
    for (const id of mitigationTechniques.get(m.id) ?? []) edges.push({ from, to: techniqueNodes.get(id)!.id, style: 'solid' });
  }

  const groups: FlowGroup[] = [];
  const group = (title: string, nodes: readonly FlowNode[]): void => {
    if (nodes.length > 0) groups.push({ id: nextId(), title, nodes });
  };
  group('Assets', [...assetNodes.values()]);
  group('Threats', threats.length > 0 ? [...threatNodes.values()] : [{ id: nextId(), lines: ['No threats recorded'], shape: 'box', className: 'inactive' }]);
  group('Mitigations', [...mitigationNodes.values()]);
  for (const [title, nodes] of tacticGroups) group(title, nodes);
  groups.push(legendGroup(nextId, LEGEND.map(([state, text]) => [text, STATE_STYLE[state]] as const), edges));

  return {
    direction: 'LR',
    classDefs: classDefs('asset', 'covered', 'partial', 'open', 'done', 'pending', 'inactive', 'technique'),
    groups,
    nodes: extras,
    edges,
  };
}

function orderedUnion<T extends { readonly id: string }>(primary: readonly T[], named: readonly T[], wanted: ReadonlySet<string>): T[] {
  const out: T[] = [];
  const seen = new Set<string>();
  for (const item of [...primary, ...named]) {
    if (!wanted.has(item.id) || seen.has(item.id)) continue;
    seen.add(item.id);
    out.push(item);
  }
  return out;
}

interface Chunk {
  readonly threats: readonly Threat[];
  readonly detail: Detail;
  readonly source: string;
}

function attempt(model: Model, threats: readonly Threat[], lookup: TechniqueLookup, detail: Detail, options: CoverageOptions): Chunk & { fits: boolean } {
  const chart = coverageChart(model, threats, lookup, detail, options);
  const source = printFlowchart(chart);
  const fits = threats.length <= CHART_BUDGET.maxThreats && chart.edges.length <= CHART_BUDGET.maxEdges && source.length <= CHART_BUDGET.maxChars;
  return { threats, detail, source, fits };
}

/**
 * Splits the threats into consecutive runs that each fit the chart budget: each run is the
 * longest that fits from where the last one ended. A chart only grows as threats are added
 * (more nodes, edges and text, ids no shorter), so whether a run fits is monotone in its length
 * and a binary search finds that run in a few attempts, not one chart per threat added.
 */
function chunk(model: Model, lookup: TechniqueLookup, options: CoverageOptions): Chunk[] {
  const chunks: Chunk[] = [];
  const all = model.threats;
  const tryRun = (from: number, length: number) => attempt(model, all.slice(from, from + length), lookup, 'full', options);
  for (let from = 0; from < all.length; ) {
    let best = tryRun(from, 1);
    if (!best.fits) {
      chunks.push(singleCompact(model, all[from]!, lookup, options));
      from++;
      continue;
    }
    // `fitting` fits; `failing` does not, or runs past the end or the threat budget. The
    // longest run is tried first: a model that fits one chart is done in one more attempt.
    let fitting = 1;
    let failing = Math.min(all.length - from, CHART_BUDGET.maxThreats) + 1;
    let length = failing - 1;
    while (failing - fitting > 1) {
      const run = tryRun(from, length);
      if (run.fits) {
        best = run;
        fitting = length;
      } else {
        failing = length;
      }
      length = (fitting + failing) >> 1;
    }
    chunks.push(best);
    from += fitting;
  }
  if (chunks.length === 0) chunks.push(attempt(model, [], lookup, 'full', options));
  return chunks;
}

/** One threat with so many neighbours that even its own chart is too big: ids only. */
function singleCompact(model: Model, threat: Threat, lookup: TechniqueLookup, options: CoverageOptions): Chunk {
  const chart = coverageChart(model, [threat], lookup, 'compact', options);
  const source = printFlowchart(chart);
  // The per-threat caps bound this chart well below mermaid's limits; a failure here is a bug.
  if (chart.edges.length > MERMAID_LIMITS.maxEdges || source.length > MERMAID_LIMITS.maxTextSize) {
    throw new Error(`coverage chart of threat ${threat.id} in model ${model.id} exceeds mermaid's limits even in compact form`);
  }
  return { threats: [threat], detail: 'compact', source };
}

/** The coverage charts of one model: one diagram, or several parts when the model is big. */
export function coverageDiagrams(model: Model, lookup: TechniqueLookup, options: CoverageOptions = {}): Diagram[] {
  const chunks = chunk(model, lookup, options);
  return chunks.map((c, i) => {
    const part = chunks.length === 1 ? '' : ` (part ${i + 1} of ${chunks.length})`;
    const compact = c.detail === 'compact' ? ', shown by id' : '';
    return {
      name: i === 0 ? `${model.id}-coverage` : `${model.id}-coverage-${i + 1}`,
      kind: 'coverage',
      modelId: model.id,
      title: `Threat coverage of ${model.title}${part}${compact}`,
      source: c.source,
    };
  });
}
