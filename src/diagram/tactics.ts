import type { Model } from '../core/model.js';
import { appliesTo } from '../analyze/state.js';
import { TACTICS, type TacticName } from '../d3fend/types.js';
import { idAllocator, legendGroup, printFlowchart, type FlowEdge, type FlowNode, type Flowchart } from './flowchart.js';
import { classDefs, type StyleName } from './styles.js';
import type { Diagram, TechniqueLookup } from './types.js';

/**
 * The D3FEND tactic chart of a model: the seven tactics in a row, each saying how many
 * techniques implemented mitigations reach and how many only planned (or partial) ones do.
 * A flowchart rather than an xychart: it draws the same on GitHub and in every mermaid 11.
 */

export interface TacticCoverage {
  readonly tactic: TacticName;
  /** Technique ids reached by an implemented mitigation, sorted. */
  readonly implemented: readonly string[];
  /** Technique ids reached only by partial or planned mitigations, sorted. */
  readonly planned: readonly string[];
}

const SHOWN_IDS = 6;

/** Per tactic, in D3FEND order, the techniques the model's mitigations reach. */
export function tacticCoverage(model: Model, lookup: TechniqueLookup, profile?: string): TacticCoverage[] {
  const implemented = new Set<string>();
  const planned = new Set<string>();
  for (const m of model.mitigations) {
    if (!appliesTo(m, profile)) continue;
    const target = m.status === 'implemented' ? implemented : m.status === 'partial' || m.status === 'planned' ? planned : undefined;
    for (const id of m.d3fend) target?.add(id);
  }
  const byTactic = (ids: ReadonlySet<string>, tactic: TacticName, skip?: ReadonlySet<string>): string[] =>
    [...ids].filter((id) => lookup.technique(id)?.tactic === tactic && !skip?.has(id)).sort();
  return TACTICS.map((tactic) => ({
    tactic,
    implemented: byTactic(implemented, tactic),
    planned: byTactic(planned, tactic, implemented),
  }));
}

function describe(row: TacticCoverage): { lines: string[]; style: StyleName } {
  const ids = [...row.implemented, ...row.planned];
  const shown = ids.slice(0, SHOWN_IDS).join(', ');
  const rest = ids.length > SHOWN_IDS ? `, +${ids.length - SHOWN_IDS} more` : '';
  const lines = [row.tactic, `${row.implemented.length} implemented · ${row.planned.length} planned`];
  if (ids.length > 0) lines.push(`${shown}${rest}`);
  else lines.push('not reached');
  const style: StyleName = row.implemented.length > 0 ? 'covered' : row.planned.length > 0 ? 'partial' : 'gap';
  return { lines, style };
}

export function tacticChart(rows: readonly TacticCoverage[]): Flowchart {
  const nextId = idAllocator();
  const nodes: FlowNode[] = rows.map((row) => {
    const { lines, style } = describe(row);
    return { id: nextId(), lines, shape: 'box', className: style };
  });
  const edges: FlowEdge[] = [];
  for (let i = 1; i < nodes.length; i++) edges.push({ from: nodes[i - 1]!.id, to: nodes[i]!.id, style: 'invisible' });
  const legend = legendGroup(
    nextId,
    [
      ['reached by an implemented mitigation', 'covered'],
      ['reached only by planned or partial ones', 'partial'],
      ['not reached', 'gap'],
    ],
    edges,
  );
  return {
    direction: 'LR',
    classDefs: classDefs('covered', 'partial', 'gap'),
    groups: [legend],
    nodes,
    edges,
  };
}

export function tacticDiagram(model: Model, lookup: TechniqueLookup, profile?: string): Diagram {
  return {
    name: `${model.id}-tactics`,
    kind: 'tactics',
    modelId: model.id,
    title: `D3FEND tactics reached by the mitigations of ${model.title}`,
    source: printFlowchart(tacticChart(tacticCoverage(model, lookup, profile))),
  };
}
