/**
 * Renderers by output format. A renderer is pure: the site view and templates in, files out
 * (paths relative to the output directory, sorted). The CLI's --format choices are the
 * registry's keys.
 */
import type { Workspace } from '../core/model.js';
import { inOutputOrder, type OutputFormat } from './formats.js';
import { createEnvironment } from './environment.js';
import { siteView, type ContextOptions, type SiteView, type TechniqueLookup } from './context.js';
import { SYNTAXES } from './syntax.js';
import type { TemplateSet } from './templates.js';
import { compareText } from '../core/order.js';

export interface RenderedFile {
  /** Relative to the output directory, "/" separated. */
  readonly path: string;
  readonly content: string;
}

export interface RenderOptions extends ContextOptions {
  readonly templates: TemplateSet;
}

/** Renders the site view, built once for every format: the formats show the same data. */
export type Renderer = (site: SiteView, templates: TemplateSet) => RenderedFile[];

function templateRenderer(format: OutputFormat): Renderer {
  return (site, templates) => {
    const env = createEnvironment(SYNTAXES[format], templates);
    const ext = SYNTAXES[format].extension;
    const files: RenderedFile[] = [
      { path: `${site.pages.index}.${ext}`, content: env.render('index', { site }) },
      { path: `${site.pages.d3fend}.${ext}`, content: env.render('d3fend', { site }) },
      ...site.models.map((model) => ({ path: `${model.page}.${ext}`, content: env.render('model', { site, model }) })),
    ];
    return files.sort((a, b) => compareText(a.path, b.path));
  };
}

export const RENDERERS: Readonly<Record<OutputFormat, Renderer>> = {
  rst: templateRenderer('rst'),
  md: templateRenderer('md'),
};

/** Every requested format, in registry order. */
export function renderAll(
  workspace: Workspace,
  catalog: TechniqueLookup,
  formats: readonly OutputFormat[],
  options: RenderOptions,
): RenderedFile[] {
  const site = siteView(workspace, catalog, options);
  return inOutputOrder(formats).flatMap((f) => RENDERERS[f](site, options.templates));
}
