import type { Severity } from '../../core/diagnostic.js';
import { annotation, type AnnotationLevel } from '../github.js';
import type { DiagnosticFormatter } from './format.js';
import { printable } from './printable.js';

const LEVEL: Readonly<Record<Severity, AnnotationLevel>> = { error: 'error', warning: 'warning', info: 'notice' };

/** GitHub Actions annotations: each diagnostic shows on its line of the pull request. */
export const github: DiagnosticFormatter = (report) =>
  report.listed
    .map((d) =>
      annotation({
        level: LEVEL[d.severity],
        file: d.file,
        ...(d.range
          ? {
              line: d.range.start.line,
              col: d.range.start.column,
              ...(d.range.end.line !== d.range.start.line ? { endLine: d.range.end.line } : {}),
            }
          : {}),
        title: `threatdoc ${d.code}`,
        // The log shows the message and reads ANSI sequences in it; only the hint's own line break is kept.
        message: d.hint ? `${printable(d.message)}\nhint: ${printable(d.hint)}` : printable(d.message),
      }),
    )
    .map((line) => `${line}\n`)
    .join('');
