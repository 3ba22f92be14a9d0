import type { DiagnosticFormatter } from './format.js';

/**
 * For tools: every field of every listed diagnostic, positions flattened. The summary counts
 * every problem found; `shown` says how many of them the list holds.
 */
export const json: DiagnosticFormatter = (report) => {
  const { found } = report;
  const out = {
    format: 'threatdoc-diagnostics',
    version: 1,
    summary: { errors: found.error, warnings: found.warning, notes: found.info, shown: report.shown },
    diagnostics: report.listed.map((d) => ({
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
  return `${JSON.stringify(out, null, 2)}\n`;
};
