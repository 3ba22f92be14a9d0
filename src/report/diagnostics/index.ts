import type { DiagnosticFormatter } from './format.js';
import { github } from './github.js';
import { human } from './human.js';
import { json } from './json.js';
import type { DiagnosticFormat } from './names.js';
import { sarif } from './sarif.js';

/** Every diagnostic formatter by name, for callers that want them all at hand. */
export const DIAGNOSTIC_FORMATTERS = { human, json, github, sarif } as const satisfies Record<DiagnosticFormat, DiagnosticFormatter>;

export { DIAGNOSTIC_FORMATS, loadDiagnosticFormatter, type DiagnosticFormat } from './names.js';
export type { DiagnosticFormatter, FormatContext } from './format.js';
export { diagnosticReport, type DiagnosticReport, type Scope } from './report.js';
