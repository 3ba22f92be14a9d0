/**
 * threatdoc.config.yaml: where the models are, where output goes, which formats, templates
 * and report gates to use, so CI can run `threatdoc build --check` with no arguments.
 * Paths in the file are relative to the file's directory and come back absolute.
 * Command-line flags override these values; merging is the command's job.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Node as YamlNode } from 'yaml';
import { yamlLib } from './load/yaml-lib.js';
import { DIAGRAM_MODES, OUTPUT_FORMATS, type DiagramMode, type OutputFormat } from './render/formats.js';

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
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (explicitPath === undefined && (error as NodeJS.ErrnoException).code === 'ENOENT') {
      return defaultsFor(cwd);
    }
    throw new ConfigError(shown, 1, 1, `cannot read the config file (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseConfig(text, shown, dirname(file), file);
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
  const { isMap, isScalar, isSeq, LineCounter, parseDocument } = yamlLib();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const fail = (node: YamlNode | null | undefined, reason: string): never => {
    const offset = node?.range?.[0] ?? 0;
    const pos = lines.linePos(offset);
    throw new ConfigError(shown, pos.line, pos.col, reason);
  };
  const firstError = doc.errors[0];
  if (firstError) {
    const pos = lines.linePos(firstError.pos[0]);
    throw new ConfigError(shown, pos.line, pos.col, `not valid YAML: ${firstError.message.split('\n')[0] ?? ''}`);
  }
  const base = defaultsFor(baseDir);
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { ...base, file };
  if (!isMap(root)) return fail(root, 'the config file must be a mapping of keys (models, out, formats, …)');

  const str = (node: unknown, key: string): string => {
    if (isScalar(node) && typeof node.value === 'string' && node.value.trim() !== '') return node.value;
    return fail(node as YamlNode, `${key} must be a non-empty string`);
  };
  const path = (node: unknown, key: string): string => {
    const value = str(node, key);
    return isAbsolute(value) ? value : resolve(baseDir, value);
  };
  const oneOf = <T extends string>(node: unknown, key: string, allowed: readonly T[]): T => {
    const value = str(node, key);
    if ((allowed as readonly string[]).includes(value)) return value as T;
    return fail(node as YamlNode, `${key} must be one of ${allowed.join(', ')}; got "${value}"`);
  };

  let config: Config = { ...base, file };
  for (const pair of root.items) {
    const keyNode = pair.key as YamlNode;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    const value = pair.value;
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
        config = { ...config, diagrams: oneOf(value, key, DIAGRAM_MODES) };
        break;
      case 'png': {
        const flag = isScalar(value) ? value.value : undefined;
        if (typeof flag !== 'boolean') fail(value as YamlNode, 'png must be true or false');
        config = { ...config, png: flag as boolean };
        break;
      }
      case 'formats': {
        const list = isSeq(value) ? value.items : isScalar(value) ? [value] : fail(value as YamlNode, 'formats must be a list, e.g. [rst, md]');
        const formats = list.map((item) => oneOf(item, 'formats', OUTPUT_FORMATS));
        if (formats.length === 0) fail(value as YamlNode, 'formats must name at least one format');
        config = { ...config, formats: OUTPUT_FORMATS.filter((f) => formats.includes(f)) };
        break;
      }
      case 'report':
        config = { ...config, report: parseReport(value, fail, str) };
        break;
      default:
        fail(keyNode, `unknown key "${key}" (known: ${TOP_KEYS.join(', ')})`);
    }
  }
  return config;
}

type Fail = (node: YamlNode | null | undefined, reason: string) => never;

function parseReport(value: unknown, fail: Fail, str: (node: unknown, key: string) => string): ReportConfig {
  const { isMap, isScalar, isSeq } = yamlLib();
  if (!isMap(value)) return fail(value as YamlNode, 'report must be a mapping (failUnder, failOn, profile)');
  let report: ReportConfig = {};
  for (const pair of value.items) {
    const keyNode = pair.key as YamlNode;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    const node = pair.value;
    switch (key as (typeof REPORT_KEYS)[number]) {
      case 'failUnder': {
        const n = isScalar(node) ? node.value : undefined;
        if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n > 100) {
          fail(node as YamlNode, 'report.failUnder must be a number from 0 to 100');
        }
        report = { ...report, failUnder: n as number };
        break;
      }
      case 'failOn': {
        const items = isSeq(node) ? node.items : isScalar(node) ? [node] : fail(node as YamlNode, 'report.failOn must be a list of strings');
        report = { ...report, failOn: items.map((item) => str(item, 'report.failOn')) };
        break;
      }
      case 'profile':
        report = { ...report, profile: str(node, 'report.profile') };
        break;
      default:
        fail(keyNode, `unknown key "report.${key}" (known: ${REPORT_KEYS.join(', ')})`);
    }
  }
  return report;
}
