/** Names of the coverage report formats, apart from the formatters so `--help` lists them without loading any. */
export const COVERAGE_FORMATS = ['md', 'json', 'junit', 'sarif', 'github'] as const;
export type CoverageFormat = (typeof COVERAGE_FORMATS)[number];

export function isCoverageFormat(value: string): value is CoverageFormat {
  return (COVERAGE_FORMATS as readonly string[]).includes(value);
}
