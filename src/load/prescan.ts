import { LIMITS } from './limits.js';

/** A limit the text crosses before any parser runs: which one, and the offset where. */
export interface OverLimit {
  readonly limit: 'depth' | 'nodes';
  readonly at: number;
}

export interface Prescan {
  /** The first limit crossed, if any: the scan stops there. */
  readonly overLimit?: OverLimit;
  /** Whether a flow collection ("[...]", "{...}") goes on past the end of a line. */
  readonly flowSpansLines: boolean;
  /** Whether a quoted string goes on in a line indented no deeper than its key. */
  readonly quoteUnderIndented: boolean;
}

/**
 * Finds text that handing to the parser would cost seconds or exhaust memory:
 * - nesting too deep (yaml recurses per level: a 2 MB line of "[" runs it out of heap). Counts
 *   flow brackets outside quotes and comments, and the indentation of block lines including
 *   compact "- " markers. It over-approximates nothing a real model writes; the exact depth
 *   check runs on the AST afterwards.
 * - too many nodes (yaml's tree takes about 1.5 KB per collection: 4 MB of "[], " took 1.6 GB).
 *   Counted where nodes can start: each line with content, each "- ", "? " or ": " that
 *   indents one, and each "[", "{", "," and ": " of a flow collection. That is within a
 *   factor of 3 of the real number either way, and costs little beyond the scan itself.
 * On the way it notes flow collections and quoted strings written across lines in ways whose
 * indentation `yaml` rejects and the fast parser does not check.
 */
export function prescan(text: string): Prescan {
  let flow = 0;
  let nodes = 0;
  const maxNodes = LIMITS.maxNodes;
  let flowSpansLines = false;
  let quoteUnderIndented = false;
  let indent = 0;
  // The search jumps between the characters that matter, natively: a plain char-by-char loop
  // ran cold (interpreted) for most of a small run and cost more than the parse it guards.
  // Inside a flow collection "," and ":" matter too; outside, prose is full of them.
  const block = /[\n#"'[\]{}]/g;
  const inFlow = /[\n#"'[\]{},:]/g;
  let next = block;
  for (let i = -1; i < text.length; ) {
    if (i === -1 || text.charCodeAt(i) === 0x0a) {
      if (i !== -1 && flow > 0) flowSpansLines = true;
      // Spaces, and "- " / "? " / ": " indicators, all move the next node one level deeper.
      indent = 0;
      let j = i + 1;
      for (; j < text.length; j++) {
        const c = text.charCodeAt(j);
        const isIndicator = (c === 0x2d || c === 0x3f || c === 0x3a) && (text.charCodeAt(j + 1) === 0x20 || text.charCodeAt(j + 1) === 0x0a);
        if (c !== 0x20 && !isIndicator) break;
        indent++;
        if (indent > LIMITS.maxIndentColumns) return stopped('depth', j, flowSpansLines, quoteUnderIndented);
        if (isIndicator && ++nodes > maxNodes) return stopped('nodes', j, flowSpansLines, quoteUnderIndented);
      }
      const first = text.charCodeAt(j);
      const content = j < text.length && first !== 0x0a && first !== 0x23;
      if (content && ++nodes > maxNodes) return stopped('nodes', j, flowSpansLines, quoteUnderIndented);
      next.lastIndex = j;
    } else {
      const c = text.charCodeAt(i);
      if (c === 0x23) {
        if (i === 0 || isSpace(text.charCodeAt(i - 1))) next.lastIndex = skipTo(text, i, '\n');
      } else if (c === 0x22 || c === 0x27) {
        // A quote opens a scalar only where a value starts; elsewhere it is plain text ("it's").
        if (opensScalar(text, i)) {
          const end = c === 0x22 ? skipDoubleQuoted(text, i) : skipSingleQuoted(text, i);
          if (text.lastIndexOf('\n', end) > i) {
            if (flow > 0) flowSpansLines = true;
            if (outdentedLine(text, i, end, indent)) quoteUnderIndented = true;
          }
          next.lastIndex = end + 1;
        }
      } else if (c === 0x2c || c === 0x3a) {
        // In a flow collection a "," starts an entry and a ": " its value.
        const starts = c === 0x2c || isFlowValue(text.charCodeAt(i + 1));
        if (starts && ++nodes > maxNodes) return stopped('nodes', i, flowSpansLines, quoteUnderIndented);
      } else if (c === 0x5b || c === 0x7b) {
        flow++;
        if (flow > LIMITS.maxDepth) return stopped('depth', i, flowSpansLines, quoteUnderIndented);
        if (++nodes > maxNodes) return stopped('nodes', i, flowSpansLines, quoteUnderIndented);
      } else if (flow > 0) {
        flow--;
      }
    }
    if ((flow > 0) !== (next === inFlow)) {
      const from = next.lastIndex;
      next = flow > 0 ? inFlow : block;
      next.lastIndex = from;
    }
    const found = next.exec(text);
    i = found ? found.index : text.length;
  }
  return { flowSpansLines, quoteUnderIndented };
}

/** The scan's answer where it stops at a limit. */
function stopped(limit: OverLimit['limit'], at: number, flowSpansLines: boolean, quoteUnderIndented: boolean): Prescan {
  return { overLimit: { limit, at }, flowSpansLines, quoteUnderIndented };
}

/** What may follow a ":" that starts a value inside a flow collection. */
function isFlowValue(c: number): boolean {
  return isSpace(c) || c === 0x2c || c === 0x5d || c === 0x7d;
}

/** Whether a line of text[from, to) after the first has content at or left of column `indent`. */
function outdentedLine(text: string, from: number, to: number, indent: number): boolean {
  for (let nl = text.indexOf('\n', from); nl !== -1 && nl < to; nl = text.indexOf('\n', nl + 1)) {
    let column = 0;
    while (text.charCodeAt(nl + 1 + column) === 0x20) column++;
    if (column <= indent && nl + 1 + column <= to && text.charCodeAt(nl + 1 + column) !== 0x0a) return true;
  }
  return false;
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

/** A blank or a line break: what a comment mark must follow. */
export function isSpace(c: number): boolean {
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
