/**
 * What a change did to the threat models: entries added, removed or changed (which fields),
 * mitigation status changes, coverage before → after and threats that became open. Pure:
 * compares two resolved workspaces and their coverage by id (ids are unique per kind across
 * a model directory, so an entry moved between files is a change, not a removal).
 */
import type { Tally, WorkspaceCoverage, ThreatCoverage, RiskBucket } from '../analyze/coverage.js';
import type { Agent, Asset, Mitigation, MitigationStatus, Model, Threat, Workspace } from '../core/model.js';
import type { ThreatState } from '../analyze/state.js';
import { compareText } from '../core/order.js';

export interface FieldChange {
  readonly field: string;
  /** The values as short text: lists joined by ", ", absent as "". */
  readonly before: string;
  readonly after: string;
}

export interface EntryRef {
  readonly id: string;
  readonly title: string;
  /** Model of a threat; file-level entries (mitigations, assets, agents) carry none. */
  readonly model?: string;
}

export interface ChangedEntry extends EntryRef {
  readonly fields: readonly FieldChange[];
}

export interface EntryChanges {
  readonly added: readonly EntryRef[];
  readonly removed: readonly EntryRef[];
  readonly changed: readonly ChangedEntry[];
}

export interface StatusChange {
  readonly id: string;
  readonly title: string;
  readonly before: MitigationStatus;
  readonly after: MitigationStatus;
}

export interface ThreatStateChange {
  readonly id: string;
  readonly title: string;
  readonly model: string;
  readonly before: ThreatState | null;
  readonly after: ThreatState;
  readonly risk: RiskBucket;
}

export interface CoverageChange {
  readonly before: Tally;
  readonly after: Tally;
  readonly models: readonly { readonly id: string; readonly before: Tally | null; readonly after: Tally | null }[];
}

export interface WorkspaceDiff {
  readonly models: EntryChanges;
  readonly threats: EntryChanges;
  readonly mitigations: EntryChanges;
  readonly assets: EntryChanges;
  readonly agents: EntryChanges;
  readonly statusChanges: readonly StatusChange[];
  readonly coverage: CoverageChange;
  /** Threats open after the change that were not open before (new, or lost their mitigations). */
  readonly newOpenThreats: readonly ThreatStateChange[];
}

export interface Side {
  readonly workspace: Workspace;
  readonly coverage: WorkspaceCoverage;
}

export function diffWorkspaces(base: Side, head: Side): WorkspaceDiff {
  const baseMitigations = entriesOf(base.workspace, (f) => f.mitigations);
  const headMitigations = entriesOf(head.workspace, (f) => f.mitigations);
  return {
    models: compareEntries(base.workspace.models, head.workspace.models, modelFields, (m) => ({ id: m.id, title: m.title })),
    threats: compareEntries(threatsOf(base.workspace), threatsOf(head.workspace), threatFields, (t) => ({ id: t.id, title: t.title, model: t.model })),
    mitigations: compareEntries(baseMitigations, headMitigations, mitigationFields, (m) => ({ id: m.id, title: m.title })),
    assets: compareEntries(entriesOf(base.workspace, (f) => f.assets), entriesOf(head.workspace, (f) => f.assets), assetFields, (a) => ({ id: a.id, title: a.name })),
    agents: compareEntries(entriesOf(base.workspace, (f) => f.agents), entriesOf(head.workspace, (f) => f.agents), agentFields, (a) => ({ id: a.id, title: a.name })),
    statusChanges: statusChanges(baseMitigations, headMitigations),
    coverage: coverageChange(base.coverage, head.coverage),
    newOpenThreats: newOpen(base.coverage, head.coverage),
  };
}

/** A compared value: text, or a list compared item by item (an item may hold ", "). */
type FieldValue = string | readonly string[];
type Fields<T> = (entry: T) => Readonly<Record<string, FieldValue>>;

function compareEntries<T extends { readonly id: string }>(
  before: readonly T[],
  after: readonly T[],
  fields: Fields<T>,
  ref: (entry: T) => EntryRef,
): EntryChanges {
  const old = new Map(before.map((e) => [e.id, e]));
  const now = new Map(after.map((e) => [e.id, e]));
  const changed: ChangedEntry[] = [];
  for (const [id, entry] of now) {
    const previous = old.get(id);
    if (!previous) continue;
    const a = fields(previous);
    const b = fields(entry);
    const diffs = Object.keys({ ...a, ...b })
      .filter((k) => !sameValue(a[k] ?? '', b[k] ?? ''))
      .map((k) => ({ field: k, before: text(a[k] ?? ''), after: text(b[k] ?? '') }));
    if (diffs.length > 0) changed.push({ ...ref(entry), fields: diffs });
  }
  return {
    added: byId(after.filter((e) => !old.has(e.id)).map(ref)),
    removed: byId(before.filter((e) => !now.has(e.id)).map(ref)),
    changed: byId(changed),
  };
}

