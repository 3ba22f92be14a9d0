import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkFiles, checkWorkspace } from '../../src/pipeline.js';
import { human } from '../../src/report/diagnostics/human.js';
import { diagnosticReport } from '../../src/report/diagnostics/report.js';
import { fixtureCatalog } from '../helpers/catalog.js';
import { formatActual, formatExpected, readMarkers } from '../helpers/markers.js';

const INVALID = fileURLToPath(new URL('../fixtures/invalid/', import.meta.url));
const VALID = fileURLToPath(new URL('../fixtures/valid/', import.meta.url));
const units = (dir: string): string[] => readdirSync(dir).filter((name) => !name.endsWith('.md')).sort();

describe('invalid fixtures report exactly the diagnostics their markers name', () => {
  it.each(units(INVALID))('%s', async (unit) => {
    const result = await checkWorkspace([unit], { cwd: INVALID, catalog: fixtureCatalog() });
    const expected = readMarkers(`${INVALID}${unit}`, INVALID);
    expect(expected.length, 'a fixture must mark at least one diagnostic').toBeGreaterThan(0);
    expect(formatActual(result.diagnostics, expected)).toEqual(formatExpected(expected));
    for (const d of result.diagnostics) expect(d.message).not.toMatch(/must NOT|must match|must have required/);
    // The wording, hints and code frames are part of the behaviour too.
    const text = human(diagnosticReport(result.diagnostics), { sources: result.sources, color: false, toolVersion: 'test' });
    await expect(text).toMatchFileSnapshot(`./__snapshots__/invalid/${unit.replace(/\.ya?ml$/, '')}.txt`);
    // `validate` checks without building the workspace: it must find exactly the same.
    expect((await checkFiles([unit], { cwd: INVALID, catalog: fixtureCatalog() })).diagnostics).toEqual(result.diagnostics);
  });
});

describe('valid fixtures', () => {
  it.each(units(VALID))('%s has no diagnostics', async (unit) => {
    const result = await checkWorkspace([unit], { cwd: VALID, catalog: fixtureCatalog() });
    expect(result.diagnostics).toEqual([]);
    expect(result.workspace.models.length).toBeGreaterThan(0);
  });
});
