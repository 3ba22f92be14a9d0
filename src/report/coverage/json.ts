/**
 * The coverage report as JSON, in the shape schema/coverage-report.schema.json documents.
 * Built field by field (not a dump of the internal types) so the published shape only
 * changes on purpose, with a new `version`.
 */
import { coverageRatio, weightedRatio, type CoverageFigures, type EntryRef, type ModelCoverage, type SectionRef, type Tally, type ThreatCoverage } from '../../analyze/coverage.js';
import { exactPercent, roundPercent, type Ratio } from '../../analyze/percent.js';
import type { CoverageReport } from '../../analyze/report.js';
import type { Origin } from '../../core/model.js';

export const COVERAGE_JSON_VERSION = 1;

export function coverageJson(report: CoverageReport): object {
  const { coverage } = report;
  return {
    format: 'threatdoc-coverage',
    version: COVERAGE_JSON_VERSION,
    profile: coverage.profile ?? null,
    totals: tally(coverage.tally),
    ...figures(coverage),
    tbdModels: coverage.tbdModels.map(entry),
    draftModels: coverage.draftModels.map(entry),
    models: coverage.models.map(model),
    suggestions: report.suggestions.map((s) => ({
      model: s.model,
      threat: s.threat,
      title: s.title,
      state: s.state,
      techniques: s.suggestions.map((g) => ({
        id: g.technique,
        label: g.label,
        tactic: g.tactic,
        url: g.url,
        counters: g.reasons.map((r) => ({ attack: r.attack, via: r.via, explanation: r.explanation })),
      })),
    })),
    gates: {
      failUnder: report.gates.failUnder ?? null,
      exactPercent: gatePercent(coverage.tally),
      failOn: [...(report.gates.failOn ?? [])],
      passed: report.failures.length === 0,
      failures: report.failures.map((f) => ({ gate: f.gate, reason: f.reason })),
    },
  };
}

export function formatJson(report: CoverageReport): string {
  return `${JSON.stringify(coverageJson(report), null, 2)}\n`;
}

function figures(f: CoverageFigures): object {
  return {
    openByRisk: { ...f.openByRisk },
    partialByRisk: { ...f.partialByRisk },
    assetsWithoutThreat: f.assetsWithoutThreat.map(entry),
    mitigationsWithoutD3fend: f.mitigationsWithoutD3fend.map(entry),
    unusedMitigations: f.unusedMitigations.map(entry),
    tbdSections: f.tbdSections.map(section),
    tactics: f.tactics.map((t) => ({ tactic: t.tactic, implemented: [...t.implemented], planned: [...t.planned] })),
    unknownTechniques: [...f.unknownTechniques],
    profiles: f.profiles.map((p) => ({ profile: p.profile, totals: tally(p.tally) })),
  };
}

function model(m: ModelCoverage): object {
  return {
    id: m.id,
    title: m.title,
    status: m.status,
    location: location(m.origin),
    totals: tally(m.tally),
    ...figures(m),
    threats: m.threats.map(threat),
  };
}

function threat(t: ThreatCoverage): object {
  return {
    id: t.id,
    title: t.title,
    state: t.state,
    risk: t.risk,
    attack: [...t.attack],
    mitigations: t.mitigations.map((m) => ({ id: m.id, status: m.status, applies: m.applies })),
    location: location(t.origin),
  };
}

/** Coverage figures as both JSON formats (coverage report and diff) write them. */
export function tally(t: Tally): object {
  return { threats: t.threats, covered: t.covered, partial: t.partial, open: t.open, percent: jsonPercent(coverageRatio(t)), weightedPercent: jsonPercent(weightedRatio(t)) };
}

/**
 * The coverage percent the --fail-under gate compares, not rounded: totals.percent (66.67)
 * may equal a failUnder of 66.67 that 2 of 3 covered (66.666…) fails.
 */
function gatePercent(t: Tally): number | null {
  const covered = coverageRatio(t);
  return covered === null ? null : exactPercent(covered);
}

/** A percentage as the JSON formats publish it: two decimals, null without a ratio. */
export function jsonPercent(share: Ratio | null): number | null {
  return share === null ? null : roundPercent(share, 2);
}

function entry(e: EntryRef): object {
  return { id: e.id, title: e.title, location: location(e.origin) };
}

function section(s: SectionRef): object {
  return { model: s.model, id: s.id, title: s.title, status: s.status, location: location(s.origin) };
}

function location(o: Origin): object {
  return { file: o.file, line: o.line, column: o.column };
}
