import type { Document, LineCounter, Node, Scalar, YAMLError } from 'yaml';
import { shorten } from '../core/data.js';
import { checkAliases, type AliasCheck, type UnresolvedAlias } from './aliases.js';
import { diagnostic, type Diagnostic, type JsonPath, type Range } from '../core/diagnostic.js';
import type { SourceText } from './files.js';
import { LIMITS } from './limits.js';
import { locate, pointAt, rangeOf, type LocateTarget } from './locate.js';
import type { ParseOutcome, ParsedFile } from './parse.js';
import { lineIndex } from './positions.js';
import { prescan, type Prescan } from './prescan.js';
import { yamlLib } from './yaml-lib.js';

/** yaml's options for model files; the same for parsing and for locating. */
function parseOptions(lineCounter: LineCounter) {
  // logLevel 'error': yaml would otherwise print its warnings to the process's stderr itself.
  // uniqueKeys false: yaml compares each new key with every earlier one of the mapping, which
  // is quadratic (minutes for a 4 MB mapping); duplicates are found below with a Set instead.
  return { lineCounter, prettyErrors: false, uniqueKeys: false, logLevel: 'error' } as const;
}

/** Ranges in text the fast path read: yaml's AST of it, built once, on the first request. */
export function documentForLocating(text: string): { locate(path: JsonPath, target?: LocateTarget): Range } {
  const { LineCounter, parseDocument } = yamlLib();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, parseOptions(lineCounter));
  return { locate: (path, target) => locate(doc, lineCounter, path, target) };
}

/**
 * Parses one file with `yaml`. The checks run from cheapest to most expensive and each guards the next:
 * a text scan for absurd nesting before the parser recurses, the parser's own errors, the
 * AST's depth and alias count, and the size the aliases would expand to, all before toJS
 * expands anything. A file with any error here goes no further: checking half-read data only adds noise.
 */
export function parseWithYaml(source: SourceText, scan: Prescan = prescan(source.text)): ParseOutcome {
  const { LineCounter, parseDocument } = yamlLib();
  const { file, text } = source;

  if (scan.overLimit !== undefined) {
    // The parser never ran: the position comes from the text alone.
    const at = lineIndex(text)(scan.overLimit.at);
    const range = { start: at, end: at };
    return { ok: false, diagnostics: [scan.overLimit.limit === 'depth' ? tooDeepDiagnostic(file, range) : tooManyNodesDiagnostic(file, range)] };
  }

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, parseOptions(lineCounter));
  const yamlProblems = [
    // After the first syntax error the parser's view of the structure is a guess, and the
    // errors that follow mostly restate it.
    ...doc.errors.slice(0, 1).map((error) => withLineEndHint(fromYamlError(file, withOpeningQuote(doc, error), lineCounter, 'error'), text)),
    ...doc.warnings.map((warning) => fromYamlError(file, warning, lineCounter, 'warning')),
  ];
  if (doc.errors.length > 0) return { ok: false, diagnostics: yamlProblems };

  const shape = checkShape(doc);
  if (shape.tooDeep) return { ok: false, diagnostics: [...yamlProblems, tooDeepDiagnostic(file, rangeOf(shape.tooDeep, lineCounter))] };
  if (shape.duplicateKeys.length > 0) {
    return { ok: false, diagnostics: [...yamlProblems, ...shape.duplicateKeys.map((key) => duplicateKeyDiagnostic(file, key, lineCounter))] };
  }
  if (shape.aliases.length > LIMITS.maxAliases) {
    const at = shape.aliases[LIMITS.maxAliases] as Node;
    return { ok: false, diagnostics: [...yamlProblems, aliasDiagnostic(file, rangeOf(at, lineCounter), `more than ${LIMITS.maxAliases} aliases`)] };
  }
  const aliases = shape.aliases.length > 0 ? checkAliases(doc, LIMITS.maxAliasNodes) : ({ kind: 'ok' } as const);
  if (aliases.kind !== 'ok') return { ok: false, diagnostics: [...yamlProblems, ...aliasDiagnostics(file, aliases, lineCounter)] };

  // Every alias resolves and the expansion is within the budget, checked above by size; yaml's
  // own budget (maxAliasCount) weighs aliases by a rougher measure that refused 101 aliases of
  // one word, so it is turned off. Aliases come back as shared references: toJS copies nothing.
  const value: unknown = doc.toJS({ maxAliasCount: -1 });
  const parsed: ParsedFile = {
    file,
    text,
    value,
    locate: (path, target) => locate(doc, lineCounter, path, target),
    startOf: (path) => locate(doc, lineCounter, path).start,
  };
  return { ok: true, parsed, diagnostics: yamlProblems };
}

