import type { ClassDef } from './flowchart.js';

/**
 * The class styles of every chart. Colours differ in lightness as well as hue and each node
 * also says its state in words, so the charts read in greyscale too.
 */
export const STYLE = {
  covered: { name: 'covered', style: 'fill:#d7f0d7,stroke:#2e7d32,stroke-width:2px,color:#10300f' },
  partial: { name: 'partial', style: 'fill:#fff1c2,stroke:#a67c00,stroke-width:2px,color:#3d2e00' },
  open: { name: 'open', style: 'fill:#f8d3d0,stroke:#b3261e,stroke-width:2px,color:#410e0b' },
  asset: { name: 'asset', style: 'fill:#e6edf7,stroke:#3f5f8f,color:#13233a' },
  done: { name: 'done', style: 'fill:#f0f8f0,stroke:#2e7d32,color:#10300f' },
  pending: { name: 'pending', style: 'fill:#fffaea,stroke:#a67c00,stroke-dasharray:4 3,color:#3d2e00' },
  inactive: { name: 'inactive', style: 'fill:#f2f2f2,stroke:#8a8a8a,stroke-dasharray:2 2,color:#444' },
  technique: { name: 'technique', style: 'fill:#eceefb,stroke:#4b4fb0,color:#191b4d' },
  gap: { name: 'gap', style: 'fill:#ffffff,stroke:#b3261e,stroke-dasharray:4 3,color:#410e0b' },
} as const satisfies Record<string, ClassDef>;

export type StyleName = keyof typeof STYLE;

export function classDefs(...names: readonly StyleName[]): ClassDef[] {
  return names.map((n) => STYLE[n]);
}
