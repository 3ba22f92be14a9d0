/**
 * The coverage gaps as SARIF 2.1.0, one result per gap at the entry's line, so code-scanning
 * UIs show them on the model files.
 */
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { CoverageReport } from '../../analyze/report.js';
import { coverageGaps, GAP_RULES, type GapRule } from './gaps.js';

export function formatSarif(report: CoverageReport): string {
  const rules: ReportingDescriptor[] = (Object.keys(GAP_RULES) as GapRule[]).map((id) => ({
    id,
    shortDescription: { text: GAP_RULES[id] },
  }));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results: Result[] = coverageGaps(report).map((gap) => ({
    ruleId: gap.rule,
    ruleIndex: ruleIndex.get(gap.rule) ?? 0,
    level: gap.level,
    message: { text: gap.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: toUri(gap.origin.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: gap.origin.line, startColumn: gap.origin.column },
        },
      },
    ],
  }));
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'threatdoc', rules } }, results }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** A relative path as a URI reference: forward slashes, each segment percent-encoded. */
function toUri(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}
