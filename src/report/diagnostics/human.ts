import type { Diagnostic, Severity } from '../../core/diagnostic.js';
import type { DiagnosticFormatter, FormatContext } from './format.js';
import { printable } from './printable.js';
import { hiddenByScope, inScope, plural, severityWords, type DiagnosticReport } from './report.js';

const ANSI = { reset: '\u001b[0m', bold: '\u001b[1m', dim: '\u001b[2m', red: '\u001b[31m', yellow: '\u001b[33m', cyan: '\u001b[36m' } as const;
const SEVERITY_COLOUR: Readonly<Record<Severity, string>> = { error: ANSI.red, warning: ANSI.yellow, info: ANSI.cyan };

/**
 * For people: `file:line:col severity code message`, the line with a caret under the
 * problem, the hint, and a count at the end.
 */
export const human: DiagnosticFormatter = (report, context) => {
  const paint = (style: string, text: string): string => (context.color ? `${style}${text}${ANSI.reset}` : text);
  const lines = new LineCache(context.sources);
  const out: string[] = [];
  for (const d of report.listed) {
    const where = d.range ? `${d.file}:${d.range.start.line}:${d.range.start.column}` : d.file;
    out.push(`${paint(ANSI.bold, printable(where))} ${paint(SEVERITY_COLOUR[d.severity], d.severity)} ${paint(ANSI.dim, d.code)} ${printable(d.message)}`);
    const frame = codeFrame(d, lines);
    for (const line of frame) out.push(paint(ANSI.dim, line.gutter) + line.text);
    if (d.hint) out.push(`  ${paint(ANSI.cyan, 'hint:')} ${printable(d.hint)}`);
  }
  out.push(summary(report, context, paint));
  return `${out.join('\n')}\n`;
};

/**
 * With a file count: "no problems found in 6 files" (the files checked), or "3 problems in
 * 2 files" (the files the problems are in, which may include one that could not be read).
 * The counts are of every problem found; "; 1000 shown" when the per-file limit cut the list.
 * Under --quiet with warnings found, it counts errors and says what it hides: "no errors in
 * 1 file (1 warning not shown)" rather than a "no problems" that --max-warnings contradicts.
 */
function summary(report: DiagnosticReport, context: FormatContext, paint: (style: string, text: string) => string): string {
  const total = inScope(report);
  const hidden = hiddenByScope(report);
  if (total === 0 && hidden === 0) return context.fileCount === undefined ? 'no problems found' : `no problems found in ${plural(context.fileCount, 'file')}`;
  const text = hidden === 0 ? everyProblem(report, context) : errorsOnly(report, context);
  // Empty when nothing is listed: the count is the whole output.
  const gap = report.listed.length > 0 ? '\n' : '';
  return `${gap}${paint(report.found.error > 0 ? ANSI.red : ANSI.yellow, text)}`;
}

/** "1500 problems in 1 file (0 errors, 1500 warnings; 1000 shown)" */
function everyProblem(report: DiagnosticReport, context: FormatContext): string {
  const total = inScope(report);
  const shown = report.shown < total ? `; ${report.shown} shown` : '';
  return `${plural(total, 'problem')}${inFiles(report.files, context)} (${severityWords(report.found)}${shown})`;
}

/** "2 errors in 1 file (1 warning not shown)", "no errors in 3 files (2 warnings, 1 note not shown)" */
function errorsOnly(report: DiagnosticReport, context: FormatContext): string {
  const { error, warning, info } = report.found;
  const hidden = [warning > 0 ? plural(warning, 'warning') : '', info > 0 ? plural(info, 'note') : ''].filter(Boolean).join(', ');
  const notes = [report.shown < error ? `${report.shown} shown` : '', `${hidden} not shown`].filter(Boolean).join('; ');
  // With no error, the files counted are those checked, as in "no problems found in 6 files".
  const where = error === 0 ? inFiles(context.fileCount, context) : inFiles(report.files, context);
  return `${error === 0 ? 'no errors' : plural(error, 'error')}${where} (${notes})`;
}

function inFiles(count: number | undefined, context: FormatContext): string {
  return context.fileCount === undefined || count === undefined ? '' : ` in ${plural(count, 'file')}`;
}

/** The problem's line, prefixed by its number, and a caret line under the range. */
function codeFrame(d: Diagnostic, lines: LineCache): { gutter: string; text: string }[] {
  if (!d.range) return [];
  const { start, end } = d.range;
  const text = lines.get(d.file, start.line);
  if (text === undefined) return [];
  const width = String(start.line).length;
  const length = Math.max(1, end.line === start.line && end.column > start.column ? end.column - start.column : 1);
  const window = clip(text, Math.min(start.column - 1, text.length), length);
  // Tabs become one space and control characters one "?" each, so the caret, counted in
  // characters, stays under the problem and the terminal never sees an escape sequence.
  const shown = window.text.replace(/\t/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
  return [
    { gutter: `  ${String(start.line).padStart(width)} | `, text: shown },
    { gutter: `  ${' '.repeat(width)} | `, text: `${' '.repeat(window.caret)}${'^'.repeat(window.length)}` },
  ];
}

const FRAME_WIDTH = 120;

/** A window of a long line around the problem, so a minified 5 MB line prints as one short one. */
function clip(line: string, caret: number, length: number): { text: string; caret: number; length: number } {
  if (line.length <= FRAME_WIDTH) return { text: line, caret, length };
  const from = characterStart(line, Math.max(0, Math.min(caret - FRAME_WIDTH / 2, line.length - FRAME_WIDTH)));
  const to = characterStart(line, Math.min(line.length, from + FRAME_WIDTH));
  const head = from > 0 ? '…' : '';
  const tail = to < line.length ? '…' : '';
  const shownCaret = caret - from + head.length;
  return { text: `${head}${line.slice(from, to)}${tail}`, caret: shownCaret, length: Math.max(1, Math.min(length, to - caret)) };
}

/**
 * `index`, or one less when it falls between the halves of a surrogate pair (an emoji, say):
 * a cut there would print half a character, which the terminal shows as U+FFFD.
 */
function characterStart(text: string, index: number): number {
  const high = text.charCodeAt(index - 1);
  const low = text.charCodeAt(index);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? index - 1 : index;
}

/** Splits each source once, only when a frame needs it. */
class LineCache {
  private readonly split = new Map<string, string[]>();
  constructor(private readonly sources: ReadonlyMap<string, string>) {}

  get(file: string, line: number): string | undefined {
    let lines = this.split.get(file);
    if (!lines) {
      const text = this.sources.get(file);
      if (text === undefined) return undefined;
      lines = text.split(/\r?\n/);
      this.split.set(file, lines);
    }
    return lines[line - 1];
  }
}
