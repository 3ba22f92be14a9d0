#!/usr/bin/env node
/**
 * Build step after tsc: compiles the shipped templates (templates/) with the options the
 * renderer uses and writes their Handlebars specs into dist/render/, where
 * src/render/precompiled.ts loads them instead of compiling on every run. Each entry keeps the
 * text it was compiled from; the renderer compiles any template whose text differs.
 */
import { writeFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { COMPILE_OPTIONS } from '../dist/render/environment.js';
import { PRECOMPILED_FILE } from '../dist/render/precompiled.js';
import { DEFAULT_TEMPLATE_DIR, loadTemplates } from '../dist/render/templates.js';

const entries = [...loadTemplates(DEFAULT_TEMPLATE_DIR).files].map(
  ([rel, t]) => `  ${JSON.stringify(rel)}: { source: ${JSON.stringify(t.source)}, spec: ${Handlebars.precompile(t.source, COMPILE_OPTIONS)} },`,
);
const target = new URL(`../dist/render/${PRECOMPILED_FILE}`, import.meta.url);
writeFileSync(target, `'use strict';\nmodule.exports = {\n${entries.join('\n')}\n};\n`);
