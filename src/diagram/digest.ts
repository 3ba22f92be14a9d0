import { createHash } from 'node:crypto';
import { mermaidBundle } from './bundle.js';
import { mermaidConfig, svgId } from './draw.js';
import type { Diagram } from './types.js';

/**
 * What identifies a drawn image: everything that decides its drawing except the machine
 * (Chromium build, fonts), whose influence on text widths would otherwise make committed
 * images stale on every other machine. An image whose recorded digest matches is current.
 */

export const IMAGE_FORMATS = ['svg', 'png'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

/**
 * Raise a format's number when threatdoc changes how it draws or post-processes that format,
 * so its images are redrawn. PNG 2: drawn at twice the diagram's own size, not the page width.
 */
const DRAWING_REVISION: Readonly<Record<ImageFormat, number>> = { svg: 1, png: 2 };

export function imageDigest(diagram: Diagram, format: ImageFormat): string {
  const inputs = {
    revision: DRAWING_REVISION[format],
    mermaid: mermaidBundle().mermaidVersion,
    // Both layouts: a diagram dagre cannot lay out is drawn with ELK.
    config: { dagre: mermaidConfig('dagre'), elk: mermaidConfig('elk') },
    id: svgId(diagram.name),
    format,
    source: diagram.source,
  };
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
}
