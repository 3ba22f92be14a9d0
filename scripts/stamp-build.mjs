#!/usr/bin/env node
/**
 * Last build step: names the build by the sha256 of every file in dist (paths and contents,
 * in sorted order) and writes it into dist/build-id.js, which src/build-id.ts stands in for.
 * The same sources give the same id; any change to the code gives another, so a cache made
 * by other code is never read as this code's.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const STAMP = 'build-id.js';
const hash = createHash('sha256');
const files = readdirSync(dist, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => join(entry.parentPath, entry.name).slice(dist.length))
  .filter((path) => path !== STAMP && !path.startsWith(`${STAMP}.`))
  .sort();
for (const path of files) hash.update(`${path}\0`).update(readFileSync(join(dist, path))).update('\0');
writeFileSync(join(dist, STAMP), `export const BUILD_ID = ${JSON.stringify(hash.digest('hex'))};\n`);
