/**
 * Bounds on what threatdoc reads, so hostile or accidental input (a huge file, an alias bomb,
 * nesting built to exhaust the stack) ends in a diagnostic instead of a hang or a crash.
 * docs/diagnostics/ quotes these figures; change both together.
 */
export const LIMITS = {
  /** Bytes per model file (file-too-large). Real models are a few hundred KB at most. */
  maxFileBytes: 5 * 1024 * 1024,
  /**
   * Characters of all files of one run together (input-too-large): 2,000 files each under the
   * per-file limit would still be 10 GB. The 100× benchmark directory is about 94 MB.
   */
  maxTotalChars: 256 * 1024 * 1024,
  /** YAML files under the given paths (too-many-files). */
  maxFiles: 2000,
  /** Nesting of mappings and sequences (yaml-too-deep). The model format needs fewer than 8. */
  maxDepth: 64,
  /**
   * YAML nodes per file (yaml-too-many-nodes), counted on the text before parsing (prescan.ts).
   * `yaml` holds about 1.5 KB per collection, so 4 MB of "[], " took 1.6 GB and 18 s. A real
   * model counts about 30,000 per MB and passes up to the size limit; thousands of threats of
   * a few short ids each count 60,000 to 100,000 per MB and reach the limit from 2.5 MB.
   */
  maxNodes: 250_000,
  /**
   * Nodes the aliases of a document may add when expanded (yaml-alias-limit), counted on the
   * AST: each alias adds the expanded size of the node it repeats. An alias bomb grows by a
   * factor per line; a model that repeats a list now and then stays far below. About the
   * nodes of a 1 MB model written out.
   */
  maxAliasNodes: 100_000,
  /**
   * Alias nodes per document (yaml-alias-limit), counted on the AST before anything expands:
   * yaml resolves each alias by a scan of the anchors before it, so millions of them would
   * take hours.
   */
  maxAliases: 1000,
  /**
   * Leading indentation (spaces and compact "- " markers) of one line checked before parsing:
   * the parser's recursion on deeper text takes seconds, far beyond maxDepth anyway.
   */
  maxIndentColumns: 1000,
  /**
   * Diagnostics reported per file (too-many-problems): past this, a file is not a model with
   * mistakes but something else, and a million lines of output help nobody.
   */
  maxDiagnosticsPerFile: 1000,
  /**
   * Candidates "did you mean" compares in one run, over all unknown references and ids: about
   * a second of searching, after which problems get the plain hint.
   */
  maxSuggestionComparisons: 300_000,
} as const;

/** The limits as plain numbers, so a test can run a stage with smaller ones. */
export type Limits = { readonly [K in keyof typeof LIMITS]: number };
