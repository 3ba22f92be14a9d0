/**
 * Models for the diagram tests, built with the shared constructors of test/analyze/build.ts,
 * and a generator of big models (hundreds of threats) with a deterministic shape.
 */
import type { Model } from '../../src/core/model.js';
import type { TacticName } from '../../src/d3fend/types.js';
import { asset, mitigation, model, smallCatalog, technique, threat } from '../analyze/build.js';

export const catalog = smallCatalog([
  technique('D3-ACH', 'Application Configuration Hardening', 'Harden'),
  technique('D3-FV', 'File Verification', 'Harden'),
  technique('D3-DENCR', 'Disk Encryption', 'Harden'),
  technique('D3-PM', 'Platform Monitoring', 'Detect'),
  technique('D3-NI', 'Network Isolation', 'Isolate'),
  technique('D3-DE', 'Decoy Environment', 'Deceive'),
  technique('D3-PT', 'Process Termination', 'Evict'),
  technique('D3-RC', 'Restore Configuration', 'Restore'),
  technique('D3-AI', 'Asset Inventory', 'Model'),
]);

const TACTIC_TECHNIQUES: Record<TacticName, string[]> = {
  Model: ['D3-AI'],
  Harden: ['D3-ACH', 'D3-FV', 'D3-DENCR'],
  Detect: ['D3-PM'],
  Isolate: ['D3-NI'],
  Deceive: ['D3-DE'],
  Evict: ['D3-PT'],
  Restore: ['D3-RC'],
};
export const ALL_TECHNIQUES = Object.values(TACTIC_TECHNIQUES).flat();

/** A small model with one threat in each state and a technique unknown to the catalog. */
export function smallModel(): Model {
  const keys = asset('signing-keys');
  const cfg = asset('kernel-cmdline');
  const sign = mitigation('sign-images', 'implemented', ['D3-FV']);
  const harden = mitigation('harden-config', 'planned', ['D3-ACH', 'D3-RC']);
  const monitor = mitigation('monitor', 'none', ['D3-PM', 'D3-XYZ']);
  return model('small', {
    title: 'Small system',
    assets: [keys, cfg],
    mitigations: [sign, harden, monitor],
    threats: [
      threat('stolen-keys', { title: 'Stolen signing keys', assets: [keys], mitigations: [sign, harden], risk: ['high', 'medium'] }),
      threat('insecure-config', { title: 'Insecure configuration', assets: [cfg], mitigations: [harden] }),
      threat('end', { title: 'Unmonitored host', assets: [cfg, keys], mitigations: [monitor] }),
    ],
  });
}

/** A model of `count` threats over 60 assets and 80 mitigations, deterministic. */
export function bigModel(count: number, id = 'big'): Model {
  const assets = Array.from({ length: 60 }, (_, i) => ({ ...asset(`asset-${i}`), name: `Asset number ${i} of the big system` }));
  const statuses = ['implemented', 'partial', 'planned', 'none'] as const;
  const mitigations = Array.from({ length: 80 }, (_, i) => ({
    ...mitigation(`mit-${i}`, statuses[i % statuses.length]!, [ALL_TECHNIQUES[i % ALL_TECHNIQUES.length]!, ALL_TECHNIQUES[(i * 7) % ALL_TECHNIQUES.length]!].filter((v, j, a) => a.indexOf(v) === j)),
    title: `Mitigation number ${i} with a realistic title`,
  }));
  const threats = Array.from({ length: count }, (_, i) =>
    threat(`threat-${i}`, {
      title: `Threat number ${i}: attacker tampers with component ${i % 17}`,
      assets: [assets[i % 60]!, assets[(i * 13) % 60]!].filter((v, j, a) => a.indexOf(v) === j),
      mitigations: [mitigations[i % 80]!, mitigations[(i * 31) % 80]!, mitigations[(i * 7 + 3) % 80]!].filter((v, j, a) => a.indexOf(v) === j),
      risk: ['high', 'low'],
    }),
  );
  return model(id, { title: `Big system of ${count} threats`, assets, mitigations, threats });
}
