import { valueAt } from '../core/data.js';
import type { Diagnostic, JsonPath, Position, Range } from '../core/diagnostic.js';
import type { SourceText } from './files.js';
import type { LocateTarget } from './locate.js';
import { fastLocator, type Locator } from './locate-fast.js';
import { fastParse, type FastParse } from './parse-fast.js';
import { documentForLocating, parseWithYaml } from './parse-yaml.js';
import { lineIndex } from './positions.js';
import { prescan } from './prescan.js';

/**
 * A file whose YAML was read without error: its data for checking, and where things are in
 * its text. Which parser read it does not show here; the data and positions are the same.
 */
export interface ParsedFile {
  readonly file: string;
  readonly text: string;
  /** Plain data as `yaml`'s toJS gives it; `__proto__` keys are ordinary own properties. */
  readonly value: unknown;
  /** The range of the value (or, for a mapping entry, the key) at `path`, for a diagnostic. */
  locate(path: JsonPath, target?: LocateTarget): Range;
  /** Where the node at `path` starts; asked for every entry, so cheap on the fast path. */
  startOf(path: JsonPath): Position;
}

export type ParseOutcome =
  | {
      readonly ok: true;
      readonly parsed: ParsedFile;
      readonly diagnostics: readonly Diagnostic[];
      /** The fast path's reading, when it read the file: plain data a cache can keep (load/parse-cache.ts). */
      readonly fast?: FastParse;
    }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * Parses one file: the fast path when it can vouch for the result, otherwise `yaml`, which
 * also finds and words every problem.
 */
export function parseSource(source: SourceText): ParseOutcome {
  // One scan serves both parsers: a file the fast path declines is often declined for it.
  const scan = prescan(source.text);
  const fast = fastParse(source.text, scan);
  if (!fast) return parseWithYaml(source, scan);
  return { ok: true, parsed: fastParsedFile(source, fast), diagnostics: [], fast };
}

/** A file the fast path read, now or in an earlier run whose reading a cache kept. */
export function fastParsedFile(source: SourceText, fast: FastParse): ParsedFile {
  const { file, text } = source;
  let located: Locator | undefined;
  const locate = (path: JsonPath, target?: LocateTarget): Range => {
    // Ranges of scalars and keys are wanted only for diagnostics: the file is read again for
    // them, once, by js-yaml noting where each node is, or by `yaml` where that gives up.
    located ??= fastLocator(text) ?? documentForLocating(text);
    return located.locate(path, target);
  };
  let positionOf: ((offset: number) => Position) | undefined;
  const startOf = (path: JsonPath): Position => {
    const node = valueAt(fast.value, path);
    const offset = typeof node === 'object' && node !== null ? fast.starts.get(node) : undefined;
    if (offset === undefined) return locate(path).start;
    positionOf ??= lineIndex(text);
    return positionOf(offset);
  };
  return { file, text, value: fast.value, locate, startOf };
}
