import type { CatalogIndex } from '../d3fend/types.js';

export const DIAGRAM_KINDS = ['coverage', 'tactics', 'overview'] as const;
export type DiagramKind = (typeof DIAGRAM_KINDS)[number];

/** One mermaid diagram, ready to be put in a fence or drawn. */
export interface Diagram {
  /**
   * Stable, file-name-safe name: `<model>-coverage`, `<model>-coverage-2`, `<model>-tactics`,
   * `overview`. Model ids match ^[a-z0-9][a-z0-9._-]*$, so names are unique and safe.
   */
  readonly name: string;
  readonly kind: DiagramKind;
  /** The model it belongs to; absent for the overview across models. */
  readonly modelId?: string;
  /** Plain-text caption (not escaped: the document renderer escapes it for its format). */
  readonly title: string;
  readonly source: string;
}

/** What the generators need from the D3FEND catalog. */
export type TechniqueLookup = Pick<CatalogIndex, 'technique'>;
