/**
 * Mermaid's limits and the budget the generators keep under.
 *
 * Over maxTextSize mermaid draws a box saying "Maximum text size in diagram exceeded" and
 * reports success; over maxEdges it throws. The renderer passes these limits explicitly
 * (they equal mermaid's defaults, which is also what GitHub uses for ```mermaid fences), and
 * the generators stay well below them so every chart draws in both places.
 */
export const MERMAID_LIMITS = { maxTextSize: 50_000, maxEdges: 500 } as const;

/** What one coverage chart may hold before the generator starts another one. */
export const CHART_BUDGET = {
  maxThreats: 30,
  maxEdges: 250,
  maxChars: 30_000,
  /** Beyond these a node shows "+N more" instead of every neighbour. */
  maxAssetsPerThreat: 20,
  maxMitigationsPerThreat: 20,
  maxTechniquesPerMitigation: 8,
} as const;

/** How many models one overview chart lists before it is continued in another. */
export const OVERVIEW_MODELS_PER_CHART = 60;
