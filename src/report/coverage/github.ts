/**
 * The coverage gaps as GitHub Actions workflow commands, which GitHub shows as annotations on
 * the model file's line in the pull request. Lines are built by the shared src/report/github.ts.
 */
import type { CoverageReport } from '../../analyze/report.js';
import { annotation, type AnnotationLevel } from '../github.js';
import { coverageGaps, type GapLevel } from './gaps.js';

const LEVEL: Readonly<Record<GapLevel, AnnotationLevel>> = { error: 'error', warning: 'warning', note: 'notice' };

export function formatGithub(report: CoverageReport): string {
  return coverageGaps(report)
    .map(
      (gap) =>
        `${annotation({ level: LEVEL[gap.level], message: gap.message, file: gap.origin.file, line: gap.origin.line, col: gap.origin.column, title: `threatdoc ${gap.rule}` })}\n`,
    )
    .join('');
}
