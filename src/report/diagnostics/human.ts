import { countBySeverity, type Diagnostic, type Severity } from '../../core/diagnostic.js';
import type { DiagnosticFormatter, FormatContext } from './format.js';
import { printable } from './printable.js';

const ANSI = { reset: '\u001b[0m', bold: '\u001b[1m', dim: '\u001b[2m', red: '\u001b[31m', yellow: '\u001b[33m', cyan: '\u001b[36m' } as const;
const SEVERITY_COLOUR: Readonly<Record<Severity, string>> = { error: ANSI.red, warning: ANSI.yellow, info: ANSI.cyan };

/**
 * For people: `file:line:col severity code message`, the line with a caret under the
 * problem, the hint, and a count at the end.
 */
export const human: DiagnosticFormatter = (diagnostics, context) => {
  const paint = (style: string, text: string): string => (context.color ? `${style}${text}${ANSI.reset}` : text);
  const lines = new LineCache(context.sources);
  const out: string[] = [];
  for (const d of diagnostics) {
    const where = d.range ? `${d.file}:${d.range.start.line}:${d.range.start.column}` : d.file;
    out.push(`${paint(ANSI.bold, printable(where))} ${paint(SEVERITY_COLOUR[d.severity], d.severity)} ${paint(ANSI.dim, d.code)} ${printable(d.message)}`);
    const frame = codeFrame(d, lines);
    for (const line of frame) out.push(paint(ANSI.dim, line.gutter) + line.text);
    if (d.hint) out.push(`  ${paint(ANSI.cyan, 'hint:')} ${printable(d.hint)}`);
  }
  out.push(summary(diagnostics, context, paint));
  return `${out.join('\n')}\n`;
};

function summary(diagnostics: readonly Diagnostic[], context: FormatContext, paint: (style: string, text: string) => string): string {
  const files = context.fileCount === undefined ? '' : ` in ${context.fileCount} file${context.fileCount === 1 ? '' : 's'}`;
  if (diagnostics.length === 0) return `no problems found${files}`;
  const counts = countBySeverity(diagnostics);
  const parts = [plural(counts.error, 'error'), plural(counts.warning, 'warning')];
  if (counts.info > 0) parts.push(plural(counts.info, 'note'));
  const text = `${plural(diagnostics.length, 'problem')}${files} (${parts.join(', ')})`;
  return `${diagnostics.length > 0 ? '\n' : ''}${paint(counts.error > 0 ? ANSI.red : ANSI.yellow, text)}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The problem's line, prefixed by its number, and a caret line under the range. */
function codeFrame(d: Diagnostic, lines: LineCache): { gutter: string; text: string }[] {
  if (!d.range) return [];
  const { start, end } = d.range;
  const text = lines.get(d.file, start.line);
  if (text === undefined) return [];
  // Tabs become one space each so the caret, counted in characters, stays under the problem.
  const shown = printable(text.replace(/\t/g, ' '));
  const width = String(start.line).length;
  const length = end.line === start.line && end.column > start.column ? end.column - start.column : 1;
  const caretStart = Math.min(start.column - 1, text.length);
  return [
    { gutter: `  ${String(start.line).padStart(width)} | `, text: shown },
    { gutter: `  ${' '.repeat(width)} | `, text: `${' '.repeat(caretStart)}${'^'.repeat(Math.max(1, length))}` },
  ];
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
