import type { DiagnosticReport } from './report.js';

/** What a diagnostics formatter may use besides the diagnostics. */
export interface FormatContext {
  /** File → text, for code frames. */
  readonly sources: ReadonlyMap<string, string>;
  /** ANSI colour: only when the output is a terminal and NO_COLOR is unset. */
  readonly color: boolean;
  readonly toolVersion: string;
  /** The working directory the diagnostics' file paths are relative to; SARIF re-bases them on the repository root. */
  readonly cwd?: string;
  /**
   * How many files were checked. Given, the summary names it when there are no problems, and
   * otherwise how many files the problems are in.
   */
  readonly fileCount?: number;
}

/** A pure function from a report to the whole text of the output. */
export type DiagnosticFormatter = (report: DiagnosticReport, context: FormatContext) => string;
