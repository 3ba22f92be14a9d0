import { ALL_CODES, CODES } from '../../core/codes.js';
import { sarifLevel, sarifLog, type SarifRule } from '../sarif.js';
import type { DiagnosticFormatter } from './format.js';

const RULES: readonly SarifRule[] = ALL_CODES.map((code) => ({ id: code, summary: CODES[code].summary, level: sarifLevel(CODES[code].severity) }));

/** SARIF 2.1.0 for GitHub code scanning: one rule per diagnostic code, one result per diagnostic. */
export const sarif: DiagnosticFormatter = (report, context) => {
  const log = sarifLog(
    { name: 'threatdoc', version: context.toolVersion },
    RULES,
    report.listed.map((d) => ({
      ruleId: d.code,
      level: sarifLevel(d.severity),
      message: d.hint ? `${d.message} (${d.hint})` : d.message,
      file: d.file,
      ...(d.range
        ? {
            line: d.range.start.line,
            column: d.range.start.column,
            endLine: d.range.end.line,
            endColumn: d.range.end.column > d.range.start.column || d.range.end.line > d.range.start.line ? d.range.end.column : d.range.start.column + 1,
          }
        : {}),
    })),
    context.cwd === undefined ? undefined : { cwd: context.cwd },
  );
  return `${JSON.stringify(log, null, 2)}\n`;
};
