/**
 * The shipped templates as code generated at build time: `npm run build` writes the code
 * codegen.ts makes of every file of templates/ next to this module
 * (scripts/precompile-templates.mjs), so a run neither loads Handlebars' parser nor generates
 * code. Each entry is used only for a template whose text is exactly the text it was generated
 * from; an override, or an edit of templates/ since the build, is generated at run time
 * instead, as is everything in tests running from src, which find no file.
 */
import { createRequire } from 'node:module';
import type * as runtime from './template-runtime.js';
import type { Frame, Helper, Partials } from './template-runtime.js';

export const PRECOMPILED_FILE = 'templates.generated.cjs';

/** Generated code: given the runtime, helpers and partials, renders the template. */
export type TemplateFactory = (
  rt: typeof runtime,
  helpers: Readonly<Record<string, Helper>>,
  partials: Partials,
) => (context: unknown, data: Frame | undefined) => string;

export interface PrecompiledTemplate {
  readonly source: string;
  readonly render: TemplateFactory;
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
