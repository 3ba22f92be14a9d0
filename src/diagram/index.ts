import type { Model, Workspace } from '../core/model.js';
import { coverageDiagrams } from './coverage.js';
import { overviewDiagrams } from './overview.js';
import { tacticDiagram } from './tactics.js';
import type { Diagram, TechniqueLookup } from './types.js';

export type { Diagram, DiagramKind, TechniqueLookup } from './types.js';

export interface DiagramOptions {
  /** Deployment profile whose required mitigations decide coverage. */
  readonly profile?: string;
}

/** The diagrams of one model: its coverage chart(s), then its tactic chart. */
export function modelDiagrams(model: Model, lookup: TechniqueLookup, options: DiagramOptions = {}): Diagram[] {
  const opts = options.profile === undefined ? {} : { profile: options.profile };
  return [...coverageDiagrams(model, lookup, opts), tacticDiagram(model, lookup, options.profile)];
}

/** Every diagram of a workspace: per model in model order, then the overview. */
export function workspaceDiagrams(workspace: Workspace, lookup: TechniqueLookup, options: DiagramOptions = {}): Diagram[] {
  return [...workspace.models.flatMap((m) => modelDiagrams(m, lookup, options)), ...overviewDiagrams(workspace.models, options.profile)];
}
