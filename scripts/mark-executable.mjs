#!/usr/bin/env node
/**
 * Build step: tsc writes dist/cli/bin.js without the executable bit. npm sets it when the
 * package is installed as a dependency, but `npx threatdoc` inside this repository runs the
 * file directly, so the build sets it here.
 */
import { chmodSync } from 'node:fs';

chmodSync(new URL('../dist/cli/bin.js', import.meta.url), 0o755);
