import { asciiSet, backslashBefore, escapeParagraphs, oneLine } from './text.js';

/**
 * Markdown (CommonMark + GFM) escaping. Any ASCII punctuation may be backslash-escaped; these
 * are the ones that start markup anywhere in a line: emphasis, code, links, raw HTML and
 * entities (`<`, `&`), table cells (`|`), strikethrough, math (`$`), headings, autolinks
 * (`:` and `@` stop URL and e-mail literals, which linters also flag as bare URLs).
 */
const INLINE = asciiSet('\\`*_{}[]()<>#+!|~&=$^:@-');
const ORDERED_LIST_START = /^(\d+)([.)])/;
const WWW = /\b(www)\./gi;

function escapeLine(line: string): string {
  const escaped = backslashBefore(line, INLINE);
  const first = escaped.charCodeAt(0);
  // "1." or "1)" opens an ordered list at a line start.
  const listSafe = first >= 48 && first <= 57 ? escaped.replace(ORDERED_LIST_START, '$1\\$2') : escaped;
  // "www.example.com" would become a link (GFM autolink literal); without a "." there is none.
  return listSafe.includes('.') ? listSafe.replace(WWW, '$1\\.') : listSafe;
}

export function escapeMd(text: string): string {
  return escapeLine(oneLine(text));
}

/** Multi-paragraph user text, paragraphs separated by a blank line. */
export function escapeMdBlock(text: string): string {
  return escapeParagraphs(text, escapeLine);
}
