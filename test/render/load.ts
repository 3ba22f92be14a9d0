/** The example models and the hostile corpus, resolved by the real pipeline. */
import { fileURLToPath } from 'node:url';
import { checkWorkspace } from '../../src/pipeline.js';
import { loadCatalogIndex } from '../../src/d3fend/catalog.js';
import type { Workspace } from '../../src/core/model.js';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

export async function loadWorkspace(dir: string): Promise<Workspace> {
  const result = await checkWorkspace([dir], { cwd: REPO, catalog: loadCatalogIndex() });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`${dir} has errors: ${errors.map((e) => `${e.file}:${e.code} ${e.message}`).join('; ')}`);
  return result.workspace;
}