const SYNTAX_HINTS: Readonly<Record<string, string>> = {
  TAB_AS_INDENT: 'YAML indents with spaces only; replace the tab with spaces',
  MULTIPLE_DOCS: 'a model file holds one; remove the "---" line, or split the file in two',
  BAD_INDENT: 'check the indentation of this line against the lines above',
  MISSING_CHAR: 'close the quote or bracket; the string runs on to the end of the file',
};

/**
 * yaml's wording where it speaks to a programmer: the others describe the text and pass
 * through, checked against yaml 2.9's messages.
 */
const SYNTAX_MESSAGES: Readonly<Record<string, string>> = {
  // yaml: "Source contains multiple documents; please use YAML.parseAllDocuments()".
  MULTIPLE_DOCS: 'the file holds more than one YAML document',
};

/** What threatdoc uses of a yaml error. */
type YamlProblem = Pick<YAMLError, 'code' | 'message' | 'pos'>;

function fromYamlError(file: string, error: YamlProblem, lineCounter: LineCounter, severity: 'error' | 'warning'): Diagnostic {
  const [start, end] = error.pos;
  const from = pointAt(lineCounter, start).start;
  const to = pointAt(lineCounter, end).start;
  const range = { start: from, end: to.line === from.line ? to : from };
  if (error.code === 'RESOURCE_EXHAUSTION') return tooDeepDiagnostic(file, range);
  const hint = SYNTAX_HINTS[error.code];
  return diagnostic('yaml-syntax', {
    file,
    path: [],
    range,
    severity,
    message: SYNTAX_MESSAGES[error.code] ?? firstLine(error.message),
    ...(hint ? { hint } : {}),
  });
}

/**
 * yaml takes a lone carriage return (classic Mac line ends) for no line break, so such a
 * file reads as one long line and fails with a message about mappings; the cause is the
 * line ends, whatever the message.
 */
function withLineEndHint(problem: Diagnostic, text: string): Diagnostic {
  if (!/\r(?!\n)/.test(text)) return problem;
  return { ...problem, hint: 'this file ends lines with a lone carriage return (CR, as classic Mac OS did), which is not read as a line break; save it with LF line endings' };
}

/**
 * yaml reports an unclosed quote where the text ends, often far below the mistake; the
 * scalar it was reading starts at the opening quote, which is what the user has to fix.
 */
function withOpeningQuote(doc: Document.Parsed, error: YAMLError): YamlProblem {
  const { isCollection, isPair, isScalar } = yamlLib();
  if (error.code !== 'MISSING_CHAR' || !/quote/i.test(error.message)) return error;
  let opening: number | undefined;
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && node.range) {
      const [start, end] = node.range;
      if (end >= error.pos[0] && start < error.pos[0] && (opening === undefined || start > opening)) opening = start;
    } else if (isCollection(node)) {
      for (const item of node.items) stack.push(...(isPair(item) ? [item.key, item.value] : [item]));
    }
  }
  if (opening === undefined) return error;
  return { code: error.code, pos: [opening, opening + 1], message: 'a quoted string is not closed' };
}

function duplicateKeyDiagnostic(file: string, key: Scalar, lineCounter: LineCounter): Diagnostic {
  const name = String(key.value);
  return diagnostic('yaml-duplicate-key', {
    file,
    path: [],
    range: rangeOf(key, lineCounter),
    message: `the key ${JSON.stringify(shorten(name))} appears twice in this mapping`,
    hint: 'remove one of the two entries or rename one; YAML keeps only one of them',
  });
}

