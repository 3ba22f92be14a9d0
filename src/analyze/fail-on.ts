/** The --fail-on conditions, apart from the gates so `--help` lists them without loading the analysis. */
export const FAIL_ON = ['open-critical', 'open-high', 'open-medium', 'open-low', 'open-unrated', 'tbd'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export function isFailOn(value: string): value is FailOn {
  return (FAIL_ON as readonly string[]).includes(value);
}

/**
 * Each condition once, in FAIL_ON's order, which is the order the gates are checked and their
 * failures listed: how a condition was written, or how often, does not change the report.
 */
export function inGateOrder(conditions: readonly FailOn[]): FailOn[] {
  return FAIL_ON.filter((condition) => conditions.includes(condition));
}
