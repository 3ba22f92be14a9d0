/**
 * The coverage gaps as SARIF 2.1.0, one result per gap at the entry's line, so code-scanning
 * UIs show them on the model files. The log is built by the shared src/report/sarif.ts.
 */
import type { CoverageReport } from '../../analyze/report.js';
import { sarifLog, type SarifRule } from '../sarif.js';
import type { CoverageFormatContext } from './context.js';
import { coverageGaps, GAP_RULES, type GapRule } from './gaps.js';

const RULES: readonly SarifRule[] = (Object.keys(GAP_RULES) as GapRule[]).map((id) => ({ id, ...GAP_RULES[id] }));

export function formatSarif(report: CoverageReport, context: CoverageFormatContext): string {
  const log = sarifLog(
    { name: 'threatdoc', version: context.toolVersion },
    RULES,
    coverageGaps(report).map((gap) => ({
      ruleId: gap.rule,
      level: gap.level,
      message: gap.message,
      file: gap.origin.file.split('\\').join('/'),
      line: gap.origin.line,
      column: gap.origin.column,
    })),
    context.cwd === undefined ? undefined : { cwd: context.cwd },
  );
  return `${JSON.stringify(log, null, 2)}\n`;
}
