/**
 * CI gates over the coverage figures: a minimum percentage and conditions that must not hold
 * (open threats of a risk level, parts still marked TBD). Each failed gate yields one reason
 * line, printed by the CLI, which then exits 1.
 */
import { coverageRatio, type RiskBucket, type WorkspaceCoverage } from './coverage.js';
import { inGateOrder, type FailOn } from './fail-on.js';
import { exactPercent, roundPercent, truncatePercent, type Ratio } from './percent.js';

export interface Gates {
  /** Fail when the workspace percent of covered threats is below this (0–100). */
  readonly failUnder?: number;
  readonly failOn?: readonly FailOn[];
}

export interface GateFailure {
  readonly gate: 'fail-under' | FailOn;
  readonly reason: string;
}

export function evaluateGates(coverage: WorkspaceCoverage, gates: Gates): GateFailure[] {
  const failures: GateFailure[] = [];
  if (gates.failUnder !== undefined) {
    const covered = coverageRatio(coverage.tally);
    // No threat at all means nothing is known to be covered: treat as 0 %, not as success.
    if (covered === null) {
      if (gates.failUnder > 0) failures.push({ gate: 'fail-under', reason: `coverage cannot be measured: the models define no threat (required ${gates.failUnder}%)` });
    } else if (exactPercent(covered) < gates.failUnder) {
      failures.push({
        gate: 'fail-under',
        reason: `coverage ${percentUnder(covered, gates.failUnder)}% (${coverage.tally.covered} of ${coverage.tally.threats} threats covered) is under the required ${gates.failUnder}%`,
      });
    }
  }
  for (const gate of inGateOrder(gates.failOn ?? [])) {
    if (gate === 'tbd') {
      const parts = [
        ...coverage.tbdModels.map((m) => `model ${m.id}`),
        ...coverage.tbdSections.map((s) => `section ${s.model}/${s.id}`),
      ];
      if (parts.length > 0) failures.push({ gate, reason: `${parts.length} part(s) still marked TBD: ${parts.join(', ')}` });
      continue;
    }
    const bucket = gate.slice('open-'.length) as RiskBucket;
    const open = coverage.models.flatMap((m) => m.threats).filter((t) => t.state === 'open' && t.risk === bucket);
    if (open.length > 0) {
      failures.push({ gate, reason: `${open.length} open ${bucket} threat(s): ${open.map((t) => `${t.model}/${t.id}`).join(', ')}` });
    }
  }
  return failures;
}

/** Past this many decimals a coverage figure is cut, not rounded. */
const MAX_DECIMALS = 6;

/**
 * A coverage below `threshold`, written so that it reads below it: with the fewest decimals,
 * one at least, whose rounding stays under the threshold ("66.67" under 66.7, never "66.7").
 * Rounding to 6 decimals can still reach the threshold (2 of 3 under 66.666667); then the
 * figure is cut to 6 and marked "…".
 */
function percentUnder(covered: Ratio, threshold: number): string {
  for (let decimals = 1; decimals <= MAX_DECIMALS; decimals++) {
    const shown = roundPercent(covered, decimals);
    if (shown < threshold) return String(shown);
  }
  return `${truncatePercent(covered, MAX_DECIMALS).toFixed(MAX_DECIMALS)}…`;
}
