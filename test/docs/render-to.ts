/** Renders a model directory into a directory, as `threatdoc build` would, for the docs tests. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { OutputFormat } from '../../src/config.js';
import { loadCatalogIndex } from '../../src/d3fend/catalog.js';
import { renderAll } from '../../src/render/registry.js';
import { loadTemplates } from '../../src/render/templates.js';
import { loadWorkspace, REPO } from '../render/load.js';

export async function renderTo(modelDir: string, outDir: string, formats: readonly OutputFormat[]): Promise<string[]> {
  const workspace = await loadWorkspace(modelDir);
  const files = renderAll(workspace, loadCatalogIndex(), formats, { templates: loadTemplates(REPO) });
  for (const file of files) {
    mkdirSync(dirname(join(outDir, file.path)), { recursive: true });
    writeFileSync(join(outDir, file.path), file.content);
  }
  return files.map((f) => f.path);
}
