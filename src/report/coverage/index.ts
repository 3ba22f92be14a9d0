/** Coverage report formats by name: the CLI's --format choices are this registry's keys. */
import type { CoverageReport } from '../../analyze/report.js';
import type { CoverageFormatContext } from './context.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';

export type CoverageFormatter = (report: CoverageReport, context: CoverageFormatContext) => string;
export type { CoverageFormatContext };

export const COVERAGE_FORMATTERS = {
  md: formatMarkdown,
  json: formatJson,
  junit: formatJunit,
  sarif: formatSarif,
  github: formatGithub,
} as const satisfies Record<string, CoverageFormatter>;

export type CoverageFormat = keyof typeof COVERAGE_FORMATTERS;
export const COVERAGE_FORMATS = Object.keys(COVERAGE_FORMATTERS) as CoverageFormat[];

export function isCoverageFormat(value: string): value is CoverageFormat {
  return Object.hasOwn(COVERAGE_FORMATTERS, value);
}
