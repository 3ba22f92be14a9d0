#!/usr/bin/env node
/**
 * Build step: tsc only adds and overwrites files, so a module renamed or removed in src/ would
 * stay in dist/, be importable there and be published with the package. The build starts
 * from an empty dist/.
 */
import { rmSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
