/**
 * The output formats and diagram modes, in a module with no dependencies so the CLI can offer
 * them as choices without loading the renderers. The renderer registry is typed by these keys.
 */
export const OUTPUT_FORMATS = ['rst', 'md'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const DIAGRAM_MODES = ['svg', 'mermaid', 'none'] as const;
export type DiagramMode = (typeof DIAGRAM_MODES)[number];
