import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser and Sphinx tests are heavy; two cores, so keep workers few.
    maxWorkers: 2,
    // The CLI runs the tests start keep their cache of clean files here, not in the user's home;
    // tests of the cache itself name their own directory.
    env: { THREATDOC_CACHE_DIR: mkdtempSync(join(tmpdir(), 'threatdoc-test-cache-')) },
  },
});
