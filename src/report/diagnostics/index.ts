import type { DiagnosticFormatter } from './format.js';
import { github } from './github.js';
import { human } from './human.js';
import { json } from './json.js';
import { sarif } from './sarif.js';

/** Diagnostic output formats by name; the CLI offers exactly these keys. */
export const DIAGNOSTIC_FORMATTERS = { human, json, github, sarif } as const satisfies Record<string, DiagnosticFormatter>;
export type DiagnosticFormat = keyof typeof DIAGNOSTIC_FORMATTERS;
export const DIAGNOSTIC_FORMATS = Object.keys(DIAGNOSTIC_FORMATTERS) as DiagnosticFormat[];

export type { DiagnosticFormatter, FormatContext } from './format.js';
