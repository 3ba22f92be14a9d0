/**
 * The data templates see. Built from a resolved workspace in code so templates only format:
 * every list is already sorted and every optional field is present as null, because templates
 * run in strict mode where naming an absent key is an error.
 */
import { SITE_PAGES } from '../core/pages.js';
import type { Asset, Mitigation, Model, Section, Threat, Workspace } from '../core/model.js';
import type { CatalogIndex, TacticName } from '../d3fend/types.js';
import { tacticRank } from '../d3fend/types.js';
import { threatState, type ThreatState } from '../analyze/state.js';
import { RISK_BUCKETS, type RiskBucket } from '../analyze/coverage.js';
import { compareById } from '../core/order.js';

/** The only catalog lookup rendering needs. */
export type TechniqueLookup = Pick<CatalogIndex, 'technique'>;

/**
 * A diagram of one model, produced by the diagram stage. `source` is mermaid text; `image` is
 * the path of a drawn SVG relative to the output directory, when one was drawn.
 */
export interface ModelDiagram {
  readonly id: string;
  readonly title: string;
  readonly source: string;
  readonly image?: string;
}

export interface D3fendView {
  readonly id: string;
  readonly label: string | null;
  readonly tactic: TacticName | null;
  /** null when the id is not in the catalog (validation reports that; rendering shows plain text). */
  readonly url: string | null;
}

export interface LinkView {
  readonly title: string;
  readonly url: string;
}

export interface NamedView {
  readonly id: string;
  readonly name: string;
}

export interface AgentView extends NamedView {
  readonly description: string | null;
}

export interface AssetView {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly properties: readonly string[];
}

export interface MitigationView {
  readonly id: string;
  readonly title: string;
  readonly description: string | null;
  readonly status: string;
  readonly d3fend: readonly D3fendView[];
  readonly references: readonly LinkView[];
  readonly profiles: readonly string[];
  /** Id of the library that defines it when it is shared, else null. */
  readonly library: string | null;
  /** Threats of this model it addresses. */
  readonly threats: readonly { readonly id: string; readonly title: string; readonly anchor: string }[];
}

export interface RiskView {
  readonly level: string;
  readonly impact: string;
  readonly likelihood: string;
}

export interface ThreatView {
  readonly id: string;
  /** Stable fragment id for links to this threat: `threat-<id>`. */
  readonly anchor: string;
  readonly title: string;
  readonly description: string | null;
  readonly notes: string | null;
  readonly d3fend: readonly D3fendView[];
  readonly attack: readonly string[];
  readonly stride: readonly string[];
  readonly risk: RiskView | null;
  readonly assets: readonly NamedView[];
  readonly agents: readonly NamedView[];
  readonly mitigations: readonly MitigationView[];
  readonly state: ThreatState;
}

export interface SectionView {
  readonly id: string;
  readonly title: string;
  readonly status: string;
  readonly body: string | null;
}

export interface DiagramView {
  readonly id: string;
  readonly title: string;
  readonly source: string;
  readonly image: string | null;
}

export interface Counts {
  readonly threats: number;
  readonly covered: number;
  readonly partial: number;
  readonly open: number;
  readonly mitigations: number;
  readonly assets: number;
}

export interface ModelView {
  readonly id: string;
  /** Output file name without extension. */
  readonly page: string;
  readonly title: string;
  readonly status: string;
  readonly description: string | null;
  readonly scope: string | null;
  readonly assumptions: readonly string[];
  readonly outOfScope: readonly string[];
  readonly references: readonly LinkView[];
  readonly assets: readonly AssetView[];
  readonly agents: readonly AgentView[];
  readonly threats: readonly ThreatView[];
  readonly mitigations: readonly MitigationView[];
  /** Threats not covered: open first, then partial; riskiest first within each. */
  readonly openThreats: readonly ThreatView[];
  readonly partialThreats: readonly ThreatView[];
  /** Sections whose status is not `reviewed`: still to be written or being drafted. */
  readonly sections: readonly SectionView[];
  readonly diagrams: readonly DiagramView[];
  /** The diagrams drawn as images: what formats that cannot show mermaid source display. */
  readonly figures: readonly DiagramView[];
  readonly counts: Counts;
}

