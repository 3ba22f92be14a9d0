/**
 * threatdoc.config.yaml: where the models are, where output goes, which formats, templates
 * and report gates to use, so CI can run `threatdoc build --check` with no arguments.
 * Paths in the file are relative to the file's directory and come back absolute.
 * Command-line flags override these values; merging is the command's job.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { FAIL_UNDER_RULE, isFailUnder } from './analyze/fail-under.js';
import { isRecord } from './core/data.js';
import type { JsonPath } from './core/diagnostic.js';
import { describeErrno } from './core/errno.js';
import type { LocateTarget } from './load/locate.js';
import { parseSource } from './load/parse.js';
import { decodeUtf8 } from './load/utf8.js';
import { DIAGRAM_MODES, inOutputOrder, OUTPUT_FORMATS, type DiagramMode, type OutputFormat } from './render/formats.js';

export const CONFIG_FILE = 'threatdoc.config.yaml';

export { DIAGRAM_MODES, OUTPUT_FORMATS, type DiagramMode, type OutputFormat };

export interface ReportConfig {
  /** Coverage percentage (0–100) under which `threatdoc report` fails. */
  readonly failUnder?: number;
  /** What makes the report fail; interpreted by the report command. */
  readonly failOn?: readonly string[];
  /** Deployment profile whose required mitigations count. */
  readonly profile?: string;
}

export interface Config {
  /** Absolute path of the file read; undefined when none exists and defaults apply. */
  readonly file: string | undefined;
  /** Absolute paths. */
  readonly models: string;
  readonly out: string;
  readonly formats: readonly OutputFormat[];
  readonly templates: string | undefined;
  readonly diagrams: DiagramMode;
  readonly chromium: string | undefined;
  /** A PNG beside each SVG (only when diagrams are drawn as SVG). */
  readonly png: boolean;
  readonly report: ReportConfig;
}

export const DEFAULTS = {
  models: 'models',
  out: 'docs/threat-models',
  formats: ['rst', 'md'] as readonly OutputFormat[],
  // Mermaid fences need no browser, and GitHub draws them; SVGs are asked for explicitly.
  diagrams: 'mermaid' as DiagramMode,
  png: false,
};

/** A problem in the config file, located at the offending key or value. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}:${column}: ${reason}`);
  }
}

const TOP_KEYS = ['models', 'out', 'formats', 'templates', 'diagrams', 'chromium', 'png', 'report'] as const;
const REPORT_KEYS = ['failUnder', 'failOn', 'profile'] as const;

/**
 * Reads `explicitPath` (which must exist) or `threatdoc.config.yaml` in `cwd` (optional).
 * `displayPath` in errors is the path as the user would type it.
 */
export function loadConfig(cwd: string, explicitPath?: string): Config {
  const file = explicitPath === undefined ? join(cwd, CONFIG_FILE) : resolve(cwd, explicitPath);
  const shown = explicitPath ?? CONFIG_FILE;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    if (explicitPath === undefined && (error as NodeJS.ErrnoException).code === 'ENOENT') {
      return defaultsFor(cwd);
    }
    throw new ConfigError(shown, 1, 1, `cannot read the config file: ${describeErrno(error)}`);
  }
  // Decoded as model files are: a lenient read would turn a bad byte into U+FFFD and the
  // error would surface later as a path that does not exist.
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    const byte = decoded.byte.toString(16).padStart(2, '0');
    throw new ConfigError(shown, decoded.at.line, decoded.at.column, `not valid UTF-8 (byte 0x${byte}); save the file as UTF-8`);
  }
  return parseConfig(decoded.text, shown, dirname(file), file);
}

export function defaultsFor(cwd: string): Config {
  return {
    file: undefined,
    models: resolve(cwd, DEFAULTS.models),
    out: resolve(cwd, DEFAULTS.out),
    formats: DEFAULTS.formats,
    templates: undefined,
    diagrams: DEFAULTS.diagrams,
    chromium: undefined,
    png: DEFAULTS.png,
    report: {},
  };
}

