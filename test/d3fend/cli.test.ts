import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const MINI_TTL = fileURLToPath(new URL('../fixtures/d3fend/mini-ontology.ttl', import.meta.url));
const MINI_CATALOG = fileURLToPath(new URL('../fixtures/d3fend/mini-catalog.json', import.meta.url));
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;
const work = mkdtempSync(join(tmpdir(), 'threatdoc-d3fend-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('threatdoc d3fend show', () => {
  it('shows a D3FEND technique with its parents, artifacts and what it counters', async () => {
    const run = await runCli(['d3fend', 'show', 'D3-DENCR']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    await expect(run.stdout).toMatchFileSnapshot('__snapshots__/show-D3-DENCR.txt');
    expect(run.stdout).toContain('T1564.005  Hidden File System              encrypts Storage ← modifies Storage');
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('shows an ATT&CK technique with its countermeasures grouped by tactic, id case ignored', async () => {
    const run = await runCli(['d3fend', 'show', 't1055.012']);
    expect(run.code).toBe(0);
    await expect(run.stdout).toMatchFileSnapshot('__snapshots__/show-T1055.012.txt');
    expect(run.stdout).toMatch(/Parent\s+T1055 Process Injection/);
    expect(run.stdout).toMatch(/ {2}Harden\n {4}D3-PSEP .*\n {4}D3-SAOR .*obfuscates ProcessSegment ← modifies ProcessCodeSegment\n {2}Detect\n/);
  });

  it('prints JSON with --json', async () => {
    const run = await runCli(['d3fend', 'show', 'D3-SAOR', '--json']);
    expect(run.code).toBe(0);
    const shown = JSON.parse(run.stdout) as { kind: string; technique: { id: string }; counters: { id: string; explanations: { text: string }[] }[] };
    expect(shown.kind).toBe('technique');
    expect(shown.counters).toHaveLength(12);
    expect(shown.counters.find((c) => c.id === 'T1055.012')?.explanations.map((e) => e.text)).toEqual([
      'obfuscates ProcessSegment ← modifies ProcessCodeSegment',
    ]);
  });

  it('says what a deprecated ATT&CK technique was replaced by', async () => {
    const run = await runCli(['d3fend', 'show', 'T1002']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Replaced by T1560 Archive Collected Data.');
  });

  it('exits 1 with "did you mean" for an unknown id', async () => {
    const run = await runCli(['d3fend', 'show', 'D3-DENC']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('threatdoc: unknown D3FEND or ATT&CK id "D3-DENC"; did you mean:\n  D3-DENCR  Disk Encryption\n');
    const attack = await runCli(['d3fend', 'show', 'T1055.12']);
    expect(attack.code).toBe(1);
    expect(attack.stderr).toContain('T1055.012  Process Hollowing');
  });

  it('exits 1 for an analytic id, saying it is not a countermeasure', async () => {
    const run = await runCli(['d3fend', 'show', 'D3-ARMA']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('threatdoc: D3-ARMA is an analytic technique (ARMA Model), not a countermeasure\n');
  });

  it('reads another catalog with --catalog, and rejects one that is not a catalog with exit 2', async () => {
    const run = await runCli(['d3fend', 'show', 'D3-OLD', '--catalog', MINI_CATALOG]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('D3-OLD (Old Technique) is deprecated in D3FEND; use D3-FE File Encryption');
    const bad = await runCli(['d3fend', 'show', 'D3-FE', '--catalog', MINI_TTL]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^threatdoc: the D3FEND catalog .*mini-ontology\.ttl is not valid JSON/);
    expect(bad.stderr).not.toMatch(STACK_FRAME);
  });

  it('refuses a --catalog that is inconsistent inside with exit 2 and one line, and says why a file is missing', async () => {
    const catalog = JSON.parse(readFileSync(MINI_CATALOG, 'utf8')) as { techniques: { tactic: string }[] };
    catalog.techniques[0]!.tactic = 'Anticipate';
    const path = join(work, 'inconsistent.json');
    writeFileSync(path, JSON.stringify(catalog));
    const run = await runCli(['d3fend', 'show', 'D3-FE', '--catalog', path]);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe(`threatdoc: the D3FEND catalog ${path} is inconsistent: technique D3-ACH has tactic "Anticipate", which is not among its tactics\n`);
    const missing = await runCli(['d3fend', 'search', 'disk', '--catalog', join(work, 'absent.json')]);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toBe(`threatdoc: cannot read the D3FEND catalog ${join(work, 'absent.json')}: no such file or directory\n`);
  });
});

describe('threatdoc d3fend search', () => {
  it('prints a ranked table of id, label and tactic', async () => {
    const run = await runCli(['d3fend', 'search', 'disk', 'encrypt']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('ID        LABEL            TACTIC\nD3-DENCR  Disk Encryption  Harden\n');
    const disk = await runCli(['d3fend', 'search', 'disk']);
    expect(disk.stdout.split('\n').slice(1, -1).map((line) => line.split(/\s+/)[0])).toEqual(['D3-DENCR', 'D3-DKE', 'D3-DKF', 'D3-DKP', 'D3-RDI']);
  });

  it('prints JSON with --json and honours --limit', async () => {
    const run = await runCli(['d3fend', 'search', 'encryption', '--json', '--limit', '2']);
    expect(run.code).toBe(0);
    const results = JSON.parse(run.stdout) as { id: string; label: string; tactic: string; url: string }[];
    expect(results).toHaveLength(2);
    expect(results[0]).toEqual({ id: 'D3-DENCR', label: 'Disk Encryption', tactic: 'Harden', url: 'https://d3fend.mitre.org/technique/d3f:DiskEncryption/' });
  });

  it('exits 1 when nothing matches, and 2 for a bad --limit', async () => {
    const none = await runCli(['d3fend', 'search', 'qqqzzz']);
    expect(none).toMatchObject({ code: 1, stdout: '' });
    expect(none.stderr).toBe('threatdoc: no D3FEND technique matches "qqqzzz"\n');
    const limit = await runCli(['d3fend', 'search', 'disk', '--limit', '0']);
    expect(limit.code).toBe(2);
    expect(limit.stderr).toBe('threatdoc: --limit must be a whole number of at least 1, not "0"\n');
  });

  it('takes --limit only as plain digits', async () => {
    for (const value of ['0x2', '1e3', '2.0', ' 2', '+2']) {
      const run = await runCli(['d3fend', 'search', 'disk', '--limit', value]);
      expect(run).toMatchObject({ code: 2, stdout: '', stderr: `threatdoc: --limit must be a whole number of at least 1, not "${value}"\n` });
    }
  });

  it('refuses blank words as a usage error, as it does empty ones', async () => {
    const empty = await runCli(['d3fend', 'search', '']);
    expect(empty.code).toBe(2);
    for (const words of [[' '], ['\t', '  ']]) {
      const run = await runCli(['d3fend', 'search', ...words]);
      expect(run).toMatchObject({ code: 2, stdout: '', stderr: 'threatdoc: the words are blank (is a variable unset?)\n' });
    }
  });

  it('points an ATT&CK id to d3fend show', async () => {
    const run = await runCli(['d3fend', 'search', 't1055.012']);
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toBe(
      'threatdoc: no D3FEND technique matches "t1055.012"; for the ATT&CK technique and what counters it, run: threatdoc d3fend show T1055.012\n',
    );
    const parent = await runCli(['d3fend', 'search', 'T1055']);
    expect(parent.stderr).toContain('run: threatdoc d3fend show T1055\n');
  });
});

describe('threatdoc d3fend import', () => {
  it('writes a catalog with provenance and prints the figures', async () => {
    const out = join(work, 'nested', 'catalog.json');
    const run = await runCli(['d3fend', 'import', MINI_TTL, '--version', '0.9.1', '--release-date', '2025-01-02', '--commit', 'ABC1234', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^wrote .*catalog\.json: D3FEND 0\.9\.1, 6 techniques \(Model 0, Harden 3, Detect 3, Isolate 0, Deceive 0, Evict 0, Restore 0\), 4 ATT&CK techniques, 3 links, in \d+\.\d\d s\n$/);
    const catalog = JSON.parse(readFileSync(out, 'utf8')) as { provenance: Record<string, unknown> };
    expect(catalog.provenance).toMatchObject({
      version: '0.9.1',
      tag: '0.9.1',
      commit: 'abc1234',
      releaseDate: '2025-01-02',
      files: [{ path: 'mini-ontology.ttl', sha256: createHash('sha256').update(readFileSync(MINI_TTL)).digest('hex') }],
    });
    // The written catalog is usable by show right away.
    const show = await runCli(['d3fend', 'show', 'D3-FE', '--catalog', out]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('T1619  Cloud Storage Object Discovery  encrypts File ← modifies File');
  });

  it('writes each tactic once when the input files overlap', async () => {
    const out = join(work, 'twice.json');
    const run = await runCli(['d3fend', 'import', MINI_TTL, MINI_TTL, '--version', '1', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('6 techniques (Model 0, Harden 3, Detect 3, Isolate 0, Deceive 0, Evict 0, Restore 0)');
    const catalog = JSON.parse(readFileSync(out, 'utf8')) as { tactics: { name: string }[] };
    expect(catalog.tactics.map((t) => t.name)).toEqual(['Model', 'Harden', 'Detect', 'Isolate', 'Deceive', 'Evict', 'Restore']);
    const show = await runCli(['d3fend', 'show', 'T1619', '--catalog', out]);
    expect(show.code).toBe(0);
    expect(show.stdout.match(/^ {2}Harden$/gm)).toHaveLength(1);
  });

  it('records upstream paths given with --source-path', async () => {
    const out = join(work, 'sourced.json');
    const run = await runCli(['d3fend', 'import', MINI_TTL, '--version', '1', '--source-path', 'src/ontology/mini.ttl', '--out', out]);
    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ provenance: { files: [{ path: 'src/ontology/mini.ttl' }] } });
  });

  it('exits 1 on a Turtle syntax error, naming file and line, and keeps the old catalog', async () => {
    const broken = join(work, 'broken.ttl');
    writeFileSync(broken, '@prefix : <http://d3fend.mitre.org/ontologies/d3fend.owl#> .\n:X :y "never closed .\n');
    const out = join(work, 'kept.json');
    writeFileSync(out, 'previous');
    const run = await runCli(['d3fend', 'import', broken, '--version', '1', '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^threatdoc: d3fend import: .*broken\.ttl: .*line 2/);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(out, 'utf8')).toBe('previous');
    expect(readdirSync(work).filter((name) => name.startsWith('.threatdoc-tmp-'))).toEqual([]);
  });

  it('refuses, exit 1, a catalog far smaller than the one it would replace, unless --allow-fewer', async () => {
    const out = join(work, 'shrinking.json');
    expect((await runCli(['d3fend', 'import', MINI_TTL, '--version', '0.9.1', '--out', out])).code).toBe(0);
    const before = readFileSync(out, 'utf8');
    // Cut at a statement boundary, after the first three techniques: valid Turtle, and the right shape.
    const text = readFileSync(MINI_TTL, 'utf8');
    const cut = join(work, 'cut.ttl');
    writeFileSync(cut, text.slice(0, text.indexOf(':d3fend-id "D3-FE" .') + ':d3fend-id "D3-FE" .'.length + 1));
    const refused = await runCli(['d3fend', 'import', cut, '--version', '0.9.2', '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      `threatdoc: d3fend import: far fewer entries than the catalog it would replace, ${out} (D3FEND 0.9.1): ` +
        '3 D3FEND techniques against 6, 0 ATT&CK techniques against 4, 0 links against 3, no Detect technique against 3. ' +
        'Is a file cut short? Nothing written; give --allow-fewer to write it anyway\n',
    );
    expect(readFileSync(out, 'utf8')).toBe(before);

    const allowed = await runCli(['d3fend', 'import', cut, '--version', '0.9.2', '--out', out, '--allow-fewer']);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain('D3FEND 0.9.2, 3 techniques');
    // Nothing to compare with: a missing file, or one that is not a catalog, is written.
    const fresh = join(work, 'fresh.json');
    writeFileSync(fresh, 'not a catalog');
    expect((await runCli(['d3fend', 'import', cut, '--version', '0.9.2', '--out', fresh])).code).toBe(0);
  });

  it('exits 1 when the ontology lacks the structure the catalog needs', async () => {
    const empty = join(work, 'empty.ttl');
    writeFileSync(empty, '@prefix : <http://d3fend.mitre.org/ontologies/d3fend.owl#> .\n');
    const run = await runCli(['d3fend', 'import', empty, '--version', '1', '--out', join(work, 'never.json')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('threatdoc: d3fend import: the ontology defines no tactic Model, Harden, Detect, Isolate, Deceive, Evict, Restore\n');
    expect(readdirSync(work)).not.toContain('never.json');
  });

  it('exits 2 with one line for a missing file and for bad options', async () => {
    const missing = await runCli(['d3fend', 'import', join(work, 'nope.ttl'), '--version', '1', '--out', join(work, 'x.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^threatdoc: cannot read .*nope\.ttl: no such file\n$/);
    const date = await runCli(['d3fend', 'import', MINI_TTL, '--release-date', '2025-02-30', '--out', join(work, 'x.json')]);
    expect(date).toMatchObject({ code: 2, stderr: 'threatdoc: --release-date must be a date as YYYY-MM-DD, not "2025-02-30"\n' });
    const commit = await runCli(['d3fend', 'import', MINI_TTL, '--commit', 'main', '--out', join(work, 'x.json')]);
    expect(commit.code).toBe(2);
    expect(readdirSync(work)).not.toContain('x.json');
  });

  it('leaves threatdoc --version working before the command name', async () => {
    const run = await runCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('hostile text on the command line', () => {
  it('quotes control characters instead of echoing them to the terminal', async () => {
    const show = await runCli(['d3fend', 'show', 'D3-\u001b[31mX']);
    expect(show.code).toBe(1);
    expect(show.stderr).toContain('"D3-\\u001b[31mX"');
    expect(show.stderr).not.toContain('\u001b');
    const search = await runCli(['d3fend', 'search', 'zz\u0007q']);
    expect(search.code).toBe(1);
    expect(search.stderr).toBe('threatdoc: no D3FEND technique matches "zz\\u0007q"\n');
  });
});
