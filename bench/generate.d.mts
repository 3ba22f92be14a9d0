/** Types of bench/generate.mjs, for the tests that import it. */
export interface GenerateStats {
  readonly files: number;
  readonly models: number;
  readonly libraries: number;
  readonly threats: number;
  readonly mitigations: number;
  readonly assets: number;
  readonly agents: number;
  readonly bytes: number;
}

export interface GenerateOptions {
  /** Directory to write; replaced when it exists. */
  readonly out: string;
  readonly scale?: number;
  readonly seed?: string;
  /** A catalog object (d3fend/catalog.json's shape); read from catalogPath or the shipped one otherwise. */
  readonly catalog?: unknown;
  readonly catalogPath?: string;
  readonly maxFiles?: number;
}

export interface PlannedFile {
  /** Relative path inside the output directory. */
  readonly path: string;
  readonly doc: Record<string, unknown>;
}

export declare const PER_SCALE: Readonly<{
  files: number;
  libraries: number;
  threats: number;
  mitigations: number;
  assets: number;
  agents: number;
}>;
export declare const DEFAULT_MAX_FILES: number;
export declare const DEFAULT_CATALOG: string;
export declare function generate(options: GenerateOptions): GenerateStats;
export declare function plan(options: { scale?: number; seed?: string; catalog: unknown; maxFiles?: number }): PlannedFile[];
export declare function toYaml(doc: Record<string, unknown>): string;
export declare function readCatalog(path?: string): unknown;
export declare function createRandom(seed: string): {
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
  sample<T>(list: readonly T[], count: number): T[];
};
