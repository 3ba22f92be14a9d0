/**
 * The pages every build writes besides one page per model, named here rather than by the
 * renderer because a model id is a page name too: validation refuses a model whose id is one
 * of these, which would otherwise overwrite the site's own page.
 */
export const SITE_PAGES = { index: 'index', d3fend: 'd3fend-reference' } as const;

export const SITE_PAGE_NAMES: readonly string[] = Object.values(SITE_PAGES);
