import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import { shorten } from '../core/data.js';
import { diagnostic, type Diagnostic, type JsonPath } from '../core/diagnostic.js';
import { LIMITS } from '../load/limits.js';
import type { LocateTarget } from '../load/locate.js';
import type { ParsedFile } from '../load/parse.js';
import { schemaErrorToFinding, type Finding } from './messages.js';
import { loadPrecompiledValidator } from './precompiled.js';
import { readModelSchema } from './schema-file.js';

/** verbose: errors carry the schema and parent schema, where the allowed keys and values are. */
export const AJV_OPTIONS = { allErrors: true, strict: true, verbose: true } as const;

let compiled: ValidateFunction | undefined;

/**
 * Once per process, and ahead of time when the build generated the validator: compiling the
 * schema costs far more than validating a file, and most of a small run.
 */
function validator(): ValidateFunction {
  compiled ??= loadPrecompiledValidator() ?? compileAtRunTime();
  return compiled;
}

/** ajv itself is loaded only here: a run with the generated validator never needs it. */
function compileAtRunTime(): ValidateFunction {
  const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
  return new Ajv(AJV_OPTIONS).compile(readModelSchema());
}

/**
 * Checks a parsed file against the model format. ajv's errors become one diagnostic per
 * location, located in the YAML, worded for the person editing the file.
 */
export function validateSchema(parsed: ParsedFile): Diagnostic[] {
  const written = parsed.value === null ? nullWrittenOut(parsed.text) : undefined;
  if (written !== undefined) return [nullFileDiagnostic(parsed, written)];
  const validate = validator();
  if (validate(parsed.value)) return [];
  const findings = (validate.errors ?? [])
    // Suggestions cost an edit-distance search each; past what can be shown, they are skipped.
    .map((error, index) => schemaErrorToFinding(error, parsed.value, index < LIMITS.maxDiagnosticsPerFile))
    .filter((finding): finding is Finding => finding !== undefined);
  return onePerLocation(findings).map((finding) =>
    diagnostic(finding.code, {
      file: parsed.file,
      path: finding.path,
      range: parsed.locate(finding.path, finding.target),
      message: finding.message,
      ...(finding.hint ? { hint: finding.hint } : {}),
    }),
  );
}

/**
 * What a file that reads as null holds, when something is written (`~`, `null`): "the file
 * is empty" would send the user looking for a file that did not save. Undefined for a
 * file of blanks, comments and document markers only, which is empty.
 */
function nullWrittenOut(text: string): string | undefined {
  const content = text
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/(?:^|\s)#.*$/, '').trim())
    .filter((line) => line !== '' && line !== '---' && line !== '...' && !line.startsWith('%'))
    .join(' ')
    .replace(/^---\s+/, '');
  return content === '' ? undefined : content;
}

function nullFileDiagnostic(parsed: ParsedFile, written: string): Diagnostic {
  return diagnostic('schema-type', {
    file: parsed.file,
    path: [],
    range: parsed.locate([]),
    message: `the file holds only null (${JSON.stringify(shorten(written))}), not a mapping`,
    hint: 'a model file is a mapping that starts with "threatdoc: 1"',
  });
}

const PRIORITY: readonly Finding['code'][] = [
  'schema-type',
  'schema-required',
  'schema-unknown-key',
  'schema-enum',
  'schema-pattern',
  'text-too-long',
  'schema-invalid',
];

/**
 * ajv can report several keywords for one value (a wrong type and a pattern, say); the user
 * needs the most basic one. Missing keys of one object merge into one finding.
 */
function onePerLocation(findings: readonly Finding[]): Finding[] {
  const byLocation = new Map<string, Finding>();
  for (const finding of findings) {
    const key = locationKey(finding.path, finding.target);
    const seen = byLocation.get(key);
    if (!seen) {
      byLocation.set(key, finding);
    } else if (seen.code === 'schema-required' && finding.code === 'schema-required') {
      byLocation.set(key, mergeRequired(seen, finding));
    } else if (PRIORITY.indexOf(finding.code) < PRIORITY.indexOf(seen.code)) {
      byLocation.set(key, finding);
    }
  }
  return [...byLocation.values()];
}

function locationKey(path: JsonPath, target: LocateTarget | undefined): string {
  return `${target ?? 'value'}\u0000${JSON.stringify(path)}`;
}

function mergeRequired(a: Finding, b: Finding): Finding {
  const keys = [...(a.missing ?? []), ...(b.missing ?? [])];
  const subject = a.subject ?? 'the object';
  const quoted = keys.map((k) => `"${k}"`);
  const list = quoted.length === 2 ? quoted.join(' and ') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1] ?? ''}`;
  return { ...a, missing: keys, message: `${subject} is missing required keys ${list}` };
}
