/**
 * Hand-built resolved workspaces for analysis tests: small constructors with defaults so
 * each test writes only what its figures depend on.
 */
import type { Agent, Asset, Impact, Likelihood, Mitigation, MitigationStatus, Model, ModelStatus, Origin, Section, Threat, Workspace } from '../../src/core/model.js';
import { riskLevel } from '../../src/core/model.js';
import { createCatalogIndex } from '../../src/d3fend/catalog.js';
import { TACTICS, type AttackTechnique, type Catalog, type CatalogIndex, type CounterLink, type DefensiveTechnique, type TacticName } from '../../src/d3fend/types.js';

let line = 1;
function origin(file = 'models/test.yaml'): Origin {
  return { file, line: line++, column: 5 };
}

export function asset(id: string): Asset {
  return { id, name: `Asset ${id}`, properties: [], origin: origin() };
}

export function agent(id: string): Agent {
  return { id, name: `Agent ${id}`, origin: origin() };
}

export function mitigation(id: string, status: MitigationStatus, d3fend: string[] = [], profiles: string[] = []): Mitigation {
  return { id, title: `Mitigation ${id}`, d3fend, status, references: [], profiles, definedIn: 'test', origin: origin() };
}

export interface ThreatSpec {
  mitigations?: Mitigation[];
  assets?: Asset[];
  risk?: [Impact, Likelihood];
  attack?: string[];
  title?: string;
}

export function threat(id: string, spec: ThreatSpec = {}): Threat {
  return {
    id,
    title: spec.title ?? `Threat ${id}`,
    assets: spec.assets ?? [],
    agents: [],
    stride: [],
    d3fend: [],
    attack: spec.attack ?? [],
    ...(spec.risk ? { risk: { impact: spec.risk[0], likelihood: spec.risk[1], level: riskLevel(spec.risk[0], spec.risk[1]) } } : {}),
    mitigations: spec.mitigations ?? [],
    origin: origin(),
  };
}

export function section(id: string, status: ModelStatus): Section {
  return { id, title: `Section ${id}`, status, origin: origin() };
}

export interface ModelSpec {
  status?: ModelStatus;
  threats?: Threat[];
  assets?: Asset[];
  agents?: Agent[];
  mitigations?: Mitigation[];
  sections?: Section[];
  profiles?: string[];
  title?: string;
}

export function model(id: string, spec: ModelSpec = {}): Model {
  return {
    id,
    title: spec.title ?? `Model ${id}`,
    status: spec.status ?? 'reviewed',
    assumptions: [],
    outOfScope: [],
    references: [],
    profiles: (spec.profiles ?? []).map((p) => ({ id: p, title: `Profile ${p}`, origin: origin() })),
    assets: spec.assets ?? [],
    agents: spec.agents ?? [],
    threats: spec.threats ?? [],
    mitigations: spec.mitigations ?? [],
    sections: spec.sections ?? [],
    origin: origin(),
  };
}

export function workspace(...models: Model[]): Workspace {
  return { root: 'models', models, libraries: [] };
}

// ---------------------------------------------------------------------------------------
// A tiny catalog: just enough techniques and links for tactic and suggestion tests.

export function technique(id: string, label: string, tactic: TacticName): DefensiveTechnique {
  const className = label.replace(/\s+/g, '');
  return { id, label, className, url: `https://d3fend.mitre.org/technique/d3f:${className}/`, tactic, parent: null, synonyms: [], artifacts: [] };
}

export function link(d3fend: string, attack: string, defends: [string, string], offends: [string, string]): CounterLink {
  return {
    d3fend,
    attack,
    defends: { relation: defends[0], artifact: defends[1] },
    offends: { relation: offends[0], artifact: offends[1] },
  };
}

export type SmallCatalog = CatalogIndex;

/** A real CatalogIndex (createCatalogIndex) over a hand-written catalog of a few entries. */
export function smallCatalog(techniques: DefensiveTechnique[], links: CounterLink[] = [], attack: AttackTechnique[] = []): SmallCatalog {
  const perTactic = Object.fromEntries(TACTICS.map((t) => [t, techniques.filter((x) => x.tactic === t).length])) as Record<TacticName, number>;
  const linked = [...new Set(links.map((l) => l.attack))].filter((id) => !attack.some((a) => a.id === id));
  const catalog: Catalog = {
    format: 1,
    provenance: {
      source: 'test',
      tag: 'test',
      files: [],
      version: '0',
      license: 'MIT',
      inference: 'hand-written for tests',
      counts: { techniques: techniques.length, perTactic, attack: attack.length + linked.length, links: links.length },
    },
    tactics: TACTICS.map((name, order) => ({ name, order, className: name })),
    techniques: [...techniques].sort((a, b) => a.id.localeCompare(b.id)),
    attack: [...attack, ...linked.map((id) => ({ id, label: id, parent: null, artifacts: [] }))].sort((a, b) => a.id.localeCompare(b.id)),
    deprecatedAttack: [],
    retired: [],
    links,
  };
  return createCatalogIndex(catalog);
}
