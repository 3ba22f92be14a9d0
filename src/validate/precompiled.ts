/**
 * The model schema's validator generated ahead of time: `npm run build` writes ajv's
 * standalone code for it next to this module (scripts/precompile-schema.mjs). Loading that
 * file takes milliseconds where compiling the schema takes a fifth of a second, most of a
 * small run. The file names the sha256 of the schema it was generated from; when it is
 * missing (tests run from src) or was made from another schema, the caller compiles instead.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import { readModelSchemaText } from './schema-file.js';

export const PRECOMPILED_FILE = 'model-schema.validator.cjs';

interface PrecompiledModule {
  readonly default: ValidateFunction;
  readonly schemaSha256: string;
}

export function schemaDigest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function loadPrecompiledValidator(): ValidateFunction | undefined {
  let mod: PrecompiledModule;
  try {
    mod = createRequire(import.meta.url)(`./${PRECOMPILED_FILE}`) as PrecompiledModule;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
  return mod.schemaSha256 === schemaDigest(readModelSchemaText()) ? mod.default : undefined;
}
