/**
 * The model format, version 1: what a YAML file holds once it has passed the JSON Schema
 * (schema/threat-model.schema.json is the source of truth; these types mirror it), and the
 * resolved form the later stages work on, where references are objects instead of ids.
 */

export const MODEL_STATUSES = ['draft', 'reviewed', 'tbd'] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];

export const MITIGATION_STATUSES = ['implemented', 'partial', 'planned', 'none', 'not-applicable'] as const;
export type MitigationStatus = (typeof MITIGATION_STATUSES)[number];

export const STRIDE = [
  'spoofing',
  'tampering',
  'repudiation',
  'information-disclosure',
  'denial-of-service',
  'elevation-of-privilege',
] as const;
export type Stride = (typeof STRIDE)[number];

export const SECURITY_PROPERTIES = [
  'confidentiality',
  'integrity',
  'availability',
  'authenticity',
  'authorization',
  'non-repudiation',
  'privacy',
] as const;
export type SecurityProperty = (typeof SECURITY_PROPERTIES)[number];

export const IMPACTS = ['low', 'medium', 'high', 'critical'] as const;
export type Impact = (typeof IMPACTS)[number];
export const LIKELIHOODS = ['low', 'medium', 'high'] as const;
export type Likelihood = (typeof LIKELIHOODS)[number];
export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/**
 * Risk = impact × likelihood, read off a fixed matrix so the level is documented and
 * never a matter of arithmetic rounding.
 */
export const RISK_MATRIX: Readonly<Record<Impact, Readonly<Record<Likelihood, RiskLevel>>>> = {
  low: { low: 'low', medium: 'low', high: 'medium' },
  medium: { low: 'low', medium: 'medium', high: 'high' },
  high: { low: 'medium', medium: 'high', high: 'critical' },
  critical: { low: 'high', medium: 'critical', high: 'critical' },
};

export function riskLevel(impact: Impact, likelihood: Likelihood): RiskLevel {
  return RISK_MATRIX[impact][likelihood];
}

// ---------------------------------------------------------------------------------------
// Documents as written (after schema validation)

export interface ReferenceDoc {
  readonly title: string;
  readonly url: string;
}

export interface AssetDoc {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly properties?: readonly SecurityProperty[];
}

export interface AgentDoc {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
}

export interface RiskDoc {
  readonly impact: Impact;
  readonly likelihood: Likelihood;
}

export interface ThreatDoc {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly assets?: readonly string[];
  readonly agents?: readonly string[];
  readonly stride?: readonly Stride[];
  /** D3FEND techniques the threat is indexed by (as TRS writes "Insecure configuration (D3-ACH)"). */
  readonly d3fend?: readonly string[];
  readonly attack?: readonly string[];
  readonly risk?: RiskDoc;
  readonly mitigations?: readonly string[];
  /** Free text on why the threat stays open or how it is handled, rendered with the threat. */
  readonly notes?: string;
}

export interface MitigationDoc {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly d3fend?: readonly string[];
  readonly status: MitigationStatus;
  readonly references?: readonly ReferenceDoc[];
  /** Deployment profiles that require this mitigation; absent means every profile. */
  readonly profiles?: readonly string[];
}

export interface ProfileDoc {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
}

/** A part of the model still being written (TRS: "OP-TEE threat model: TBD"). */
export interface SectionDoc {
  readonly id: string;
  readonly title: string;
  readonly status: ModelStatus;
  readonly body?: string;
}

interface SharedDoc {
  readonly threatdoc: 1;
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly assets?: readonly AssetDoc[];
  readonly agents?: readonly AgentDoc[];
  readonly mitigations?: readonly MitigationDoc[];
  readonly profiles?: readonly ProfileDoc[];
  readonly references?: readonly ReferenceDoc[];
}

export interface ModelDoc extends SharedDoc {
  readonly kind?: 'model';
  readonly status: ModelStatus;
  readonly scope?: string;
  readonly assumptions?: readonly string[];
  readonly outOfScope?: readonly string[];
  readonly threats?: readonly ThreatDoc[];
  readonly sections?: readonly SectionDoc[];
}

/** Assets, agents, mitigations and profiles shared by several models of one directory. */
export interface LibraryDoc extends SharedDoc {
  readonly kind: 'library';
}

export type FileDoc = ModelDoc | LibraryDoc;

export function isLibrary(doc: FileDoc): doc is LibraryDoc {
  return doc.kind === 'library';
}

// ---------------------------------------------------------------------------------------
// Resolved: ids replaced by the objects they name. Unknown references were reported and
// dropped, so every reference here exists.

/** Where an entry was written, for SARIF, annotations and gap reports. */
export interface Origin {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface Asset extends Omit<AssetDoc, 'properties'> {
  readonly properties: readonly SecurityProperty[];
  readonly origin: Origin;
}

export interface Agent extends AgentDoc {
  readonly origin: Origin;
}

export interface Profile extends ProfileDoc {
  readonly origin: Origin;
}

export interface Mitigation {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly d3fend: readonly string[];
  readonly status: MitigationStatus;
  readonly references: readonly ReferenceDoc[];
  /** Ids of the profiles that require it; empty means every profile. */
  readonly profiles: readonly string[];
  /** Id of the library or model file that defines it. */
  readonly definedIn: string;
  readonly origin: Origin;
}

export interface Risk extends RiskDoc {
  readonly level: RiskLevel;
}

export interface Threat {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly notes?: string;
  readonly assets: readonly Asset[];
  readonly agents: readonly Agent[];
  readonly stride: readonly Stride[];
  readonly d3fend: readonly string[];
  readonly attack: readonly string[];
  readonly risk?: Risk;
  readonly mitigations: readonly Mitigation[];
  readonly origin: Origin;
}

export interface Section extends SectionDoc {
  readonly origin: Origin;
}

export interface Model {
  readonly id: string;
  readonly title: string;
  readonly status: ModelStatus;
  readonly description?: string;
  readonly scope?: string;
  readonly assumptions: readonly string[];
  readonly outOfScope: readonly string[];
  readonly references: readonly ReferenceDoc[];
  /** The model's own profiles followed by library profiles it uses, by id. */
  readonly profiles: readonly Profile[];
  /** Assets the model defines, then library assets its threats affect; in written order. */
  readonly assets: readonly Asset[];
  readonly agents: readonly Agent[];
  readonly threats: readonly Threat[];
  /** Mitigations the model defines, then library mitigations its threats use; in written order. */
  readonly mitigations: readonly Mitigation[];
  readonly sections: readonly Section[];
  readonly origin: Origin;
}

export interface Library {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly assets: readonly Asset[];
  readonly agents: readonly Agent[];
  readonly mitigations: readonly Mitigation[];
  readonly profiles: readonly Profile[];
  readonly origin: Origin;
}

/** Everything one model directory declares, resolved. Models sorted by id. */
export interface Workspace {
  readonly root: string;
  readonly models: readonly Model[];
  readonly libraries: readonly Library[];
}
