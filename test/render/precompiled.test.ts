/**
 * The built CLI renders with the templates compiled at build time
 * (scripts/precompile-templates.mjs); tests running from src compile them at run time. Both
 * must write the same bytes, or the CLI and the snapshot tests would disagree.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCatalogIndex } from '../../src/d3fend/catalog.js';
import { PRECOMPILED_FILE, type PrecompiledTemplates } from '../../src/render/precompiled.js';
import { renderAll } from '../../src/render/registry.js';
import { DEFAULT_TEMPLATE_DIR, loadTemplates } from '../../src/render/templates.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { loadWorkspace } from './load.js';

const DIST_RENDER = join(REPO_ROOT, 'dist', 'render');
const GENERATED = join(DIST_RENDER, PRECOMPILED_FILE);

describe('the templates compiled at build time', () => {
  it('exist after npm run build for every shipped template, compiled from its current text', () => {
    expect(existsSync(GENERATED), `${GENERATED} is missing: run npm run build`).toBe(true);
    const generated = createRequire(import.meta.url)(GENERATED) as PrecompiledTemplates;
    const shipped = loadTemplates(DEFAULT_TEMPLATE_DIR).files;
    expect(Object.keys(generated).sort()).toEqual([...shipped.keys()]);
    for (const [rel, t] of shipped) expect(generated[rel]?.source, rel).toBe(t.source);
  });

  it.each(['models', 'test/fixtures/hostile'])('render %s exactly as templates compiled at run time do', async (dir) => {
    const built = (await import(pathToFileURL(join(DIST_RENDER, 'registry.js')).href)) as typeof import('../../src/render/registry.js');
    const builtTemplates = (await import(pathToFileURL(join(DIST_RENDER, 'templates.js')).href)) as typeof import('../../src/render/templates.js');
    const workspace = await loadWorkspace(dir);
    const catalog = loadCatalogIndex();
    const expected = renderAll(workspace, catalog, ['rst', 'md'], { templates: loadTemplates(REPO_ROOT) });
    const actual = built.renderAll(workspace, catalog, ['rst', 'md'], { templates: builtTemplates.loadTemplates(REPO_ROOT) });
    expect(actual.length).toBeGreaterThan(2);
    expect(actual).toEqual(expected);
  });
});
