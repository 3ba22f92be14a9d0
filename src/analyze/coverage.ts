/**
 * Coverage figures of a resolved workspace: how many threats are mitigated, which gaps remain
 * and which D3FEND tactics the mitigations reach. Pure: the same workspace and catalog always
 * give the same figures, in a stable order, so reports built on them diff cleanly.
 *
 * Definitions (documented for users in docs/coverage.rst):
 * - a threat is covered / partial / open as `threatState` says;
 * - percent = 100 × covered / threats;
 * - weighted percent = 100 × (covered + ½ × partial) / threats;
 * - both are null when there is no threat to measure (a model still to be written).
 * A tally holds counts only; the ratios come from them (coverageRatio, weightedRatio) so
 * each output rounds the exact figure once.
 */
import type { Asset, Mitigation, MitigationStatus, Model, ModelStatus, Origin, Threat, Workspace } from '../core/model.js';
import type { CatalogIndex, TacticName } from '../d3fend/types.js';
import { TACTICS } from '../d3fend/types.js';
import { ratio, type Ratio } from './percent.js';
import { appliesTo, threatState, type ThreatState } from './state.js';

/** Risk of a threat as reports group it; `unrated` when the model gives no impact × likelihood. */
export const RISK_BUCKETS = ['critical', 'high', 'medium', 'low', 'unrated'] as const;
export type RiskBucket = (typeof RISK_BUCKETS)[number];
export type RiskCounts = Readonly<Record<RiskBucket, number>>;

/** The only catalog lookup coverage needs: the tactic of a technique. */
export type TacticLookup = Pick<CatalogIndex, 'technique'>;

export interface Tally {
  readonly threats: number;
  readonly covered: number;
  readonly partial: number;
  readonly open: number;
}

/** covered / threats; null without threats. */
export function coverageRatio(t: Tally): Ratio | null {
  return ratio(t.covered, t.threats);
}

/** (covered + partial / 2) / threats, in whole numbers; null without threats. */
export function weightedRatio(t: Tally): Ratio | null {
  return ratio(2 * t.covered + t.partial, 2 * t.threats);
}

/** A named entry of the model and where it is written, for gap lists. */
export interface EntryRef {
  readonly id: string;
  readonly title: string;
  readonly origin: Origin;
}

export interface SectionRef extends EntryRef {
  readonly model: string;
  readonly status: ModelStatus;
}

export interface ThreatCoverage {
  readonly id: string;
  readonly title: string;
  readonly model: string;
  readonly state: ThreatState;
  readonly risk: RiskBucket;
  readonly attack: readonly string[];
  /** As the threat lists them, those the report's profile does not require included. */
  readonly mitigations: readonly ThreatMitigation[];
  readonly origin: Origin;
}

export interface ThreatMitigation {
  readonly id: string;
  readonly status: MitigationStatus;
  /** False when the report's profile does not require it: it then adds nothing to the threat's state. */
  readonly applies: boolean;
}

/**
 * Techniques of one tactic reached by mitigations: `implemented` by at least one implemented
 * mitigation, `planned` only by partial or planned ones (never both: implemented wins).
 */
export interface TacticCoverage {
  readonly tactic: TacticName;
  readonly implemented: readonly string[];
  readonly planned: readonly string[];
}

export interface ProfileCoverage {
  readonly profile: string;
  readonly tally: Tally;
}

/** Gaps and figures shared by one model and the whole workspace. */
export interface CoverageFigures {
  readonly tally: Tally;
  readonly openByRisk: RiskCounts;
  readonly partialByRisk: RiskCounts;
  readonly assetsWithoutThreat: readonly EntryRef[];
  readonly mitigationsWithoutD3fend: readonly EntryRef[];
  readonly unusedMitigations: readonly EntryRef[];
  readonly tbdSections: readonly SectionRef[];
  readonly tactics: readonly TacticCoverage[];
  /** D3FEND ids mitigations use that the catalog does not know (validation reports them too). */
  readonly unknownTechniques: readonly string[];
  readonly profiles: readonly ProfileCoverage[];
}

export interface ModelCoverage extends CoverageFigures {
  readonly id: string;
  readonly title: string;
  readonly status: ModelStatus;
  readonly origin: Origin;
  readonly threats: readonly ThreatCoverage[];
}

export interface WorkspaceCoverage extends CoverageFigures {
  /** The profile threat states were computed for; undefined: every mitigation counts. */
  readonly profile: string | undefined;
  readonly models: readonly ModelCoverage[];
  readonly tbdModels: readonly EntryRef[];
  readonly draftModels: readonly EntryRef[];
}

export interface CoverageOptions {
  /** Count only the mitigations this deployment profile requires. */
  readonly profile?: string;
}

export function analyzeCoverage(workspace: Workspace, catalog: TacticLookup, options: CoverageOptions = {}): WorkspaceCoverage {
  const profile = options.profile;
  const models = workspace.models.map((m) => modelCoverage(m, catalog, profile));
  const threats = workspace.models.flatMap((m) => m.threats);
  const allAssets = uniqueById([...workspace.models.flatMap((m) => m.assets), ...workspace.libraries.flatMap((l) => l.assets)]);
  const allMitigations = uniqueById([
    ...workspace.models.flatMap((m) => m.mitigations),
    ...workspace.libraries.flatMap((l) => l.mitigations),
  ]);
  const profileIds = workspaceProfileIds(workspace);
  const modelRef = (m: Model): EntryRef => ({ id: m.id, title: m.title, origin: m.origin });
  return {
    profile,
    models,
    ...figures(threats, allAssets, allMitigations, models.flatMap((m) => m.tbdSections), profileIds, catalog, profile),
    tbdModels: workspace.models.filter((m) => m.status === 'tbd').map(modelRef),
    draftModels: workspace.models.filter((m) => m.status === 'draft').map(modelRef),
  };
}