function tooDeepDiagnostic(file: string, range: Diagnostic['range']): Diagnostic {
  return diagnostic('yaml-too-deep', {
    file,
    path: [],
    ...(range ? { range } : {}),
    message: `the document nests deeper than ${LIMITS.maxDepth} levels`,
    hint: 'a threat model needs only a few levels of nesting; check for runaway brackets or indentation',
  });
}

function tooManyNodesDiagnostic(file: string, range: Range): Diagnostic {
  return diagnostic('yaml-too-many-nodes', {
    file,
    path: [],
    range,
    message: `the document holds more than ${LIMITS.maxNodes.toLocaleString('en-US')} YAML nodes`,
    hint: 'a threat model holds about 30,000 per MB; split a large model into several files, or look for runaway lists',
  });
}

function aliasDiagnostics(file: string, check: Exclude<AliasCheck, { kind: 'ok' }>, lineCounter: LineCounter): Diagnostic[] {
  if (check.kind === 'unresolved') return check.aliases.map((u) => unresolvedAliasDiagnostic(file, u, lineCounter));
  const range = rangeOf(check.alias, lineCounter);
  const name = shorten(check.alias.source);
  if (check.kind === 'loop') return [aliasDiagnostic(file, range, `alias *${name} is inside the node &${name} it repeats, so it would repeat itself forever`)];
  return [aliasDiagnostic(file, range, `aliases expand to more than ${LIMITS.maxAliasNodes.toLocaleString('en-US')} nodes here (an alias bomb)`)];
}

function unresolvedAliasDiagnostic(file: string, { alias, later }: UnresolvedAlias, lineCounter: LineCounter): Diagnostic {
  const name = shorten(alias.source);
  return diagnostic('yaml-syntax', {
    file,
    path: [],
    range: rangeOf(alias, lineCounter),
    message: `alias *${name} has no anchor &${name} before it`,
    hint: later
      ? `&${name} is set below it, on line ${rangeOf(later, lineCounter).start.line}; an alias can only repeat a node written above it`
      : `"*" starts an alias, which repeats the node marked &${name} earlier in the file; for the text itself, put it in quotes`,
  });
}

function aliasDiagnostic(file: string, range: Diagnostic['range'], what: string): Diagnostic {
  return diagnostic('yaml-alias-limit', {
    file,
    path: [],
    ...(range ? { range } : {}),
    message: what,
    hint: 'write the repeated entries out, or share them through a library file and ids',
  });
}

function firstLine(message: string): string {
  // yaml appends " at line N, column M" (and a code frame): threatdoc shows positions itself.
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

interface Shape {
  readonly tooDeep?: Node;
  readonly aliases: Node[];
  /** Second and later occurrences of a key in a mapping, in text order. */
  readonly duplicateKeys: Scalar[];
}

/**
 * Depth, aliases and repeated keys of the AST in one pass, walked with an explicit stack so
 * depth cannot overflow it. Keys compare by their value as text, as they will be in the data.
 */
function checkShape(doc: Document.Parsed): Shape {
  const { isAlias, isCollection, isMap, isPair, isScalar } = yamlLib();
  const aliases: Node[] = [];
  const duplicateKeys: Scalar[] = [];
  const stack: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    if (isAlias(node)) {
      aliases.push(node);
    } else if (isCollection(node)) {
      if (depth + 1 > LIMITS.maxDepth) return { tooDeep: node, aliases, duplicateKeys };
      const keys = isMap(node) ? new Set<string>() : undefined;
      for (const item of node.items) {
        if (isPair(item)) {
          if (keys && isScalar(item.key)) {
            const key = String(item.key.value);
            if (keys.has(key)) duplicateKeys.push(item.key);
            else keys.add(key);
          }
          stack.push({ node: item.value, depth: depth + 1 });
          stack.push({ node: item.key, depth: depth + 1 });
        } else {
          stack.push({ node: item, depth: depth + 1 });
        }
      }
    }
  }
  // The stack visits out of order; report in text order.
  const byOffset = (a: Node, b: Node): number => (a.range?.[0] ?? 0) - (b.range?.[0] ?? 0);
  return { aliases: aliases.sort(byOffset), duplicateKeys: duplicateKeys.sort(byOffset) };
}
