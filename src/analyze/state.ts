import type { Mitigation, MitigationStatus, Threat } from '../core/model.js';

/**
 * covered: at least one implemented mitigation; partial: only partial or planned ones;
 * open: none that count (no mitigation, or only `none` / `not-applicable`).
 */
export const THREAT_STATES = ['covered', 'partial', 'open'] as const;
export type ThreatState = (typeof THREAT_STATES)[number];

const STATUS_WEIGHT: Readonly<Record<MitigationStatus, ThreatState>> = {
  implemented: 'covered',
  partial: 'partial',
  planned: 'partial',
  none: 'open',
  'not-applicable': 'open',
};

/** Whether a mitigation is required in a deployment profile (no profiles listed: in all). */
export function appliesTo(mitigation: Mitigation, profile: string | undefined): boolean {
  return profile === undefined || mitigation.profiles.length === 0 || mitigation.profiles.includes(profile);
}

/** The state of a threat, over all mitigations or those a profile requires. */
export function threatState(threat: Threat, profile?: string): ThreatState {
  let state: ThreatState = 'open';
  for (const m of threat.mitigations) {
    if (!appliesTo(m, profile)) continue;
    const s = STATUS_WEIGHT[m.status];
    if (s === 'covered') return 'covered';
    if (s === 'partial') state = 'partial';
  }
  return state;
}