/** Parses config text; `baseDir` anchors relative paths. Pure apart from path resolution. */
export function parseConfig(text: string, shown: string, baseDir: string, file?: string): Config {
  // The model files' parser: the same fast path, and yaml's wording for syntax errors.
  const outcome = parseSource({ file: shown, text });
  if (!outcome.ok) {
    const first = outcome.diagnostics.find((d) => d.severity === 'error') ?? outcome.diagnostics[0];
    const at = first?.range?.start ?? { line: 1, column: 1 };
    throw new ConfigError(shown, at.line, at.column, `not valid YAML: ${first?.message ?? 'unreadable'}`);
  }
  const { parsed } = outcome;
  const fail: Fail = (at, reason, target) => {
    const { start } = parsed.locate(at, target);
    throw new ConfigError(shown, start.line, start.column, reason);
  };
  const base = defaultsFor(baseDir);
  const root = parsed.value;
  if (root === null) return { ...base, file };
  if (!isRecord(root)) return fail([], 'the config file must be a mapping of keys (models, out, formats, …)');

  const str: Str = (value, at, key) => {
    if (typeof value === 'string' && value.trim() !== '') return value;
    return fail(at, `${key} must be a non-empty string`);
  };
  const path = (value: unknown, key: string): string => {
    const text = str(value, [key], key);
    return isAbsolute(text) ? text : resolve(baseDir, text);
  };
  const oneOf = <T extends string>(value: unknown, at: JsonPath, key: string, allowed: readonly T[]): T => {
    const text = str(value, at, key);
    if ((allowed as readonly string[]).includes(text)) return text as T;
    return fail(at, `${key} must be one of ${allowed.join(', ')}; got "${text}"`);
  };

  let config: Config = { ...base, file };
  for (const [key, value] of Object.entries(root)) {
    switch (key as (typeof TOP_KEYS)[number]) {
      case 'models':
        config = { ...config, models: path(value, key) };
        break;
      case 'out':
        config = { ...config, out: path(value, key) };
        break;
      case 'templates':
        config = { ...config, templates: path(value, key) };
        break;
      case 'chromium':
        config = { ...config, chromium: path(value, key) };
        break;
      case 'diagrams':
        config = { ...config, diagrams: oneOf(value, [key], key, DIAGRAM_MODES) };
        break;
      case 'png':
        if (typeof value !== 'boolean') fail([key], 'png must be true or false');
        config = { ...config, png: value as boolean };
        break;
      case 'formats': {
        const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : fail([key], 'formats must be a list, e.g. [rst, md]');
        const formats = list.map((item, i) => oneOf(item, Array.isArray(value) ? [key, i] : [key], 'formats', OUTPUT_FORMATS));
        if (formats.length === 0) fail([key], 'formats must name at least one format');
        config = { ...config, formats: inOutputOrder(formats) };
        break;
      }
      case 'report':
        config = { ...config, report: parseReport(value, fail, str) };
        break;
      default:
        fail([key], `unknown key "${key}" (known: ${TOP_KEYS.join(', ')})`, 'key');
    }
  }
  return config;
}

type Fail = (at: JsonPath, reason: string, target?: LocateTarget) => never;
type Str = (value: unknown, at: JsonPath, key: string) => string;

function parseReport(value: unknown, fail: Fail, str: Str): ReportConfig {
  if (!isRecord(value)) return fail(['report'], 'report must be a mapping (failUnder, failOn, profile)');
  let report: ReportConfig = {};
  for (const [key, item] of Object.entries(value)) {
    const at = ['report', key];
    switch (key as (typeof REPORT_KEYS)[number]) {
      case 'failUnder':
        if (typeof item !== 'number' || !isFailUnder(item)) fail(at, `report.failUnder must be ${FAIL_UNDER_RULE}`);
        report = { ...report, failUnder: item as number };
        break;
      case 'failOn': {
        const items = Array.isArray(item) ? item : typeof item === 'string' ? [item] : fail(at, 'report.failOn must be a list of strings');
        report = { ...report, failOn: items.map((entry, i) => str(entry, Array.isArray(item) ? [...at, i] : at, 'report.failOn')) };
        break;
      }
      case 'profile':
        report = { ...report, profile: str(item, at, 'report.profile') };
        break;
      default:
        fail(at, `unknown key "report.${key}" (known: ${REPORT_KEYS.join(', ')})`, 'key');
    }
  }
  return report;
}
