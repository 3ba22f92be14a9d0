/**
 * The shipped templates compiled ahead of time: `npm run build` writes Handlebars' template
 * specs for every file of templates/ next to this module (scripts/precompile-templates.mjs).
 * Compiling them at run time was about a fifth of rendering. Each spec is used only for a
 * template whose text is exactly the text it was compiled from, so an override or an edit of
 * templates/ since the build is compiled at run time instead; tests running from src find no
 * file and compile everything.
 */
import { createRequire } from 'node:module';

export const PRECOMPILED_FILE = 'templates.precompiled.cjs';

export interface PrecompiledTemplate {
  readonly source: string;
  readonly spec: TemplateSpecification;
}

/** By path relative to the template root ("rst/model.hbs"). */
export type PrecompiledTemplates = Readonly<Record<string, PrecompiledTemplate>>;

let loaded: PrecompiledTemplates | undefined;

export function precompiledTemplates(): PrecompiledTemplates {
  if (loaded) return loaded;
  try {
    loaded = createRequire(import.meta.url)(`./${PRECOMPILED_FILE}`) as PrecompiledTemplates;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
    loaded = {};
  }
  return loaded;
}
