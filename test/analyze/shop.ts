/** Fixture models shared by the coverage and report tests; expected figures are worked out in test/analyze/coverage.test.ts. */
import { asset, mitigation, model, section, smallCatalog, technique, threat } from './build.js';

export const catalog = smallCatalog([
  technique('D3-DENCR', 'Disk Encryption', 'Harden'),
  technique('D3-MFA', 'Multi-factor Authentication', 'Harden'),
  technique('D3-ACH', 'Application Configuration Hardening', 'Harden'),
  technique('D3-NTA', 'Network Traffic Analysis', 'Detect'),
]);

/**
 * The "shop" model, with its expected state per threat:
 *   t1 m-impl + m-part            → covered  (risk high × high     = critical)
 *   t2 m-part                     → partial  (risk medium × medium = medium)
 *   t3 m-plan                     → partial  (unrated)
 *   t4 m-none                     → open     (risk critical × low  = high)
 *   t5 (no mitigation)            → open     (risk low × low       = low)
 *   t6 m-prod (production only)   → covered; open in the development profile
 */
export function shop() {
  const mImpl = mitigation('m-impl', 'implemented', ['D3-DENCR']);
  const mPart = mitigation('m-part', 'partial', ['D3-ACH']);
  const mPlan = mitigation('m-plan', 'planned', ['D3-DENCR', 'D3-NTA']);
  const mNone = mitigation('m-none', 'none');
  const mUnused = mitigation('m-unused', 'implemented', ['D3-XYZ']);
  const mProd = mitigation('m-prod', 'implemented', ['D3-MFA'], ['production']);
  const [a1, a2, a3] = [asset('a1'), asset('a2'), asset('a3')];
  return model('shop', {
    status: 'draft',
    profiles: ['production', 'development'],
    assets: [a1, a2, a3],
    mitigations: [mImpl, mPart, mPlan, mNone, mUnused, mProd],
    threats: [
      threat('t1', { mitigations: [mImpl, mPart], assets: [a1], risk: ['high', 'high'] }),
      threat('t2', { mitigations: [mPart], assets: [a2], risk: ['medium', 'medium'] }),
      threat('t3', { mitigations: [mPlan] }),
      threat('t4', { mitigations: [mNone], risk: ['critical', 'low'] }),
      threat('t5', { risk: ['low', 'low'] }),
      threat('t6', { mitigations: [mProd] }),
    ],
    sections: [section('overview', 'reviewed')],
  });
}

export function pending() {
  return model('pending', { status: 'tbd', sections: [section('op-tee', 'tbd'), section('boot', 'draft')] });
}

