/** Hand-built resolved workspaces for renderer tests that must not depend on the loader. */
import type { Asset, Mitigation, Model, Threat, Workspace } from '../../src/core/model.js';
import { riskLevel } from '../../src/core/model.js';

const origin = { file: 'models/example.yaml', line: 1, column: 1 };

export function asset(id: string, name: string, extra: Partial<Asset> = {}): Asset {
  return { id, name, properties: [], origin, ...extra };
}

export function mitigation(id: string, title: string, extra: Partial<Mitigation> = {}): Mitigation {
  return { id, title, d3fend: [], status: 'implemented', references: [], profiles: [], definedIn: 'example', origin, ...extra };
}

export function threat(id: string, title: string, extra: Partial<Threat> & { impact?: 'low' | 'medium' | 'high' | 'critical'; likelihood?: 'low' | 'medium' | 'high' } = {}): Threat {
  const { impact, likelihood, ...rest } = extra;
  const risk = impact && likelihood ? { impact, likelihood, level: riskLevel(impact, likelihood) } : undefined;
  return { id, title, assets: [], agents: [], stride: [], d3fend: [], attack: [], mitigations: [], origin, ...(risk ? { risk } : {}), ...rest };
}

export function model(id: string, title: string, extra: Partial<Model> = {}): Model {
  return {
    id,
    title,
    status: 'draft',
    assumptions: [],
    outOfScope: [],
    references: [],
    profiles: [],
    assets: [],
    agents: [],
    threats: [],
    mitigations: [],
    sections: [],
    origin,
    ...extra,
  };
}

export function workspace(...models: Model[]): Workspace {
  return { root: '/models', models, libraries: [] };
}

/** A small but complete model: every field the templates show is filled. */
export function exampleWorkspace(): Workspace {
  const keys = asset('keys', 'Signing keys', { description: 'Keys that sign releases.', properties: ['confidentiality', 'integrity'] });
  const disk = asset('disk', 'Disk');
  const enc = mitigation('encrypt-disk', 'Disk encryption', {
    d3fend: ['D3-DENCR'],
    status: 'planned',
    references: [{ title: 'LUKS', url: 'https://gitlab.com/cryptsetup/cryptsetup' }],
  });
  const hsm = mitigation('hsm', 'Keep keys in an HSM', { d3fend: ['D3-ACH'], status: 'implemented', definedIn: 'shared', profiles: ['production'] });
  const t1 = threat('stolen-disk', 'Stolen disk', {
    description: 'Someone walks off with the disk.',
    assets: [disk],
    stride: ['information-disclosure'],
    d3fend: ['D3-DENCR'],
    mitigations: [enc],
    impact: 'high',
    likelihood: 'medium',
  });
  const t2 = threat('key-theft', 'Key theft', { assets: [keys], stride: ['spoofing'], mitigations: [hsm], impact: 'critical', likelihood: 'low' });
  const t3 = threat('dos', 'Denial of service', { notes: 'Accepted for now.' });
  return workspace(
    model('example', 'Example system', {
      description: 'An example.\n\nWith two paragraphs.',
      scope: 'The whole box.',
      assumptions: ['Admins are honest.'],
      outOfScope: ['The cloud.'],
      references: [{ title: 'Design notes', url: 'https://example.com/design' }],
      assets: [keys, disk],
      threats: [t1, t2, t3],
      mitigations: [enc, hsm],
      sections: [{ id: 'tpm', title: 'TPM threat model', status: 'tbd', origin }],
    }),
  );
}
