import { countBySeverity, diagnostic, type Diagnostic, type Severity } from '../../core/diagnostic.js';
import { LIMITS } from '../../load/limits.js';

/** Which problems a report lists: every one, or the errors only (--quiet). */
export type Scope = 'all' | 'errors';

export type Counts = Readonly<Record<Severity, number>>;

/**
 * What a diagnostics report says. The counts cover every problem found, and the exit code
 * comes from them; --quiet and the per-file limit only cut what is listed.
 */
export interface DiagnosticReport {
  /** Every problem found, by severity, listed or not. */
  readonly found: Counts;
  readonly scope: Scope;
  /** What is printed, in order; a file cut at the limit ends with a too-many-problems notice. */
  readonly listed: readonly Diagnostic[];
  /** How many problems of the scope are listed (the notices are not problems). */
  readonly shown: number;
  /** How many files hold a problem of the scope. */
  readonly files: number;
}

export interface ReportOptions {
  readonly scope?: Scope;
  readonly limitPerFile?: number;
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/**
 * Builds the report of `all`, sorted as sortDiagnostics leaves them. The scope is applied
 * before the limit, so warnings that --quiet hides never take the places of errors.
 */
export function diagnosticReport(all: readonly Diagnostic[], options: ReportOptions = {}): DiagnosticReport {
  const scope = options.scope ?? 'all';
  const limit = options.limitPerFile ?? LIMITS.maxDiagnosticsPerFile;
  const inScope = scope === 'all' ? all : all.filter((d) => d.severity === 'error');
  const listed: Diagnostic[] = [];
  let shown = 0;
  let files = 0;
  for (const group of byFile(inScope)) {
    const { kept, dropped } = capFile(group, limit);
    for (const d of kept) listed.push(d);
    shown += kept.length;
    files++;
    if (dropped.length > 0) listed.push(notice(dropped, limit));
  }
  return { found: countBySeverity(all), scope, listed, shown, files };
}

/** How many problems the report's scope covers, listed or not. */
export function inScope(report: DiagnosticReport): number {
  const { error, warning, info } = report.found;
  return report.scope === 'all' ? error + warning + info : error;
}

/** The warnings and notes --quiet leaves out of the list (none without it). */
export function hiddenByScope(report: DiagnosticReport): number {
  return report.scope === 'errors' ? report.found.warning + report.found.info : 0;
}

/** Runs of one file's diagnostics: sorted input keeps each file's together. */
function* byFile(sorted: readonly Diagnostic[]): Generator<readonly Diagnostic[]> {
  let start = 0;
  for (let i = 1; i <= sorted.length; i++) {
    if (i === sorted.length || (sorted[i] as Diagnostic).file !== (sorted[start] as Diagnostic).file) {
      yield sorted.slice(start, i);
      start = i;
    }
  }
}

/**
 * At most `limit` of one file's diagnostics, errors first, then warnings, then notes, each in
 * position order: a file full of warnings must not hide the error that fails the run.
 */
function capFile(group: readonly Diagnostic[], limit: number): { kept: Diagnostic[]; dropped: Diagnostic[] } {
  if (group.length <= limit) return { kept: [...group], dropped: [] };
  const counts = countBySeverity(group);
  const quota: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let left = limit;
  for (const severity of SEVERITIES) {
    quota[severity] = Math.min(left, counts[severity]);
    left -= quota[severity];
  }
  const kept: Diagnostic[] = [];
  const dropped: Diagnostic[] = [];
  for (const d of group) {
    if (quota[d.severity] > 0) {
      quota[d.severity]--;
      kept.push(d);
    } else {
      dropped.push(d);
    }
  }
  return { kept, dropped };
}

/** Stands for the dropped diagnostics, as severe as the worst of them. */
function notice(dropped: readonly Diagnostic[], limit: number): Diagnostic {
  const counts = countBySeverity(dropped);
  const severity = SEVERITIES.find((s) => counts[s] > 0) ?? 'error';
  const file = (dropped[0] as Diagnostic).file;
  return diagnostic('too-many-problems', {
    file,
    path: [],
    severity,
    message: `${dropped.length} more problems in ${file} are not shown (${severityWords(counts)}); at most ${limit} are listed per file, errors first`,
    hint: 'fix the problems above and run again',
  });
}

/** "2 errors, 1 warning", with notes only when there are some. */
export function severityWords(counts: Counts): string {
  const parts = [plural(counts.error, 'error'), plural(counts.warning, 'warning')];
  if (counts.info > 0) parts.push(plural(counts.info, 'note'));
  return parts.join(', ');
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
