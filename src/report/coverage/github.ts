/**
 * The coverage gaps as GitHub Actions workflow commands, which GitHub shows as annotations on
 * the model file's line in the pull request.
 */
import type { CoverageReport } from '../../analyze/report.js';
import { coverageGaps, type GapLevel } from './gaps.js';

const COMMAND: Readonly<Record<GapLevel, string>> = { error: 'error', warning: 'warning', note: 'notice' };

export function formatGithub(report: CoverageReport): string {
  return coverageGaps(report)
    .map((gap) => {
      const props = [`file=${escapeProperty(gap.origin.file)}`, `line=${gap.origin.line}`, `col=${gap.origin.column}`, `title=${escapeProperty(`threatdoc ${gap.rule}`)}`];
      return `::${COMMAND[gap.level]} ${props.join(',')}::${escapeData(gap.message)}\n`;
    })
    .join('');
}

// GitHub's escaping rules for workflow command data and properties.
function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