function sameValue(a: FieldValue, b: FieldValue): boolean {
  if (typeof a === 'string' || typeof b === 'string') return text(a) === text(b);
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/** As the diff shows a value: a list joined by ", ". */
function text(value: FieldValue): string {
  return typeof value === 'string' ? value : value.join(', ');
}

const modelFields: Fields<Model> = (m) => ({
  title: m.title,
  status: m.status,
  description: m.description ?? '',
  scope: m.scope ?? '',
  assumptions: m.assumptions,
  outOfScope: m.outOfScope,
  references: m.references.map((r) => r.url),
  sections: m.sections.map((s) => `${s.id}: ${s.title} (${s.status})`),
});

type PlacedThreat = Threat & { readonly model: string };

const threatFields: Fields<PlacedThreat> = (t) => ({
  model: t.model,
  title: t.title,
  description: t.description ?? '',
  notes: t.notes ?? '',
  assets: t.assets.map((a) => a.id),
  agents: t.agents.map((a) => a.id),
  stride: t.stride,
  d3fend: t.d3fend,
  attack: t.attack,
  risk: t.risk ? `${t.risk.impact} × ${t.risk.likelihood} (${t.risk.level})` : '',
  mitigations: t.mitigations.map((m) => m.id),
});

const mitigationFields: Fields<Mitigation> = (m) => ({
  title: m.title,
  description: m.description ?? '',
  d3fend: m.d3fend,
  status: m.status,
  profiles: m.profiles,
  references: m.references.map((r) => r.url),
});

const assetFields: Fields<Asset> = (a) => ({
  name: a.name,
  description: a.description ?? '',
  properties: a.properties,
});

const agentFields: Fields<Agent> = (a) => ({
  name: a.name,
  description: a.description ?? '',
});

function threatsOf(ws: Workspace): PlacedThreat[] {
  return ws.models.flatMap((m) => m.threats.map((t) => ({ ...t, model: m.id })));
}

/** The entries of one kind that libraries and models define, each id once. */
function entriesOf<T extends { readonly id: string }>(ws: Workspace, of: (file: Workspace['libraries'][number] | Workspace['models'][number]) => readonly T[]): T[] {
  return uniqueById([...ws.libraries.flatMap(of), ...ws.models.flatMap(of)]);
}

function statusChanges(before: readonly Mitigation[], after: readonly Mitigation[]): StatusChange[] {
  const old = new Map(before.map((m) => [m.id, m]));
  return byId(
    after.flatMap((m) => {
      const previous = old.get(m.id);
      return previous && previous.status !== m.status ? [{ id: m.id, title: m.title, before: previous.status, after: m.status }] : [];
    }),
  );
}

function coverageChange(before: WorkspaceCoverage, after: WorkspaceCoverage): CoverageChange {
  const ids = [...new Set([...before.models.map((m) => m.id), ...after.models.map((m) => m.id)])].sort();
  return {
    before: before.tally,
    after: after.tally,
    models: ids.map((id) => ({
      id,
      before: before.models.find((m) => m.id === id)?.tally ?? null,
      after: after.models.find((m) => m.id === id)?.tally ?? null,
    })),
  };
}

function newOpen(before: WorkspaceCoverage, after: WorkspaceCoverage): ThreatStateChange[] {
  const old = new Map(before.models.flatMap((m) => m.threats).map((t): [string, ThreatCoverage] => [t.id, t]));
  return after.models
    .flatMap((m) => m.threats)
    .filter((t) => t.state === 'open' && old.get(t.id)?.state !== 'open')
    .map((t) => ({ id: t.id, title: t.title, model: t.model, before: old.get(t.id)?.state ?? null, after: t.state, risk: t.risk }));
}

function uniqueById<T extends { readonly id: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(item.id) ? false : (seen.add(item.id), true)));
}

/** By model (for threats), then id: a PR comment reads model by model. */
function byId<T extends { readonly id: string; readonly model?: string }>(items: readonly T[]): T[] {
  const key = (e: T): string => `${e.model ?? ''}\u0000${e.id}`;
  return [...items].sort((a, b) => compareText(key(a), key(b)));
}

/** Whether the change touched anything the diff reports. */
export function isEmptyDiff(diff: WorkspaceDiff): boolean {
  const none = (c: EntryChanges): boolean => c.added.length + c.removed.length + c.changed.length === 0;
  return none(diff.models) && none(diff.threats) && none(diff.mitigations) && none(diff.assets) && none(diff.agents);
}
