/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`), which the runner turns
 * into annotations on the pull request's lines. Shared by every report that annotates.
 */

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  readonly level: AnnotationLevel;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly col?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly title?: string;
}

/** Escaping of a command's message: the runner decodes these and ends the command at a newline. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values also end at "," and ":", so those are escaped too. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One workflow command line, without the trailing newline. */
export function annotation(a: Annotation): string {
  const properties: [string, string | number | undefined][] = [
    ['file', a.file],
    ['line', a.line],
    ['col', a.col],
    ['endLine', a.endLine],
    ['endColumn', a.endColumn],
    ['title', a.title],
  ];
  const props = properties
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${a.level}${props ? ` ${props}` : ''}::${escapeData(a.message)}`;
}
