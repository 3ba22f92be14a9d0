/**
 * The coverage gaps as SARIF 2.1.0, one result per gap at the entry's line, so code-scanning
 * UIs show them on the model files. The log is built by the shared src/report/sarif.ts.
 */
import type { CoverageReport } from '../../analyze/report.js';
import { sarifLog, type SarifRule } from '../sarif.js';
import type { CoverageFormatContext } from './context.js';
import { coverageGaps, GAP_RULES, type GapLevel, type GapRule } from './gaps.js';

/** The level a rule's results have most often; open threats vary with their risk. */
const DEFAULT_LEVEL: Readonly<Record<GapRule, GapLevel>> = {
  'threat-open': 'warning',
  'threat-partial': 'note',
  'mitigation-no-d3fend': 'note',
  'model-tbd': 'warning',
  'section-tbd': 'warning',
};

const RULES: readonly SarifRule[] = (Object.keys(GAP_RULES) as GapRule[]).map((id) => ({ id, summary: GAP_RULES[id], level: DEFAULT_LEVEL[id] }));

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
  );
  return `${JSON.stringify(log, null, 2)}\n`;
}
