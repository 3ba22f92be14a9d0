/**
 * The gaps of a coverage report as located findings, each at the line of the YAML entry
 * concerned: what the SARIF and GitHub-annotation formats report.
 */
import type { RiskBucket } from '../../analyze/coverage.js';
import type { CoverageReport } from '../../analyze/report.js';
import type { Origin } from '../../core/model.js';
import { compareText } from '../../core/order.js';

export type GapLevel = 'error' | 'warning' | 'note';

export const GAP_RULES = {
  'threat-open': 'A threat has no implemented, partial or planned mitigation.',
  'threat-partial': 'A threat has only partial or planned mitigations.',
  'mitigation-no-d3fend': 'A mitigation is mapped to no D3FEND technique.',
  'model-tbd': 'A threat model is still marked TBD.',
  'section-tbd': 'A section of a threat model is still marked TBD.',
} as const;
export type GapRule = keyof typeof GAP_RULES;

export interface Gap {
  readonly rule: GapRule;
  readonly level: GapLevel;
  readonly message: string;
  readonly origin: Origin;
}

/** Open threats are as serious as their risk: a critical one is an error, a low one a note. */
const OPEN_LEVEL: Readonly<Record<RiskBucket, GapLevel>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  unrated: 'warning',
  low: 'note',
};

export function coverageGaps(report: CoverageReport): Gap[] {
  const { coverage } = report;
  const suggestions = new Map(report.suggestions.map((s) => [`${s.model}/${s.threat}`, s.suggestions]));
  const gaps: Gap[] = [];
  for (const model of coverage.models) {
    for (const t of model.threats) {
      if (t.state === 'covered') continue;
      const risk = t.risk === 'unrated' ? 'unrated' : `${t.risk}-risk`;
      const hint = suggestions.get(`${model.id}/${t.id}`);
      const suffix = hint && hint.length > 0 ? ` D3FEND counters to consider: ${hint.map((s) => `${s.technique} ${s.label}`).join(', ')}.` : '';
      gaps.push(
        t.state === 'open'
          ? { rule: 'threat-open', level: OPEN_LEVEL[t.risk], message: `Open ${risk} threat "${t.title}" (${t.id}) has no mitigation in place or planned.${suffix}`, origin: t.origin }
          : {
              rule: 'threat-partial',
              level: 'note',
              message: `Threat "${t.title}" (${t.id}) is only partly mitigated: ${t.mitigations.map((m) => `${m.id} is ${m.status}`).join(', ')}.${suffix}`,
              origin: t.origin,
            },
      );
    }
  }
  for (const m of coverage.mitigationsWithoutD3fend) {
    gaps.push({ rule: 'mitigation-no-d3fend', level: 'note', message: `Mitigation "${m.title}" (${m.id}) names no D3FEND technique.`, origin: m.origin });
  }
  for (const m of coverage.tbdModels) {
    gaps.push({ rule: 'model-tbd', level: 'warning', message: `Threat model "${m.title}" (${m.id}) is still marked TBD.`, origin: m.origin });
  }
  for (const s of coverage.tbdSections) {
    gaps.push({ rule: 'section-tbd', level: 'warning', message: `Section "${s.title}" (${s.id}) of model ${s.model} is still marked TBD.`, origin: s.origin });
  }
  return gaps.sort((a, b) => compareText(a.origin.file, b.origin.file) || a.origin.line - b.origin.line || a.origin.column - b.origin.column || compareText(a.rule, b.rule));
}

