/**
 * Plain-text clean-up shared by every output format, applied to user text before escaping:
 * characters that some parser treats as a line break (docutils splits on U+2028, U+0085, form
 * feed…) or that no page should carry (C0/C1 controls) would break table and list structure
 * without a warning, so they become a space or U+FFFD. So do the bidirectional embedding,
 * override and isolate controls: they make text display in another order than it reads
 * ("Trojan Source"), which in a threat model could hide what a line says.
 */

import { BIDI_CONTROLS } from '../core/bidi.js';

const LINE_BREAKS = /\r\n?|[\v\f\x1c-\x1e\x85\u2028\u2029]/g;
const CONTROLS = new RegExp(`[\\0-\\x08\\x0e-\\x1b\\x7f-\\x84\\x86-\\x9f${BIDI_CONTROLS}]`, 'g');
/** Any character the three replacements change: most text has none, and one test is cheaper. */
const NOT_NORMAL = new RegExp(`[\\0-\\x09\\x0b-\\x1e\\x7f-\\x9f\\u2028\\u2029${BIDI_CONTROLS}]`);

/** Newlines as "\n", tabs as spaces, controls as U+FFFD. */
export function normalizeText(text: string): string {
  if (!NOT_NORMAL.test(text)) return text;
  return text.replace(LINE_BREAKS, '\n').replace(CONTROLS, '\uFFFD').replace(/\t/g, '    ');
}

/** Whitespace other than single spaces: where collapsing runs to one space changes something. */
const COLLAPSIBLE = /[^\S ]|\s\s/;

/** One line: all whitespace runs (newlines included) become one space. */
export function oneLine(text: string): string {
  const normal = normalizeText(text);
  return (COLLAPSIBLE.test(normal) ? normal.replace(/\s+/g, ' ') : normal).trim();
}

/**
 * Paragraphs separated by blank lines; each paragraph's lines trimmed. Indentation is dropped on
 * purpose: in RST an indented line starts a block quote or definition, in Markdown a code block.
 */
export function paragraphs(text: string): string[][] {
  const normal = normalizeText(text);
  if (!normal.includes('\n')) {
    const line = normal.trim();
    return line === '' ? [] : [[line]];
  }
  return normal
    .split(/\n[ \t]*\n/)
    .map((para) =>
      para
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== ''),
    )
    .filter((lines) => lines.length > 0);
}

/** Multi-paragraph user text: each line escaped, paragraphs separated by one blank line. */
export function escapeParagraphs(text: string, escapeLine: (line: string) => string): string {
  return paragraphs(text)
    .map((lines) => lines.map(escapeLine).join('\n'))
    .join('\n\n');
}

/** A lookup table of ASCII characters, for backslashBefore. */
export function asciiSet(chars: string): Uint8Array {
  const set = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) set[chars.charCodeAt(i)] = 1;
  return set;
}

/**
 * `text` with a backslash before each character of `set`. A loop over the text with a table
 * does what `replace(/[...]/g, '\\$&')` does in about half the time, and escaping is done for
 * every string of every page.
 */
export function backslashBefore(text: string, set: Uint8Array): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128 && set[c] === 1) {
      out += `${text.slice(from, i)}\\`;
      from = i;
    }
  }
  return out === '' ? text : out + text.slice(from);
}
