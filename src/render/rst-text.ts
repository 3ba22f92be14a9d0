import { asciiSet, backslashBefore, escapeParagraphs, oneLine } from './text.js';

/**
 * reStructuredText escaping. A backslash before any ASCII punctuation character stands for the
 * character itself, so escaping all of them keeps every inline construct (`*`, backquotes, `|x|`,
 * `word_`, `[1]_`, `:role:`) and every line-start construct (`.. `, `- `, `1. `, `:a: b`, `>>>`,
 * section underlines) from forming, and backslashes in `C:\path` survive.
 */
const ASCII_PUNCTUATION = asciiSet('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');

export function escapeRst(text: string): string {
  return escapeLine(oneLine(text));
}

/** Multi-paragraph user text: escaped lines, paragraphs separated by one blank line. */
export function escapeRstBlock(text: string): string {
  return escapeParagraphs(text, escapeLine);
}

/** docutils' bullets beyond the ASCII ones, which escaping already covers: •, ‣ and ⁃. */
const UNICODE_BULLET = /^[\u2022\u2023\u2043](?:\s|$)/;
/** A line that escaping leaves as one repeated character: backslashes only. */
const ONLY_BACKSLASHES = /^\\+$/;

/**
 * Two line starts survive the backslashes: a Unicode bullet starts a list, and a line of
 * escaped backslashes is one repeated punctuation character, which docutils reads as a section
 * underline or a transition. An escaped space, which docutils drops, goes in front of either.
 */
function escapeLine(line: string): string {
  const escaped = backslashBefore(line, ASCII_PUNCTUATION);
  return UNICODE_BULLET.test(escaped) || ONLY_BACKSLASHES.test(escaped) ? `\\ ${escaped}` : escaped;
}

/**
 * Width docutils measures for a title line: East Asian wide characters count twice. Counting
 * every non-ASCII character twice errs on the long side, which RST accepts for underlines.
 */
export function underlineWidth(line: string): number {
  let width = 0;
  for (const ch of line) width += ch.charCodeAt(0) < 0x80 ? 1 : 2;
  return width;
}

/** Section adornment per level; the order is fixed so every generated page nests the same way. */
const ADORNMENTS = ['=', '-', '~', '^', '"'] as const;

export function rstHeading(escapedTitle: string, level: number): string {
  const char = ADORNMENTS[Math.min(Math.max(level, 1), ADORNMENTS.length) - 1] ?? '=';
  const rule = char.repeat(Math.max(underlineWidth(escapedTitle), 3));
  return level === 1 ? `${rule}\n${escapedTitle}\n${rule}` : `${escapedTitle}\n${rule}`;
}
