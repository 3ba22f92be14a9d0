import type { Catalog } from './types.js';

/**
 * The snapshot as JSON with one array entry per line: a new D3FEND release then shows up in
 * review as added, removed and changed techniques rather than as a reflowed wall of text.
 */
export function serializeCatalog(catalog: Catalog): string {
  const sections: string[] = [`  "format": ${JSON.stringify(catalog.format)}`];
  sections.push(`  "provenance": ${JSON.stringify(catalog.provenance, null, 2).replace(/\n/g, '\n  ')}`);
  const arrays = {
    tactics: catalog.tactics,
    techniques: catalog.techniques,
    attack: catalog.attack,
    deprecatedAttack: catalog.deprecatedAttack,
    retired: catalog.retired,
    links: catalog.links,
  } satisfies Record<string, readonly unknown[]>;
  for (const [key, entries] of Object.entries(arrays)) {
    const body = entries.length === 0 ? '[]' : `[\n${entries.map((entry) => `    ${JSON.stringify(entry)}`).join(',\n')}\n  ]`;
    sections.push(`  ${JSON.stringify(key)}: ${body}`);
  }
  return `{\n${sections.join(',\n')}\n}\n`;
}
