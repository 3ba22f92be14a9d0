/**
 * What a --fail-under threshold may be, one rule for the flag and for report.failUnder of
 * the config; apart from the gates so reading the config loads no analysis.
 */
export const FAIL_UNDER_RULE = 'a number from 0 to 100';

export function isFailUnder(value: number): boolean {
  return Number.isFinite(value) && value >= 0 && value <= 100;
}

/**
 * The threshold written as a plain decimal ("80", "66.7"), or undefined. Number() alone would
 * also take "0x10", "+20", ".5", "1e1" and " 5", which nobody means as a percentage.
 */
export function parseFailUnder(text: string): number | undefined {
  if (!/^\d+(\.\d+)?$/.test(text)) return undefined;
  const value = Number(text);
  return isFailUnder(value) ? value : undefined;
}
