import { BIDI_CONTROLS } from '../../core/bidi.js';

/** Names for the breaks people know from YAML and JSON strings; other characters get \uXXXX. */
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r' };
const UNPRINTABLE = new RegExp(`[\\u0000-\\u0008\\u000a-\\u001f\\u007f-\\u009f\\u2028\\u2029${BIDI_CONTROLS}]`, 'g');

/**
 * Text from a model (a key, an id, a file name) printed on one line must carry no control
 * character: an escape sequence in a YAML key could otherwise recolour or rewrite the
 * terminal, and a line break (\n, \r, NEL, U+2028, U+2029) would start a line of its own that
 * reads like another diagnostic, and a bidirectional control would show the line in another
 * order than it reads. Each is shown escaped instead; a tab is harmless and kept.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => NAMED[c] ?? codePointEscape(c));
}

/** A character as `\uXXXX`, for output that must show it rather than act on it. */
export function codePointEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
