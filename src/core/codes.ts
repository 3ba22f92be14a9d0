import type { Severity } from './diagnostic.js';

export interface CodeInfo {
  readonly severity: Severity;
  /** One line, shown in docs and in SARIF rule descriptions. */
  readonly summary: string;
}

/**
 * Every diagnostic code threatdoc can emit. Each has a page at docs/diagnostics/<code>.rst;
 * a test fails when one is missing. Add codes here first, then emit them.
 */
export const CODES = {
  // Reading files and parsing YAML
  'file-unreadable': { severity: 'error', summary: 'A model file or directory cannot be read.' },
  'path-not-found': { severity: 'error', summary: 'A path given on the command line does not exist.' },
  'file-encoding': { severity: 'error', summary: 'A model file is not valid UTF-8.' },
  'file-too-large': { severity: 'error', summary: 'A model file is larger than the size limit.' },
  'no-models': { severity: 'error', summary: 'The model directory holds no model files.' },
  'input-too-large': { severity: 'error', summary: 'The model files of one run together are larger than the limit.' },
  'too-many-files': { severity: 'error', summary: 'The model directory holds more files than the limit.' },
  'too-many-problems': { severity: 'error', summary: 'A file has more problems than are reported for one file.' },
  'yaml-syntax': { severity: 'error', summary: 'The file is not well-formed YAML.' },
  'yaml-duplicate-key': { severity: 'error', summary: 'A mapping has the same key twice.' },
  'yaml-alias-limit': { severity: 'error', summary: 'Aliases expand to more nodes than the limit (an alias bomb).' },
  'yaml-too-deep': { severity: 'error', summary: 'The document nests deeper than the limit.' },
  'yaml-too-many-nodes': { severity: 'error', summary: 'The document holds more YAML nodes than the limit.' },
  // JSON Schema
  'schema-required': { severity: 'error', summary: 'A required key is missing.' },
  'schema-unknown-key': { severity: 'error', summary: 'A key the model format does not define.' },
  'schema-type': { severity: 'error', summary: 'A value has the wrong type.' },
  'schema-enum': { severity: 'error', summary: 'A value is not one of the allowed choices.' },
  'schema-pattern': { severity: 'error', summary: 'A value does not have the expected form.' },
  'schema-invalid': { severity: 'error', summary: 'A value breaks another rule of the model format.' },
  'text-too-long': { severity: 'error', summary: 'A text field is longer than the limit.' },
  // Cross-references
  'duplicate-id': { severity: 'error', summary: 'Two entries of the same kind share an id.' },
  'unknown-asset': { severity: 'error', summary: 'A threat names an asset that is not defined.' },
  'unknown-agent': { severity: 'error', summary: 'A threat names a threat agent that is not defined.' },
  'unknown-mitigation': { severity: 'error', summary: 'A threat names a mitigation that is not defined.' },
  'unknown-profile': { severity: 'error', summary: 'A mitigation names a deployment profile that is not defined.' },
  'unused-asset': { severity: 'warning', summary: 'An asset is affected by no threat.' },
  'unused-mitigation': { severity: 'warning', summary: 'A mitigation is linked to no threat.' },
  // D3FEND and ATT&CK ids
  'd3fend-unknown': { severity: 'error', summary: 'A D3FEND id is not in the catalog.' },
  'd3fend-analytic': { severity: 'error', summary: 'A D3FEND analytic (D3A-) id is used where a technique is expected.' },
  'd3fend-removed': { severity: 'error', summary: 'A D3FEND id was deprecated or removed from the ontology.' },
  'attack-unknown': { severity: 'error', summary: 'An ATT&CK id is not in the catalog.' },
  'attack-deprecated': { severity: 'warning', summary: 'An ATT&CK technique is deprecated.' },
} as const satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CODES;

export const ALL_CODES = Object.keys(CODES).sort() as Code[];

export function isCode(value: string): value is Code {
  return Object.hasOwn(CODES, value);
}

/** Where a code's page lives in the repository, relative to its root. */
export function codeDocPath(code: Code): string {
  return `docs/diagnostics/${code}.rst`;
}
