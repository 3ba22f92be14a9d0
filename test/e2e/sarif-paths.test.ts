/**
 * SARIF locations through the built CLI: code scanning resolves %SRCROOT% to the repository
 * root, so paths are written from there whatever directory the command ran in.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { SHOP } from '../report-coverage/shop-yaml.js';

let repo = '';
beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'threatdoc-sarif-'));
  // A repository as code scanning sees one: the .git entry marks its root.
  mkdirSync(join(repo, '.git'));
  mkdirSync(join(repo, 'security', 'models'), { recursive: true });
  writeFileSync(join(repo, 'security', 'models', 'shop.yaml'), SHOP);
  // An asset no threat names: a warning, so validate has a result to place.
  writeFileSync(join(repo, 'security', 'models', 'spare.yaml'), 'threatdoc: 1\nid: spare\ntitle: Spare\nstatus: draft\nassets:\n  - id: spare-disk\n    name: Spare disk\n');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

interface Location {
  physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } };
}
const locations = (sarif: string) =>
  (JSON.parse(sarif) as { runs: { results: { locations?: Location[] }[] }[] }).runs[0]!.results.flatMap((r) => r.locations ?? []).map((l) => l.physicalLocation.artifactLocation);

describe('SARIF paths', () => {
  it.each([
    ['report', ['report', 'models', '--format', 'sarif']],
    ['validate', ['validate', 'models', '--format', 'sarif', '--max-warnings', '1000']],
  ])('%s run in a subdirectory names files from the repository root', async (_, args) => {
    const run = await runCli(args, { cwd: join(repo, 'security') });
    const found = locations(run.stdout);
    expect(found.length).toBeGreaterThan(0);
    for (const location of found) expect(location).toEqual({ uri: expect.stringMatching(/^security\/models\/(shop|spare)\.yaml$/), uriBaseId: '%SRCROOT%' });
  });

  it('names them from the working directory outside a repository', async () => {
    const plain = mkdtempSync(join(tmpdir(), 'threatdoc-sarif-plain-'));
    try {
      mkdirSync(join(plain, 'models'));
      writeFileSync(join(plain, 'models', 'shop.yaml'), SHOP);
      const found = locations((await runCli(['report', 'models', '--format', 'sarif'], { cwd: plain })).stdout);
      expect(found.length).toBeGreaterThan(0);
      for (const location of found) expect(location).toEqual({ uri: 'models/shop.yaml', uriBaseId: '%SRCROOT%' });
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});
