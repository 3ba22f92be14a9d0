/**
 * The built CLI validates with the schema validator generated at build time
 * (scripts/precompile-schema.mjs); tests running from src compile the schema instead. Both
 * must judge every document alike, down to each error, or the CLI and the tests would
 * disagree: checked on the example models and on mutations of them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import fc from 'fast-check';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PRECOMPILED_FILE, schemaDigest } from '../../src/validate/precompiled.js';
import { AJV_OPTIONS } from '../../src/validate/schema.js';
import { readModelSchema, readModelSchemaText } from '../../src/validate/schema-file.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { applyMutation, idsOf, mutation, type Json } from './mutate.js';

const GENERATED = join(REPO_ROOT, 'dist', 'validate', PRECOMPILED_FILE);

describe('the schema validator generated at build time', () => {
  it('exists after npm run build and was generated from the current schema', () => {
    expect(existsSync(GENERATED), `${GENERATED} is missing: run npm run build`).toBe(true);
    const mod = createRequire(import.meta.url)(GENERATED) as { schemaSha256: string };
    expect(mod.schemaSha256).toBe(schemaDigest(readModelSchemaText()));
  });

  it('reports exactly what the run-time compiled validator reports', () => {
    const generated = (createRequire(import.meta.url)(GENERATED) as { default: ValidateFunction }).default;
    const compiled = new Ajv(AJV_OPTIONS).compile(readModelSchema());
    const outcome = (validate: ValidateFunction, doc: Json) => ({ valid: validate(doc), errors: structuredClone(validate.errors ?? []) });

    const models = join(REPO_ROOT, 'models');
    const docs = (readdirSync(models, { recursive: true }) as string[])
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((f) => parse(readFileSync(join(models, f), 'utf8')) as Json);
    for (const doc of docs) expect(outcome(generated, doc)).toEqual(outcome(compiled, doc));

    fc.assert(
      fc.property(fc.nat(docs.length - 1), fc.array(mutation, { minLength: 1, maxLength: 4 }), (which, mutations) => {
        const doc = structuredClone(docs[which]!);
        for (const m of mutations) applyMutation([doc], m, idsOf([doc]));
        expect(outcome(generated, doc)).toEqual(outcome(compiled, doc));
      }),
      { numRuns: 300 },
    );
  });
});
