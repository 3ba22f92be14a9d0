/**
 * Text from a model (a key, an id, a line of the file) printed to a terminal must not carry
 * control characters: an escape sequence in a YAML key could otherwise recolour or rewrite
 * the terminal. Each is shown as its code point instead.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
