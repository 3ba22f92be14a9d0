import { label } from './escape.js';

/**
 * A small typed description of a mermaid flowchart and its one printer. Generators build
 * these values; only `printFlowchart` writes mermaid syntax, so quoting and escaping live in
 * one place and user text can only ever reach a quoted, escaped label.
 */

export type NodeShape = 'box' | 'round' | 'stadium';

export interface FlowNode {
  /** Generated (n0, n1, …): user ids never become mermaid ids (`end` would break parsing). */
  readonly id: string;
  /** Lines of plain user text; escaped when printed. */
  readonly lines: readonly string[];
  readonly shape: NodeShape;
  readonly className?: string;
}

export interface FlowGroup {
  readonly id: string;
  readonly title: string;
  readonly nodes: readonly FlowNode[];
  /** Only honoured by mermaid for a group with no links leaving it (a legend). */
  readonly direction?: 'LR' | 'TB';
}

export interface FlowEdge {
  readonly from: string;
  readonly to: string;
  /** Invisible links only keep nodes in order (a legend row, a row of tactics). */
  readonly style: 'solid' | 'dotted' | 'invisible';
}

/**
 * A chart's legend: a round node per entry, kept in one row by invisible links (added to
 * `edges`), in a group of its own. Ids go to the nodes first, then to the group.
 */
export function legendGroup(nextId: () => string, entries: readonly (readonly [text: string, className: string])[], edges: FlowEdge[]): FlowGroup {
  const nodes: FlowNode[] = entries.map(([text, className]) => ({ id: nextId(), lines: [text], shape: 'round', className }));
  for (let i = 1; i < nodes.length; i++) edges.push({ from: nodes[i - 1]!.id, to: nodes[i]!.id, style: 'invisible' });
  return { id: nextId(), title: 'Legend', nodes, direction: 'LR' };
}

/** A class name and its style; styles are constants of threatdoc, never user text. */
export interface ClassDef {
  readonly name: string;
  readonly style: string;
}

export interface Flowchart {
  readonly direction: 'LR' | 'TB';
  readonly classDefs: readonly ClassDef[];
  readonly groups: readonly FlowGroup[];
  readonly nodes: readonly FlowNode[];
  readonly edges: readonly FlowEdge[];
}

const OPEN: Record<NodeShape, [string, string]> = { box: ['[', ']'], round: ['(', ')'], stadium: ['([', '])'] };
const ARROW: Record<FlowEdge['style'], string> = { solid: '-->', dotted: '-.->', invisible: '~~~' };

function printNode(node: FlowNode, indent: string): string {
  const [open, close] = OPEN[node.shape];
  return `${indent}${node.id}${open}${label(...node.lines)}${close}`;
}

/** Mermaid source for a flowchart: deterministic, one statement per line. */
export function printFlowchart(chart: Flowchart): string {
  const out: string[] = [`flowchart ${chart.direction}`];
  for (const def of chart.classDefs) out.push(`  classDef ${def.name} ${def.style}`);
  for (const group of chart.groups) {
    out.push(`  subgraph ${group.id}[${label(group.title)}]`);
    if (group.direction) out.push(`    direction ${group.direction}`);
    for (const node of group.nodes) out.push(printNode(node, '    '));
    out.push('  end');
  }
  for (const node of chart.nodes) out.push(printNode(node, '  '));
  for (const edge of chart.edges) out.push(`  ${edge.from} ${ARROW[edge.style]} ${edge.to}`);
  const byClass = new Map<string, string[]>();
  for (const node of [...chart.groups.flatMap((g) => g.nodes), ...chart.nodes]) {
    if (node.className === undefined) continue;
    const ids = byClass.get(node.className) ?? [];
    ids.push(node.id);
    byClass.set(node.className, ids);
  }
  for (const def of chart.classDefs) {
    const ids = byClass.get(def.name);
    if (ids) out.push(`  class ${ids.join(',')} ${def.name}`);
  }
  return `${out.join('\n')}\n`;
}

/** Hands out n0, n1, … in call order, so ids depend only on the order of the model. */
export function idAllocator(prefix = 'n'): () => string {
  let next = 0;
  return () => `${prefix}${next++}`;
}
