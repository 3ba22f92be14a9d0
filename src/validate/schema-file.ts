import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** schema/ sits two levels above both src/validate and dist/validate, and ships in the package. */
export function modelSchemaPath(): string {
  return fileURLToPath(new URL('../../schema/threat-model.schema.json', import.meta.url));
}

let cachedText: string | undefined;
let cached: Record<string, unknown> | undefined;

/** The schema file's text, read once per process. */
export function readModelSchemaText(): string {
  cachedText ??= readFileSync(modelSchemaPath(), 'utf8');
  return cachedText;
}

/** The model format's JSON Schema, read once per process. */
export function readModelSchema(): Record<string, unknown> {
  cached ??= JSON.parse(readModelSchemaText()) as Record<string, unknown>;
  return cached;
}
