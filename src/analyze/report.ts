/**
 * Everything a coverage report shows, computed once: the figures, the suggestions for the
 * gaps and the verdict of the gates. Every output format renders this one value.
 */
import type { Workspace } from '../core/model.js';
import { analyzeCoverage, type WorkspaceCoverage } from './coverage.js';
import { evaluateGates, type GateFailure, type Gates } from './gates.js';
import { DEFAULT_SUGGESTION_LIMIT, suggestForWorkspace, type SuggestionCatalog, type ThreatSuggestions } from './suggestions.js';

export interface CoverageReport {
  readonly coverage: WorkspaceCoverage;
  readonly suggestions: readonly ThreatSuggestions[];
  readonly gates: Gates;
  readonly failures: readonly GateFailure[];
}

export interface ReportOptions {
  readonly profile?: string;
  readonly gates?: Gates;
  readonly suggestionLimit?: number;
}

export function buildCoverageReport(workspace: Workspace, catalog: SuggestionCatalog, options: ReportOptions = {}): CoverageReport {
  const profileOption = options.profile === undefined ? {} : { profile: options.profile };
  const coverage = analyzeCoverage(workspace, catalog, profileOption);
  const gates = options.gates ?? {};
  return {
    coverage,
    suggestions: suggestForWorkspace(workspace, catalog, { ...profileOption, limit: options.suggestionLimit ?? DEFAULT_SUGGESTION_LIMIT }),
    gates,
    failures: evaluateGates(coverage, gates),
  };
}
