/**
 * CI gates over the coverage figures: a minimum percentage and conditions that must not hold
 * (open threats of a risk level, parts still marked TBD). Each failed gate yields one reason
 * line, printed by the CLI, which then exits 1.
 */
import { coverageRatio, RISK_BUCKETS, type RiskBucket, type WorkspaceCoverage } from './coverage.js';
import type { FailOn } from './fail-on.js';
import { exactPercent, roundPercent, type Ratio } from './percent.js';

export interface Gates {
  /** Fail when the workspace percent of covered threats is below this (0–100, or above to always fail). */
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
        reason: `coverage ${formatPercent(covered)}% (${coverage.tally.covered} of ${coverage.tally.threats} threats covered) is under the required ${gates.failUnder}%`,
      });
    }
  }
  for (const gate of sortedFailOn(gates.failOn ?? [])) {
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

function sortedFailOn(list: readonly FailOn[]): FailOn[] {
  const order = (g: FailOn): number => (g === 'tbd' ? RISK_BUCKETS.length : RISK_BUCKETS.indexOf(g.slice(5) as RiskBucket));
  return [...new Set(list)].sort((a, b) => order(a) - order(b));
}

/** One decimal, without a trailing ".0": 66.7, 50. */
function formatPercent(r: Ratio): string {
  return String(roundPercent(r, 1));
}
