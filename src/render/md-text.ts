import { oneLine, paragraphs } from './text.js';

/**
 * Markdown (CommonMark + GFM) escaping. Any ASCII punctuation may be backslash-escaped; these
 * are the ones that start markup anywhere in a line: emphasis, code, links, raw HTML and
 * entities (`<`, `&`), table cells (`|`), strikethrough, math (`$`), headings, autolinks
 * (`:` and `@` stop URL and e-mail literals, which linters also flag as bare URLs).
 */
const INLINE = /[\\`*_{}[\]()<>#+!|~&=$^:@-]/g;

function escapeLine(line: string): string {
  return (
    line
      .replace(INLINE, '\\$&')
      // "1." or "1)" opens an ordered list at a line start.
      .replace(/^(\d+)([.)])/, '$1\\$2')
      // "www.example.com" would become a link (GFM autolink literal).
      .replace(/\b(www)\./gi, '$1\\.')
  );
}

export function escapeMd(text: string): string {
  return escapeLine(oneLine(text));
}

/** Multi-paragraph user text, paragraphs separated by a blank line. */
export function escapeMdBlock(text: string): string {
  return paragraphs(text)
    .map((lines) => lines.map(escapeLine).join('\n'))
    .join('\n\n');
}
