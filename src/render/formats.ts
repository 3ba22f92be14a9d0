/**
 * The output formats and diagram modes, in a module with no dependencies so the CLI can offer
 * them as choices without loading the renderers. The renderer registry is typed by these keys.
 */
export const OUTPUT_FORMATS = ['rst', 'md'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const DIAGRAM_MODES = ['svg', 'mermaid', 'none'] as const;
export type DiagramMode = (typeof DIAGRAM_MODES)[number];

export function isOutputFormat(name: string): name is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(name);
}

/** The formats named, each once, in the registry's order (rst before md), however they were listed. */
export function inOutputOrder(names: readonly string[]): OutputFormat[] {
  return OUTPUT_FORMATS.filter((f) => names.includes(f));
}
