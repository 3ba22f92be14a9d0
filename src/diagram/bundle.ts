import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Where the mermaid bundle and the ELK layout live. Both are resolved from the location of
 * @mermaid-js/mermaid-cli, the dependency that brings them, so threatdoc draws with exactly
 * the mermaid that mermaid-cli (and the mmdc benchmark) uses, wherever npm put it.
 */
export interface MermaidBundle {
  /** The single-file browser build of mermaid (defines `globalThis.mermaid`). */
  readonly mermaidScript: string;
  /** dist/ of @mermaid-js/layout-elk: its ESM entry imports chunks below this directory. */
  readonly elkDir: string;
  readonly elkEntry: string;
  /** mermaid's version: part of what a drawn image is identified by. */
  readonly mermaidVersion: string;
}

let cached: MermaidBundle | undefined;

export function mermaidBundle(): MermaidBundle {
  if (cached) return cached;
  const here = createRequire(import.meta.url);
  const cliEntry = here.resolve('@mermaid-js/mermaid-cli');
  const fromCli = createRequire(cliEntry);
  const mermaidPkg = fromCli.resolve('mermaid/package.json');
  const elkPkg = fromCli.resolve('@mermaid-js/layout-elk/package.json');
  cached = {
    mermaidScript: path.join(path.dirname(mermaidPkg), 'dist', 'mermaid.min.js'),
    elkDir: path.join(path.dirname(elkPkg), 'dist'),
    elkEntry: 'mermaid-layout-elk.esm.min.mjs',
    mermaidVersion: String((JSON.parse(readFileSync(mermaidPkg, 'utf8')) as { version?: unknown }).version ?? 'unknown'),
  };
  return cached;
}
