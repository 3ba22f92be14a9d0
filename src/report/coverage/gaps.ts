/**
 * The gaps of a coverage report as located findings, each at the line of the YAML entry
 * concerned: what the SARIF and GitHub-annotation formats report.
 */
import type { RiskBucket } from '../../analyze/coverage.js';
import type { CoverageReport } from '../../analyze/report.js';
import type { Origin } from '../../core/model.js';
import { compareText } from '../../core/order.js';
import { inProfile, notInProfile } from './threat-text.js';

export type GapLevel = 'error' | 'warning' | 'note';

/**
 * Each rule's summary and level. Every gap of a rule has its level, except open threats, whose
 * level follows their risk (OPEN_LEVEL); theirs here is the one they have most often.
 */
export const GAP_RULES = {
  'threat-open': { summary: 'A threat has no implemented, partial or planned mitigation.', level: 'warning' },
  'threat-partial': { summary: 'A threat has only partial or planned mitigations.', level: 'note' },
  'mitigation-no-d3fend': { summary: 'A mitigation is mapped to no D3FEND technique.', level: 'note' },
  'model-tbd': { summary: 'A threat model is still marked TBD.', level: 'warning' },
  'section-tbd': { summary: 'A section of a threat model is still marked TBD.', level: 'warning' },
} as const satisfies Record<string, { readonly summary: string; readonly level: GapLevel }>;
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
  const { profile } = coverage;
  const suggestions = new Map(report.suggestions.map((s) => [`${s.model}/${s.threat}`, s.suggestions]));
  const gaps: Gap[] = [];
  for (const model of coverage.models) {
    for (const t of model.threats) {
      if (t.state === 'covered') continue;
      const risk = t.risk === 'unrated' ? 'unrated' : `${t.risk}-risk`;
      const hint = suggestions.get(`${model.id}/${t.id}`);
      const suffix = notInProfile(t, profile) + (hint && hint.length > 0 ? ` D3FEND counters to consider: ${hint.map((s) => `${s.technique} ${s.label}`).join(', ')}.` : '');
      const counted = t.mitigations.filter((m) => m.applies);
      gaps.push(
        t.state === 'open'
          ? { rule: 'threat-open', level: OPEN_LEVEL[t.risk], message: `Open ${risk} threat "${t.title}" (${t.id}) has no mitigation in place or planned${inProfile(profile)}.${suffix}`, origin: t.origin }
          : {
              rule: 'threat-partial',
              level: GAP_RULES['threat-partial'].level,
              message: `Threat "${t.title}" (${t.id}) is only partly mitigated${inProfile(profile)}: ${counted.map((m) => `${m.id} is ${m.status}`).join(', ')}.${suffix}`,
              origin: t.origin,
            },
      );
    }
  }
  for (const m of coverage.mitigationsWithoutD3fend) {
    gaps.push({ rule: 'mitigation-no-d3fend', level: GAP_RULES['mitigation-no-d3fend'].level, message: `Mitigation "${m.title}" (${m.id}) names no D3FEND technique.`, origin: m.origin });
  }
  for (const m of coverage.tbdModels) {
    gaps.push({ rule: 'model-tbd', level: GAP_RULES['model-tbd'].level, message: `Threat model "${m.title}" (${m.id}) is still marked TBD.`, origin: m.origin });
  }
  for (const s of coverage.tbdSections) {
    gaps.push({ rule: 'section-tbd', level: GAP_RULES['section-tbd'].level, message: `Section "${s.title}" (${s.id}) of model ${s.model} is still marked TBD.`, origin: s.origin });
  }
  return gaps.sort((a, b) => compareText(a.origin.file, b.origin.file) || a.origin.line - b.origin.line || a.origin.column - b.origin.column || compareText(a.rule, b.rule));
}

