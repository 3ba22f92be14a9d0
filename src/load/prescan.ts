import { LIMITS } from './limits.js';

/**
 * Finds nesting so deep that handing the text to the parser would cost seconds or exhaust
 * memory (yaml recurses per level: a 2 MB line of "[" runs it out of heap). Counts flow
 * brackets outside quotes and comments, and the indentation of block lines including compact
 * "- " markers. It over-approximates nothing a real model writes; the exact depth check runs
 * on the AST afterwards. Returns the offset where the limit is crossed.
 */
export function prescanNesting(text: string): number | undefined {
  let flow = 0;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart) {
      // Spaces, and "- " / "? " / ": " indicators, all move the next node one level deeper.
      const isIndicator = (c === 0x2d || c === 0x3f || c === 0x3a) && (text.charCodeAt(i + 1) === 0x20 || text.charCodeAt(i + 1) === 0x0a);
      if (c === 0x20 || isIndicator) {
        indent++;
        if (indent > LIMITS.maxIndentColumns) return i;
        continue;
      }
      lineStart = false;
    }
    if (c === 0x23 && (i === 0 || isSpace(text.charCodeAt(i - 1)))) {
      i = skipTo(text, i, '\n') - 1;
    } else if ((c === 0x22 || c === 0x27) && opensScalar(text, i)) {
      // A quote opens a scalar only where a value starts; elsewhere it is plain text ("it's").
      i = c === 0x22 ? skipDoubleQuoted(text, i) : skipSingleQuoted(text, i);
    } else if (c === 0x5b || c === 0x7b) {
      flow++;
      if (flow > LIMITS.maxDepth) return i;
    } else if ((c === 0x5d || c === 0x7d) && flow > 0) {
      flow--;
    }
  }
  return undefined;
}

/** Whether the previous non-blank character on the line ends an indicator a value may follow. */
function opensScalar(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09) continue;
    return c === 0x0a || c === 0x3a || c === 0x2d || c === 0x3f || c === 0x5b || c === 0x7b || c === 0x2c;
  }
  return true;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function skipTo(text: string, from: number, char: string): number {
  const at = text.indexOf(char, from);
  return at === -1 ? text.length : at;
}

function skipDoubleQuoted(text: string, from: number): number {
  for (let i = from + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x22) return i;
  }
  return text.length;
}

function skipSingleQuoted(text: string, from: number): number {
  for (let i = from + 1; i < text.length; i++) {
    if (text.charCodeAt(i) === 0x27) {
      if (text.charCodeAt(i + 1) === 0x27) i++;
      else return i;
    }
  }
  return text.length;
}
