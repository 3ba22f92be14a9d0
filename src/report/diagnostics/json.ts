import { countBySeverity } from '../../core/diagnostic.js';
import type { DiagnosticFormatter } from './format.js';

/** For tools: every field of every diagnostic, positions flattened, and the counts. */
export const json: DiagnosticFormatter = (diagnostics) => {
  const counts = countBySeverity(diagnostics);
  const report = {
    format: 'threatdoc-diagnostics',
    version: 1,
    summary: { errors: counts.error, warnings: counts.warning, notes: counts.info },
    diagnostics: diagnostics.map((d) => ({
      file: d.file,
      line: d.range?.start.line ?? null,
      column: d.range?.start.column ?? null,
      endLine: d.range?.end.line ?? null,
      endColumn: d.range?.end.column ?? null,
      severity: d.severity,
      code: d.code,
      message: d.message,
      hint: d.hint ?? null,
      path: d.path,
    })),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
};
