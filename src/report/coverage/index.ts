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

import { COVERAGE_FORMATS, isCoverageFormat, type CoverageFormat } from './formats.js';

export { COVERAGE_FORMATS, isCoverageFormat, type CoverageFormat };

export const COVERAGE_FORMATTERS: Readonly<Record<CoverageFormat, CoverageFormatter>> = {
  md: formatMarkdown,
  json: formatJson,
  junit: formatJunit,
  sarif: formatSarif,
  github: formatGithub,
};