function modelCoverage(model: Model, catalog: TacticLookup, profile: string | undefined): ModelCoverage {
  const tbdSections: SectionRef[] = model.sections
    .filter((s) => s.status === 'tbd')
    .map((s) => ({ id: s.id, title: s.title, model: model.id, status: s.status, origin: s.origin }));
  // Library mitigations appear in model.mitigations only when a threat uses them, so
  // "unused" here means unused among what the model itself defines.
  return {
    id: model.id,
    title: model.title,
    status: model.status,
    origin: model.origin,
    threats: model.threats.map((t) => threatCoverage(t, model.id, profile)),
    ...figures(model.threats, model.assets, model.mitigations, tbdSections, model.profiles.map((p) => p.id), catalog, profile),
  };
}

function figures(
  threats: readonly Threat[],
  assets: readonly Asset[],
  mitigations: readonly Mitigation[],
  tbdSections: readonly SectionRef[],
  profileIds: readonly string[],
  catalog: TacticLookup,
  profile: string | undefined,
): CoverageFigures {
  const states = threats.map((t) => ({ threat: t, state: threatState(t, profile) }));
  const usedAssets = new Set(threats.flatMap((t) => t.assets.map((a) => a.id)));
  const usedMitigations = new Set(threats.flatMap((t) => t.mitigations.map((m) => m.id)));
  // In a profile, only the mitigations it requires reach a tactic.
  const counted = mitigations.filter((m) => appliesTo(m, profile));
  return {
    tally: tally(states.map((s) => s.state)),
    openByRisk: riskCounts(states.filter((s) => s.state === 'open').map((s) => s.threat)),
    partialByRisk: riskCounts(states.filter((s) => s.state === 'partial').map((s) => s.threat)),
    assetsWithoutThreat: assets.filter((a) => !usedAssets.has(a.id)).map((a) => ({ id: a.id, title: a.name, origin: a.origin })),
    mitigationsWithoutD3fend: mitigations.filter((m) => m.d3fend.length === 0).map(mitigationRef),
    unusedMitigations: mitigations.filter((m) => !usedMitigations.has(m.id)).map(mitigationRef),
    tbdSections,
    ...tacticCoverage(counted, catalog),
    profiles: sortedUnique(profileIds).map((p) => ({ profile: p, tally: tally(threats.map((t) => threatState(t, p))) })),
  };
}

export function tally(states: readonly ThreatState[]): Tally {
  const covered = states.filter((s) => s === 'covered').length;
  const partial = states.filter((s) => s === 'partial').length;
  const threats = states.length;
  return { threats, covered, partial, open: threats - covered - partial };
}

export function riskBucket(threat: Threat): RiskBucket {
  return threat.risk?.level ?? 'unrated';
}

function riskCounts(threats: readonly Threat[]): RiskCounts {
  const counts: Record<RiskBucket, number> = { critical: 0, high: 0, medium: 0, low: 0, unrated: 0 };
  for (const t of threats) counts[riskBucket(t)]++;
  return counts;
}

function threatCoverage(threat: Threat, model: string, profile: string | undefined): ThreatCoverage {
  return {
    id: threat.id,
    title: threat.title,
    model,
    state: threatState(threat, profile),
    risk: riskBucket(threat),
    attack: threat.attack,
    mitigations: threat.mitigations.map((m) => ({ id: m.id, status: m.status, applies: appliesTo(m, profile) })),
    origin: threat.origin,
  };
}

const IMPLEMENTED: ReadonlySet<MitigationStatus> = new Set(['implemented']);
const PLANNED: ReadonlySet<MitigationStatus> = new Set(['partial', 'planned']);

function tacticCoverage(
  mitigations: readonly Mitigation[],
  catalog: TacticLookup,
): Pick<CoverageFigures, 'tactics' | 'unknownTechniques'> {
  const implemented = new Set<string>();
  const planned = new Set<string>();
  for (const m of mitigations) {
    const into = IMPLEMENTED.has(m.status) ? implemented : PLANNED.has(m.status) ? planned : undefined;
    for (const id of m.d3fend) into?.add(id);
  }
  const unknown = new Set<string>();
  const byTactic = new Map<TacticName, { implemented: string[]; planned: string[] }>(
    TACTICS.map((t) => [t, { implemented: [], planned: [] }]),
  );
  const place = (ids: Iterable<string>, key: 'implemented' | 'planned', skip: ReadonlySet<string>): void => {
    for (const id of ids) {
      if (skip.has(id)) continue;
      const technique = catalog.technique(id);
      if (!technique) {
        unknown.add(id);
        continue;
      }
      byTactic.get(technique.tactic)?.[key].push(id);
    }
  };
  place(implemented, 'implemented', new Set());
  place(planned, 'planned', implemented);
  return {
    tactics: TACTICS.map((tactic) => {
      const entry = byTactic.get(tactic) ?? { implemented: [], planned: [] };
      return { tactic, implemented: [...entry.implemented].sort(), planned: [...entry.planned].sort() };
    }),
    unknownTechniques: [...unknown].sort(),
  };
}

function mitigationRef(m: Mitigation): EntryRef {
  return { id: m.id, title: m.title, origin: m.origin };
}

function uniqueById<T extends { readonly id: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(item.id) ? false : (seen.add(item.id), true)));
}

/** Every profile the models and libraries define, sorted, each once. */
export function workspaceProfileIds(workspace: Workspace): string[] {
  return sortedUnique([...workspace.models, ...workspace.libraries].flatMap((m) => m.profiles.map((p) => p.id)));
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

export type { ThreatState };
