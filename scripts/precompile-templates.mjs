#!/usr/bin/env node
/**
 * Build step after tsc: generates the code of the shipped templates (templates/) and writes it
 * into dist/render/, where src/render/precompiled.ts loads it instead of parsing and generating
 * on every run. Fails when a shipped template uses what the generator does not cover.
 */
import { writeFileSync } from 'node:fs';
import { generatedModule } from '../dist/render/environment.js';
import { PRECOMPILED_FILE } from '../dist/render/precompiled.js';
import { loadTemplates } from '../dist/render/templates.js';

const target = new URL(`../dist/render/${PRECOMPILED_FILE}`, import.meta.url);
writeFileSync(target, generatedModule(loadTemplates(process.cwd())));
