import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkWorkspace } from '../../src/pipeline.js';
import { fixtureCatalog } from '../helpers/catalog.js';

const VALID = fileURLToPath(new URL('../fixtures/valid/', import.meta.url));

describe('resolved workspace of a directory with a shared library', async () => {
  const { workspace, diagnostics } = await checkWorkspace(['shared-library'], { cwd: VALID, catalog: fixtureCatalog() });
  const model = (id: string) => {
    const found = workspace.models.find((m) => m.id === id);
    if (!found) throw new Error(`no model ${id}`);
    return found;
  };

  it('is clean, with models sorted by id and the library apart', () => {
    expect(diagnostics).toEqual([]);
    expect(workspace.root).toBe('shared-library');
    expect(workspace.models.map((m) => m.id)).toEqual(['containers', 'key-management']);
    expect(workspace.libraries.map((l) => l.id)).toEqual(['platform-controls']);
  });

  it("lists a model's own entries first, then the library entries its threats use", () => {
    const containers = model('containers');
    expect(containers.assets.map((a) => a.id)).toEqual(['image-registry', 'signing-keys']);
    expect(containers.mitigations.map((m) => m.id)).toEqual(['restrict-shell', 'sign-images', 'no-debug-in-production']);
    expect(containers.agents.map((a) => a.id)).toEqual(['insider']);
    expect(containers.profiles.map((p) => p.id)).toEqual(['production']);
    expect(model('key-management').mitigations.map((m) => m.id)).toEqual(['hsm-keys', 'sign-images']);
  });

  it('resolves references to shared objects, with risk levels and origins', () => {
    const threat = model('containers').threats[0];
    expect(threat).toMatchObject({ id: 'image-tampering', risk: { impact: 'high', likelihood: 'medium', level: 'high' } });
    expect(threat?.origin).toEqual({ file: 'shared-library/containers.yaml', line: 15, column: 5 });
    const shared = model('key-management').threats[0]?.mitigations.find((m) => m.id === 'sign-images');
    expect(shared).toBe(threat?.mitigations[0]);
    expect(shared).toMatchObject({ definedIn: 'platform-controls', status: 'implemented', d3fend: ['D3-FV'], profiles: [] });
    expect(shared?.origin).toEqual({ file: 'shared-library/library.yaml', line: 19, column: 5 });
    expect(model('containers').sections).toMatchObject([{ id: 'runtime', status: 'tbd' }]);
  });
});

describe('resolving with problems', () => {
  it('drops unknown references and leaves files with broken headers out', async () => {
    const { workspace } = await checkWorkspace(['unknown-references.yaml', 'schema-errors.yaml'], {
      cwd: fileURLToPath(new URL('../fixtures/invalid/', import.meta.url)),
      catalog: fixtureCatalog(),
    });
    expect(workspace.models.map((m) => m.id)).toEqual(['unknown-references']);
    const threat = workspace.models[0]?.threats[0];
    expect(threat?.assets.map((a) => a.id)).toEqual(['disk-image']);
    expect(threat?.agents).toEqual([]);
    expect(threat?.mitigations.map((m) => m.id)).toEqual(['disk-encryption']);
    expect(threat?.mitigations[0]?.profiles).toEqual(['production']);
  });
});
