/**
 * How the per-threat formats (JUnit, SARIF, GitHub annotations) word a threat's state and
 * mitigations in a report for one profile: a mitigation the profile does not require is
 * still named, marked, so an open threat with an implemented mitigation reads as it is.
 */
import type { ThreatCoverage, ThreatMitigation } from '../../analyze/coverage.js';

/** " in profile prod", or "" in a report where every mitigation counts. */
export function inProfile(profile: string | undefined): string {
  return profile === undefined ? '' : ` in profile ${profile}`;
}

/** "m1 (implemented)", or "m1 (implemented; not in profile prod)" when the profile does not require it. */
export function mitigationLabel(m: ThreatMitigation, profile: string | undefined): string {
  return m.applies ? `${m.id} (${m.status})` : `${m.id} (${m.status}; not${inProfile(profile)})`;
}

/** " Not in profile prod: m1 (implemented)." for the mitigations that do not count; "" when all do. */
export function notInProfile(threat: ThreatCoverage, profile: string | undefined): string {
  const left = threat.mitigations.filter((m) => !m.applies);
  return left.length === 0 ? '' : ` Not${inProfile(profile)}: ${left.map((m) => `${m.id} (${m.status})`).join(', ')}.`;
}
