import type { Model } from '../core/model.js';
import { threatState, THREAT_STATES, type ThreatState } from '../analyze/state.js';
import { idAllocator, legendGroup, printFlowchart, type FlowEdge, type FlowNode, type Flowchart } from './flowchart.js';
import { OVERVIEW_MODELS_PER_CHART } from './limits.js';
import { classDefs, type StyleName } from './styles.js';
import type { Diagram } from './types.js';

/** The overview across models: one node per model with its threat states, four to a row. */

const PER_ROW = 4;

export interface ModelCoverage {
  readonly model: Model;
  readonly counts: Readonly<Record<ThreatState, number>>;
}

export function modelCoverage(model: Model, profile?: string): ModelCoverage {
  const counts: Record<ThreatState, number> = { covered: 0, partial: 0, open: 0 };
  for (const t of model.threats) counts[threatState(t, profile)]++;
  return { model, counts };
}

function describe({ model, counts }: ModelCoverage): FlowNode['lines'] {
  const total = model.threats.length;
  if (total === 0) return [model.title, 'no threats recorded'];
  const pct = Math.floor((counts.covered * 100) / total);
  return [model.title, THREAT_STATES.map((s) => `${counts[s]} ${s}`).join(' · '), `${pct}% of ${total} threats covered`];
}

function style({ model, counts }: ModelCoverage): StyleName {
  if (model.threats.length === 0) return 'inactive';
  return counts.open > 0 ? 'open' : counts.partial > 0 ? 'partial' : 'covered';
}

export function overviewChart(rows: readonly ModelCoverage[]): Flowchart {
  const nextId = idAllocator();
  const nodes: FlowNode[] = rows.map((row) => ({ id: nextId(), lines: describe(row), shape: 'box', className: style(row) }));
  const edges: FlowEdge[] = [];
  // Invisible links chain each row left to right; unlinked rows stack below each other.
  for (let i = 1; i < nodes.length; i++) {
    if (i % PER_ROW !== 0) edges.push({ from: nodes[i - 1]!.id, to: nodes[i]!.id, style: 'invisible' });
  }
  const legend = legendGroup(
    nextId,
    [
      ['every threat covered', 'covered'],
      ['some threats only partly covered', 'partial'],
      ['some threats open', 'open'],
    ],
    edges,
  );
  return {
    direction: 'LR',
    classDefs: classDefs('covered', 'partial', 'open', 'inactive'),
    groups: [legend],
    nodes,
    edges,
  };
}

/** The overview diagrams, continued in `overview-2`, … when there are many models. */
export function overviewDiagrams(models: readonly Model[], profile?: string): Diagram[] {
  const rows = models.map((m) => modelCoverage(m, profile));
  const parts: ModelCoverage[][] = [];
  for (let i = 0; i < rows.length; i += OVERVIEW_MODELS_PER_CHART) parts.push(rows.slice(i, i + OVERVIEW_MODELS_PER_CHART));
  if (parts.length === 0) parts.push([]);
  return parts.map((part, i) => ({
    name: i === 0 ? 'overview' : `overview-${i + 1}`,
    kind: 'overview',
    title: parts.length === 1 ? 'Threat coverage per model' : `Threat coverage per model (part ${i + 1} of ${parts.length})`,
    source: printFlowchart(overviewChart(part)),
  }));
}