export interface TechniqueUse {
  readonly model: { readonly id: string; readonly page: string; readonly title: string };
  readonly threats: readonly { readonly id: string; readonly title: string; readonly anchor: string }[];
  readonly mitigations: readonly { readonly id: string; readonly title: string }[];
}

export interface TechniqueView extends D3fendView {
  readonly uses: readonly TechniqueUse[];
}

export interface SiteView {
  readonly models: readonly ModelView[];
  /** Diagrams across models (the coverage overview), shown on the index page. */
  readonly diagrams: readonly DiagramView[];
  readonly figures: readonly DiagramView[];
  /** Every technique some model uses, by tactic order then id. */
  readonly techniques: readonly TechniqueView[];
  readonly pages: { readonly index: string; readonly d3fend: string };
}

export interface ContextOptions {
  /** Deployment profile whose required mitigations decide threat states. */
  readonly profile?: string;
  readonly diagrams?: ReadonlyMap<string, readonly ModelDiagram[]>;
  /** Diagrams of the whole workspace rather than one model. */
  readonly siteDiagrams?: readonly ModelDiagram[];
}


/** Riskiest first; unrated after low. */
function riskRank(threat: ThreatView): number {
  return RISK_BUCKETS.indexOf((threat.risk?.level ?? 'unrated') as RiskBucket);
}

export function siteView(workspace: Workspace, catalog: TechniqueLookup, options: ContextOptions = {}): SiteView {
  const models = [...workspace.models]
    .sort(compareById)
    .map((model) => modelView(model, catalog, options));
  const diagrams = (options.siteDiagrams ?? []).map(diagramView);
  return {
    models,
    diagrams,
    figures: diagrams.filter((d) => d.image !== null),
    techniques: techniqueViews(models),
    pages: SITE_PAGES,
  };
}

export function modelView(model: Model, catalog: TechniqueLookup, options: ContextOptions = {}): ModelView {
  const d3 = (id: string): D3fendView => d3fendView(id, catalog);
  // The threats citing each mitigation, in threat order: one pass, not a search per mitigation.
  const citing = new Map<string, MitigationView['threats'][number][]>();
  for (const t of model.threats) {
    const ref = { id: t.id, title: t.title, anchor: anchorOf(t.id) };
    for (const id of new Set(t.mitigations.map((x) => x.id))) {
      const list = citing.get(id);
      if (list) list.push(ref);
      else citing.set(id, [ref]);
    }
  }
  const threatsOf = (m: Mitigation): MitigationView['threats'] => citing.get(m.id) ?? [];
  const mitigationViews = new Map(model.mitigations.map((m) => [m.id, mitigationView(m, model, d3, threatsOf(m))]));
  // A threat may cite a library mitigation the model's list does not repeat.
  const mitigationFor = (m: Mitigation): MitigationView => mitigationViews.get(m.id) ?? mitigationView(m, model, d3, threatsOf(m));
  const threats = model.threats.map((t) => threatView(t, d3, mitigationFor, threatState(t, options.profile)));
  const byRisk = (a: ThreatView, b: ThreatView) =>
    riskRank(a) - riskRank(b) || compareById(a, b);
  const diagrams = (options.diagrams?.get(model.id) ?? []).map(diagramView);
  const count = (state: ThreatState) => threats.filter((t) => t.state === state).length;
  return {
    id: model.id,
    page: model.id,
    title: model.title,
    status: model.status,
    description: model.description ?? null,
    scope: model.scope ?? null,
    assumptions: model.assumptions,
    outOfScope: model.outOfScope,
    references: model.references.map(linkView),
    assets: model.assets.map(assetView),
    agents: model.agents.map((a) => ({ id: a.id, name: a.name, description: a.description ?? null })),
    threats,
    mitigations: [...mitigationViews.values()],
    openThreats: threats.filter((t) => t.state === 'open').sort(byRisk),
    partialThreats: threats.filter((t) => t.state === 'partial').sort(byRisk),
    sections: model.sections.filter((s) => s.status !== 'reviewed').map(sectionView),
    diagrams,
    figures: diagrams.filter((d) => d.image !== null),
    counts: {
      threats: threats.length,
      covered: count('covered'),
      partial: count('partial'),
      open: count('open'),
      mitigations: mitigationViews.size,
      assets: model.assets.length,
    },
  };
}

