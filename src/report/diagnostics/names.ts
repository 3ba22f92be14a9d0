import type { DiagnosticFormatter } from './format.js';

/** The diagnostic output formats, apart from the formatters so `--help` lists them without loading any. */
export const DIAGNOSTIC_FORMATS = ['human', 'json', 'github', 'sarif'] as const;
export type DiagnosticFormat = (typeof DIAGNOSTIC_FORMATS)[number];

/** One formatter, loaded alone: a run prints one format and need not load the others' modules. */
export async function loadDiagnosticFormatter(format: DiagnosticFormat): Promise<DiagnosticFormatter> {
  switch (format) {
    case 'human':
      return (await import('./human.js')).human;
    case 'json':
      return (await import('./json.js')).json;
    case 'github':
      return (await import('./github.js')).github;
    case 'sarif':
      return (await import('./sarif.js')).sarif;
  }
}
