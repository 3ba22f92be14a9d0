/**
 * Percentages kept as the counts they come from, so each figure is rounded once, from the
 * exact ratio, where it is shown. Rounding a rounded value can move it: 6 of 11 is 54.545…%,
 * 54.5 rounded once but 54.55 → 54.6 rounded twice.
 */

/** part / whole, with whole > 0 (a count of nothing has no ratio: callers use null). */
export interface Ratio {
  readonly part: number;
  readonly whole: number;
}

/** part / whole of non-negative integers, or null when whole is 0. */
export function ratio(part: number, whole: number): Ratio | null {
  return whole === 0 ? null : { part, whole };
}

/** 100 × part / whole as a double: what a gate compares. Not for display. */
export function exactPercent(r: Ratio): number {
  return (100 * r.part) / r.whole;
}

/**
 * 100 × part / whole rounded half up to `decimals` decimals. Computed on integers: in binary
 * floating point, a ratio such as 23 / 2000 (1.15 %) is stored a hair below its half and
 * would round down.
 */
export function roundPercent(r: Ratio, decimals: number): number {
  const scale = 10n ** BigInt(decimals);
  const numerator = 100n * scale * BigInt(r.part);
  const whole = BigInt(r.whole);
  return Number((2n * numerator + whole) / (2n * whole)) / Number(scale);
}

/** 100 × part / whole cut (not rounded) to `decimals` decimals: never more than the exact figure. */
export function truncatePercent(r: Ratio, decimals: number): number {
  const scale = 10n ** BigInt(decimals);
  return Number((100n * scale * BigInt(r.part)) / BigInt(r.whole)) / Number(scale);
}
