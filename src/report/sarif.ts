import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Severity } from '../core/diagnostic.js';
import { displayPath } from '../load/files.js';

/**
 * Builders for SARIF 2.1.0 logs, the format GitHub code scanning loads. Shared by the
 * diagnostics and the coverage reports so both produce the same shape.
 */

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Locations are relative to the repository root, which code scanning knows as %SRCROOT%. */
export const SRCROOT = '%SRCROOT%';

export interface SarifTool {
  readonly name: string;
  readonly version: string;
  readonly informationUri?: string;
}

export interface SarifRule {
  readonly id: string;
  /** One line, shown as the rule's title. */
  readonly summary: string;
  readonly level: SarifLevel;
  readonly helpUri?: string;
}

export type SarifLevel = 'error' | 'warning' | 'note';

/**
 * Where result paths are relative to: they are written relative to the repository root that
 * code scanning resolves %SRCROOT% to, so a report made in a subdirectory points at the same
 * files as one made at the root.
 */
export interface SarifPaths {
  /** The directory the results' relative paths start from (the command's working directory). */
  readonly cwd: string;
}

/** The nearest directory at or above `dir` with a `.git` entry; `dir` itself outside a repository. */
function repositoryRoot(dir: string): string {
  for (let current = resolve(dir); ; current = dirname(current)) {
    if (existsSync(join(current, '.git'))) return current;
    if (dirname(current) === current) return resolve(dir);
  }
}

export interface SarifResultInput {
  readonly ruleId: string;
  readonly level: SarifLevel;
  readonly message: string;
  /** Relative path with "/" separators; omitted for results about no file. */
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}

export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'info' ? 'note' : severity;
}

/** A complete log with one run; results name their rule by id and by index. */
export function sarifLog(tool: SarifTool, rules: readonly SarifRule[], results: readonly SarifResultInput[], paths?: SarifPaths): Log {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const locate = artifactLocator(paths);
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            ...(tool.informationUri ? { informationUri: tool.informationUri } : {}),
            rules: rules.map(sarifRule),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: results.map((result) => sarifResult(result, ruleIndex.get(result.ruleId), locate)),
      },
    ],
  };
}

function sarifRule(rule: SarifRule): ReportingDescriptor {
  return {
    id: rule.id,
    shortDescription: { text: rule.summary },
    fullDescription: { text: rule.summary },
    defaultConfiguration: { level: rule.level },
    ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
  };
}

type ArtifactLocation = { uri: string; uriBaseId?: string };

function sarifResult(input: SarifResultInput, ruleIndex: number | undefined, locate: (file: string) => ArtifactLocation): Result {
  const region =
    input.line === undefined
      ? undefined
      : {
          startLine: input.line,
          ...(input.column !== undefined ? { startColumn: input.column } : {}),
          ...(input.endLine !== undefined ? { endLine: input.endLine } : {}),
          // SARIF's end column is exclusive, like threatdoc's ranges.
          ...(input.endColumn !== undefined ? { endColumn: input.endColumn } : {}),
        };
  return {
    ruleId: input.ruleId,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level: input.level,
    message: { text: input.message },
    ...(input.file !== undefined
      ? {
          locations: [
            {
              physicalLocation: {
                artifactLocation: locate(input.file),
                ...(region ? { region } : {}),
              },
            },
          ],
        }
      : {}),
  };
}

/**
 * Relative paths hang off %SRCROOT%, re-based from the working directory to the repository
 * root when `paths` says where that is; a file outside it gets a file: URI.
 */
function artifactLocator(paths: SarifPaths | undefined): (file: string) => ArtifactLocation {
  const root = paths === undefined ? undefined : repositoryRoot(paths.cwd);
  return (file) => {
    const shown = paths === undefined || root === undefined ? file : displayPath(resolve(paths.cwd, file), root);
    return isAbsolute(shown) ? { uri: pathToFileURL(shown).href } : { uri: encodeUri(shown), uriBaseId: SRCROOT };
  };
}

/** A relative path as a URI reference: each segment percent-encoded, "/" kept. */
export function encodeUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
