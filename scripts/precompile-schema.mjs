#!/usr/bin/env node
/**
 * Build step after tsc: writes the model schema's validator as ajv standalone code into
 * dist/validate/, where src/validate/precompiled.ts loads it instead of compiling the schema
 * on every run. Same ajv options as the run-time compile; stamped with the schema's sha256.
 */
import { writeFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import { PRECOMPILED_FILE, schemaDigest } from '../dist/validate/precompiled.js';
import { AJV_OPTIONS } from '../dist/validate/schema.js';
import { readModelSchema, readModelSchemaText } from '../dist/validate/schema-file.js';

const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
const validate = ajv.compile(readModelSchema());
const code = (standalone.default ?? standalone)(ajv, validate);
const target = new URL(`../dist/validate/${PRECOMPILED_FILE}`, import.meta.url);
writeFileSync(target, `${code}\nmodule.exports.schemaSha256 = ${JSON.stringify(schemaDigest(readModelSchemaText()))};\n`);