function diagramView(d: ModelDiagram): DiagramView {
  return { id: d.id, title: d.title, source: d.source, image: d.image ?? null };
}

export function anchorOf(threatId: string): string {
  return `threat-${threatId}`;
}

function d3fendView(id: string, catalog: TechniqueLookup): D3fendView {
  const technique = catalog.technique(id);
  return technique
    ? { id, label: technique.label, tactic: technique.tactic, url: technique.url }
    : { id, label: null, tactic: null, url: null };
}

function linkView(ref: { readonly title: string; readonly url: string }): LinkView {
  return { title: ref.title, url: ref.url };
}

function assetView(asset: Asset): AssetView {
  return { id: asset.id, name: asset.name, description: asset.description ?? null, properties: asset.properties };
}

function sectionView(section: Section): SectionView {
  return { id: section.id, title: section.title, status: section.status, body: section.body ?? null };
}

function mitigationView(
  m: Mitigation,
  model: Model,
  d3: (id: string) => D3fendView,
  threats: MitigationView['threats'],
): MitigationView {
  return {
    id: m.id,
    title: m.title,
    description: m.description ?? null,
    status: m.status,
    d3fend: m.d3fend.map(d3),
    references: m.references.map(linkView),
    profiles: m.profiles,
    library: m.definedIn === model.id ? null : m.definedIn,
    threats,
  };
}

function threatView(
  t: Threat,
  d3: (id: string) => D3fendView,
  mitigation: (m: Mitigation) => MitigationView,
  state: ThreatState,
): ThreatView {
  return {
    id: t.id,
    anchor: anchorOf(t.id),
    title: t.title,
    description: t.description ?? null,
    notes: t.notes ?? null,
    d3fend: t.d3fend.map(d3),
    attack: t.attack,
    stride: t.stride,
    risk: t.risk ? { level: t.risk.level, impact: t.risk.impact, likelihood: t.risk.likelihood } : null,
    assets: t.assets.map((a) => ({ id: a.id, name: a.name })),
    agents: t.agents.map((a) => ({ id: a.id, name: a.name })),
    mitigations: t.mitigations.map(mitigation),
    state,
  };
}

/** The reuse view: for each technique, which threats and mitigations of which models use it. */
function techniqueViews(models: readonly ModelView[]): TechniqueView[] {
  const byId = new Map<string, { view: D3fendView; uses: TechniqueUse[] }>();
  for (const model of models) {
    const perModel = new Map<string, { threats: TechniqueUse['threats'][number][]; mitigations: TechniqueUse['mitigations'][number][] }>();
    const slot = (ref: D3fendView) => {
      if (!byId.has(ref.id)) byId.set(ref.id, { view: ref, uses: [] });
      let entry = perModel.get(ref.id);
      if (!entry) perModel.set(ref.id, (entry = { threats: [], mitigations: [] }));
      return entry;
    };
    for (const t of model.threats) for (const ref of t.d3fend) slot(ref).threats.push({ id: t.id, title: t.title, anchor: t.anchor });
    for (const m of model.mitigations) for (const ref of m.d3fend) slot(ref).mitigations.push({ id: m.id, title: m.title });
    for (const [id, entry] of perModel) {
      byId.get(id)?.uses.push({ model: { id: model.id, page: model.page, title: model.title }, ...entry });
    }
  }
  return [...byId.values()]
    .map(({ view, uses }) => ({ ...view, uses }))
    .sort((a, b) => tacticRank(a.tactic) - tacticRank(b.tactic) || compareById(a, b));
}

