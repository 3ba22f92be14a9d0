import { CODES, type Code } from './codes.js';
import { compareText } from './order.js';

export type Severity = 'error' | 'warning' | 'info';

/** A key or index inside a YAML document, from its root. */
export type JsonPath = readonly (string | number)[];

/** 1-based, as editors and CI annotations count. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** One problem found by any stage. Every stage emits these and nothing else. */
export interface Diagnostic {
  readonly code: Code;
  readonly severity: Severity;
  readonly message: string;
  /** Path of the file as the user named it (relative to the working directory when possible). */
  readonly file: string;
  /** Where in the document the problem is; [] for the whole file. */
  readonly path: JsonPath;
  /** Filled in by the locate step; absent only when the file could not be parsed at all. */
  readonly range?: Range;
  /** What to do about it, e.g. "did you mean D3-DENCR (Disk Encryption)?" */
  readonly hint?: string;
}

/** The value a pipeline stage produces, with what it found on the way. */
export interface StageResult<T> {
  readonly value: T;
  readonly diagnostics: readonly Diagnostic[];
}

/** A diagnostic whose severity comes from the code's metadata unless overridden. */
export function diagnostic(
  code: Code,
  fields: Omit<Diagnostic, 'code' | 'severity'> & { severity?: Severity },
): Diagnostic {
  return { ...fields, code, severity: fields.severity ?? CODES[code].severity };
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    compareText(a.file, b.file) ||
    (a.range?.start.line ?? 0) - (b.range?.start.line ?? 0) ||
    (a.range?.start.column ?? 0) - (b.range?.start.column ?? 0) ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    compareText(a.code, b.code) ||
    compareText(a.message, b.message)
  );
}

/** Sorted by file, position, severity, code; exact repeats removed. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of [...list].sort(compareDiagnostics)) {
    const key = [d.file, d.range?.start.line, d.range?.start.column, d.code, d.message].join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

export function countBySeverity(list: readonly Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of list) counts[d.severity]++;
  return counts;
}

