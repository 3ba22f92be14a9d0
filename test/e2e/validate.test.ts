import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { sarifValidator } from '../helpers/sarif.js';

// A broken model: an unknown asset (error, line 9) and an asset no threat uses (warning, line 6).
const BROKEN = `threatdoc: 1
id: broken
title: Broken
status: draft
assets:
  - id: backups
    name: Backups
threats:
  - { id: t1, title: T, assets: [dsk] }
`;
const WARN_ONLY = BROKEN.replace('assets: [dsk]', 'assets: []');

let cwd: string;
beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'threatdoc-e2e-'));
  mkdirSync(join(cwd, 'models'));
  writeFileSync(join(cwd, 'models', 'broken.yaml'), BROKEN);
  mkdirSync(join(cwd, 'warn'));
  writeFileSync(join(cwd, 'warn', 'm.yaml'), WARN_ONLY);
  mkdirSync(join(cwd, 'empty'));
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('threatdoc validate (built CLI)', () => {
  it('human: file:line:col lines, frame, exit 1', async () => {
    const run = await runCli(['validate'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('models/broken.yaml:6:9 warning unused-asset asset "backups" is affected by no threat');
    expect(run.stdout).toContain('models/broken.yaml:9:34 error unknown-asset threat "t1" names asset "dsk", which is not defined');
    expect(run.stdout).toContain('2 problems in 1 file (1 error, 1 warning)');
    expect(run.stdout).not.toContain('\u001b[');
    expect(run.stderr).toBe('');
  });

  it('counts in its summary the files the problems are in, an unreadable one too', async () => {
    const dir = join(cwd, 'two-bad');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.yaml'), BROKEN);
    writeFileSync(join(dir, 'b.yaml'), Buffer.from([0x69, 0x64, 0x3a, 0x20, 0xff, 0x0a]));
    const run = await runCli(['validate', 'two-bad'], { cwd });
    expect(run.stdout).toContain('two-bad/b.yaml:1:5 error file-encoding');
    // With b.yaml unread, whether a's asset is used is unknowable: no unused-asset warning.
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('2 problems in 2 files (2 errors, 0 warnings)');
    expect(run.code).toBe(1);
  });

  it('json', async () => {
    const run = await runCli(['validate', 'models', '--format', 'json'], { cwd });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.diagnostics.map((d: { file: string; line: number; column: number; code: string }) => `${d.file}:${d.line}:${d.column} ${d.code}`)).toEqual([
      'models/broken.yaml:6:9 unused-asset',
      'models/broken.yaml:9:34 unknown-asset',
    ]);
  });

  it('github', async () => {
    const run = await runCli(['validate', 'models', '--format=github'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error file=models/broken.yaml,line=9,col=34,title=threatdoc unknown-asset::');
    expect(run.stdout).toContain('::warning file=models/broken.yaml,line=6,col=9,title=threatdoc unused-asset::');
  });

  it('sarif validates against the SARIF 2.1.0 schema', async () => {
    const run = await runCli(['validate', 'models', '-f', 'sarif'], { cwd });
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout);
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const locations = log.runs[0].results.map(
      (r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }) => {
        const { artifactLocation, region } = r.locations[0]?.physicalLocation ?? { artifactLocation: { uri: '' }, region: { startLine: 0, startColumn: 0 } };
        return `${artifactLocation.uri}:${region.startLine}:${region.startColumn} ${r.ruleId}`;
      },
    );
    expect(locations).toEqual(['models/broken.yaml:6:9 unused-asset', 'models/broken.yaml:9:34 unknown-asset']);
  });

  it('--output writes the report to a file and nothing to stdout', async () => {
    const run = await runCli(['validate', 'models', '-f', 'sarif', '-o', 'out.sarif'], { cwd });
    expect(run).toMatchObject({ code: 1, stdout: '' });
    const log = JSON.parse(readFileSync(join(cwd, 'out.sarif'), 'utf8'));
    expect(log.runs[0].results).toHaveLength(2);
    const blocked = await runCli(['validate', 'models', '-o', 'no/such/dir/out.txt'], { cwd });
    expect(blocked).toMatchObject({ code: 2, stderr: 'threatdoc: cannot write no/such/dir/out.txt: its directory does not exist\n' });
    const onDir = await runCli(['validate', 'models', '-o', 'models'], { cwd });
    expect(onDir).toMatchObject({ code: 2, stderr: 'threatdoc: cannot write models: it is a directory\n' });
  });

  it('warnings pass unless --max-warnings is exceeded; --quiet hides them', async () => {
    expect((await runCli(['validate', 'warn'], { cwd })).code).toBe(0);
    expect((await runCli(['validate', 'warn', '--max-warnings', '1'], { cwd })).code).toBe(0);
    const strict = await runCli(['validate', 'warn', '--max-warnings', '0'], { cwd });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toBe('threatdoc: 1 warning, more than --max-warnings 0\n');
    const quiet = await runCli(['validate', 'warn', '--quiet'], { cwd });
    expect(quiet.stdout).toBe('no errors in 1 file (1 warning not shown)\n');
  });

  it('--quiet says how many warnings it hides beside the errors it lists', async () => {
    const run = await runCli(['validate', 'models', '--quiet'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('unused-asset');
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('1 error in 1 file (1 warning not shown)');
  });

  it.each(['human', 'json', 'github', 'sarif'])('--max-warnings says why it fails in %s, even with the warnings hidden', async (format) => {
    const run = await runCli(['validate', 'warn', '--quiet', '--max-warnings', '0', '--format', format], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('threatdoc: 1 warning, more than --max-warnings 0\n');
  });

  it('a missing path is a one-line usage error (exit 2); an empty directory is no-models (exit 1)', async () => {
    const missing = await runCli(['validate', 'nowhere'], { cwd });
    expect(missing).toMatchObject({ code: 2, stdout: '', stderr: 'threatdoc: no such file or directory: nowhere\n' });
    const empty = await runCli(['validate', 'empty'], { cwd });
    expect(empty.code).toBe(1);
    expect(empty.stdout).toContain('empty error no-models empty holds no model files (*.yaml or *.yml)');
  });

  it('refuses a model whose id is the name of a page every build writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'threatdoc-e2e-pages-'));
    try {
      mkdirSync(join(dir, 'models'));
      writeFileSync(join(dir, 'models', 'index.yaml'), 'threatdoc: 1\nid: index\ntitle: The index\nstatus: draft\n');
      const run = await runCli(['validate', 'models'], { cwd: dir });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('models/index.yaml:2:5 error duplicate-id model id "index" is the name of a page every build writes (index, d3fend-reference)');
      const build = await runCli(['build', 'models', '--out', 'site', '--diagrams', 'none'], { cwd: dir });
      expect(build.code).toBe(1);
      expect(build.stderr).toContain('model id "index" is the name of a page every build writes');
      expect(existsSync(join(dir, 'site'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('suggests for the first unknown references only, so thousands of them stay quick', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'threatdoc-e2e-typos-'));
    try {
      mkdirSync(join(dir, 'models'));
      const n = 2000;
      const lines = ['threatdoc: 1', 'id: typos', 'title: Typos', 'status: draft', 'assets:', '  - id: a1', '    name: Asset', 'threats:', '  - id: t0', '    title: T', '    assets: [a1]', '    mitigations:'];
      for (let i = 0; i < n; i++) lines.push(`      - encrypt-data-at-rest-${i}x`);
      lines.push('mitigations:');
      for (let i = 0; i < n; i++) lines.push(`  - id: encrypt-data-at-rest-${i}`, '    title: M', '    status: planned');
      writeFileSync(join(dir, 'models', 'm.yaml'), `${lines.join('\n')}\n`);
      const run = await runCli(['validate', 'models', '--format', 'json'], { cwd: dir });
      expect(run.code).toBe(1);
      const hints = (JSON.parse(run.stdout) as { diagnostics: { code: string; hint?: string }[] }).diagnostics
        .filter((d) => d.code === 'unknown-mitigation')
        .map((d) => d.hint ?? '');
      // 300,000 comparisons over 2,000 ids: the first 150 typos get a suggestion.
      expect(hints.slice(0, 150).every((h) => h.startsWith('did you mean "encrypt-data-at-rest-'))).toBe(true);
      expect(hints.slice(150).every((h) => h.startsWith('define it under "mitigations:"'))).toBe(true);
      expect(hints.length).toBeGreaterThan(150);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an unknown format is a usage error listing the choices', async () => {
    const run = await runCli(['validate', '--format', 'xml'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('human, json, github, sarif');
  });

  it('the example models are valid', async () => {
    const run = await runCli(['validate', 'models']);
    expect(run.stdout).toMatch(/^no problems found in \d+ files\n$/);
    expect(run.code).toBe(0);
  });

  it('schema prints the model JSON Schema and --path its location', async () => {
    const schema = JSON.parse((await runCli(['schema'])).stdout);
    expect(schema.$id).toBe('urn:threatdoc:schema:threat-model:1');
    expect((await runCli(['schema', '--path'])).stdout).toMatch(/schema\/threat-model\.schema\.json\n$/);
  });
});

describe('colour on a terminal', () => {
  const run = async (env: Record<string, string | undefined>) => {
    const { main } = await import('../../src/cli/main.js');
    let stdout = '';
    const code = await main(['validate', 'models'], {
      cwd,
      env,
      stdout: (text) => {
        stdout += text;
      },
      stderr: () => undefined,
      stdoutIsTTY: true,
      stderrIsTTY: true,
    });
    return { code, stdout };
  };

  it('is used on a TTY and dropped when NO_COLOR is set', async () => {
    expect((await run({})).stdout).toContain('\u001b[31merror\u001b[0m');
    const plain = await run({ NO_COLOR: '1' });
    expect(plain.code).toBe(1);
    expect(plain.stdout).not.toContain('\u001b[');
  });
});

describe('a file or subdirectory of the model directory named alone', () => {
  const LIBRARY = `threatdoc: 1
kind: library
id: shared
title: Shared
mitigations:
  - { id: m-shared, title: Used by a, status: implemented }
  - { id: m-spare, title: Used by nobody, status: implemented }
`;
  /** A model with one asset and one threat that uses the library's m-shared. */
  const model = (id: string, asset: string, threat: string, affects: string) => `threatdoc: 1
id: ${id}
title: ${id.toUpperCase()}
status: draft
assets:
  - { id: ${asset}, name: ${asset} }
threats:
  - { id: ${threat}, title: T, assets: ${affects}, mitigations: [m-shared] }
`;
  const A = model('a', 'disk', 't1', '[disk]');
  // Its asset is unused: a warning only when b.yaml itself (or the directory) is checked.
  const B = model('b', 'tape', 't2', '[]');
  let root: string;
  const layout = (name: string, library: string): string => {
    const dir = join(root, name);
    mkdirSync(join(dir, 'models', 'library'), { recursive: true });
    mkdirSync(join(dir, 'elsewhere'));
    writeFileSync(join(dir, 'models', 'library', 'shared.yaml'), library);
    writeFileSync(join(dir, 'models', 'a.yaml'), A);
    writeFileSync(join(dir, 'models', 'b.yaml'), B);
    writeFileSync(join(dir, 'elsewhere', 'a.yaml'), A);
    return dir;
  };
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'threatdoc-alone-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('resolves a model file against the libraries of its directory and reports that file only', async () => {
    const cwd = layout('clean', LIBRARY);
    const run = await runCli(['validate', 'models/a.yaml'], { cwd });
    expect(run.stdout).toBe('no problems found in 1 file\n');
    expect(run.code).toBe(0);
    // The directory as a whole: b's unused asset and the spare mitigation warn.
    const whole = await runCli(['validate', '--format', 'json'], { cwd });
    const codes = JSON.parse(whole.stdout).diagnostics.map((d: { file: string; code: string }) => `${d.file} ${d.code}`);
    expect(codes).toEqual(['models/b.yaml unused-asset', 'models/library/shared.yaml unused-mitigation']);
  });

  it('counts a library entry as used when a model of the directory uses it', async () => {
    const cwd = layout('library', LIBRARY);
    for (const target of ['models/library/shared.yaml', 'models/library']) {
      const run = await runCli(['validate', target, '--format', 'json'], { cwd });
      const found = JSON.parse(run.stdout).diagnostics.map((d: { file: string; line: number; code: string; message: string }) => `${d.file}:${d.line} ${d.code} ${d.message}`);
      expect(found).toEqual(['models/library/shared.yaml:7 unused-mitigation mitigation "m-spare" is linked to no threat']);
      expect(run.code).toBe(0);
    }
  });

  it('reports errors of the other files, which stand in its way, but not their warnings', async () => {
    const cwd = layout('broken', LIBRARY.replace('status: implemented }', 'status: implemented, d3fend: [D3-NOPE] }'));
    const run = await runCli(['validate', 'models/a.yaml', '--format', 'json'], { cwd });
    const found = JSON.parse(run.stdout).diagnostics.map((d: { file: string; severity: string; code: string }) => `${d.file} ${d.severity} ${d.code}`);
    expect(found).toEqual(['models/library/shared.yaml error d3fend-unknown']);
    expect(run.code).toBe(1);
  });

  it('checks a file outside the model directory on its own, and names a missing one', async () => {
    const cwd = layout('outside', LIBRARY);
    const alone = await runCli(['validate', 'elsewhere/a.yaml'], { cwd });
    expect(alone.code).toBe(1);
    expect(alone.stdout).toContain('elsewhere/a.yaml:8:55 error unknown-mitigation threat "t1" names mitigation "m-shared", which is not defined');
    const missing = await runCli(['validate', 'models/nope.yaml'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('models/nope.yaml');
  });

  it('checks the only file of a model directory as the directory', async () => {
    const cwd = join(root, 'only');
    mkdirSync(join(cwd, 'models'), { recursive: true });
    writeFileSync(join(cwd, 'models', 'solo.yaml'), LIBRARY.replace('kind: library\n', '').replace('title: Shared', 'title: Solo\nstatus: draft\nthreats:\n  - { id: t, title: T, mitigations: [m-shared, m-spare] }'));
    for (const target of ['models', 'models/solo.yaml']) {
      const run = await runCli(['validate', target], { cwd });
      expect(run.stdout).toBe('no problems found in 1 file\n');
      expect(run.code).toBe(0);
    }
  });

  it('takes the model directory from the config', async () => {
    const cwd = layout('configured', LIBRARY);
    renameSync(join(cwd, 'models'), join(cwd, 'threat-models'));
    writeFileSync(join(cwd, 'threatdoc.config.yaml'), 'models: threat-models\n');
    const run = await runCli(['validate', 'threat-models/a.yaml'], { cwd });
    expect(run.stdout).toBe('no problems found in 1 file\n');
    expect(run.code).toBe(0);
  });
});

describe('a file with more problems than are listed', () => {
  /** A model with `count` assets no threat uses (one warning each), then `tail` lines. */
  const unusedAssets = (count: number, tail = '') =>
    ['threatdoc: 1', 'id: cap', 'title: Cap', 'status: draft', 'assets:', ...Array.from({ length: count }, (_, i) => `  - id: a${i}\n    name: A${i}`), tail].join('\n');
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'threatdoc-cap-'));
    writeFileSync(join(dir, 'cap.yaml'), unusedAssets(1500));
    // The error comes last in the file, after more warnings than are listed.
    writeFileSync(join(dir, 'late-error.yaml'), unusedAssets(1005, 'scope: [oops]\n'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('counts every problem and applies --max-warnings to all of them', async () => {
    const run = await runCli(['validate', 'cap.yaml', '--max-warnings', '1200'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('1500 problems in 1 file (0 errors, 1500 warnings; 1000 shown)');
    expect(run.stderr).toBe('threatdoc: 1500 warnings, more than --max-warnings 1200\n');
    expect((await runCli(['validate', 'cap.yaml', '--max-warnings', '1500'], { cwd: dir })).code).toBe(0);
  });

  it('gives JSON the counts of every problem and lists the shown ones', async () => {
    const run = await runCli(['validate', 'cap.yaml', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(run.stdout);
    expect(report.summary).toEqual({ errors: 0, warnings: 1500, notes: 0, shown: 1000 });
    expect(report.diagnostics).toHaveLength(1001);
    expect(report.diagnostics.at(-1)).toMatchObject({ code: 'too-many-problems', severity: 'warning' });
  });

  it('lists errors ahead of the warnings that would crowd them out', async () => {
    const run = await runCli(['validate', 'late-error.yaml', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.summary).toEqual({ errors: 1, warnings: 1005, notes: 0, shown: 1000 });
    const codes: string[] = report.diagnostics.map((d: { code: string }) => d.code);
    expect(codes.filter((code) => code === 'schema-type')).toHaveLength(1);
    expect(codes.filter((code) => code === 'unused-asset')).toHaveLength(999);
    expect(report.diagnostics.at(-1).message).toBe('6 more problems in late-error.yaml are not shown (0 errors, 6 warnings); at most 1000 are listed per file, errors first');
  });

  it('--quiet lists the errors, not a count of warnings standing in for them', async () => {
    const run = await runCli(['validate', 'late-error.yaml', '--quiet'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^late-error\.yaml:2016:8 error schema-type "scope" of the model must be a string, not a list\n/);
    expect(run.stdout).not.toContain('too-many-problems');
  });
});

describe('a title of 301 emoji', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'threatdoc-emoji-'));
    writeFileSync(join(dir, 'm.yaml'), `threatdoc: 1\nid: m\ntitle: ${'😀'.repeat(301)}\nstatus: draft\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is 301 characters long, as the limit counts them', async () => {
    const run = await runCli(['validate', 'm.yaml'], { cwd: dir });
    expect(run.stdout).toContain('m.yaml:3:8 error text-too-long "title" of the model is 301 characters long; the limit is 300');
  });

  it('prints a frame cut between characters, with no replacement character', async () => {
    const run = await runCli(['validate', 'm.yaml'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('  3 | title: 😀😀');
    expect(run.stdout).not.toContain('\uFFFD');
  });
});

describe('text from a model cannot forge a line of output', () => {
  const forged = 'fake.yaml:1:1 error fake-code forged';
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'threatdoc-forge-'));
    mkdirSync(join(dir, 'key'));
    writeFileSync(join(dir, 'key', 'm.yaml'), `threatdoc: 1\nid: m\ntitle: M\nstatus: draft\n"a\\n${forged}": 1\n"b\\e[31mred": 2\n`);
    mkdirSync(join(dir, 'name'));
    writeFileSync(join(dir, 'name', `x\n${forged}.yaml`), 'threatdoc: 1\nid: n\ntitle: N\nstatus: nope\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['key', 'name'])('through a %s holding a line break', async (where) => {
    const run = await runCli(['validate', where], { cwd: dir });
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines.filter((line) => line.startsWith('fake.yaml'))).toEqual([]);
    expect(run.stdout).toContain(`\\n${forged}`);
    expect(run.stdout).not.toContain('\u001b');
  });

  it('github annotations carry no raw control character', async () => {
    const run = await runCli(['validate', 'key', '--format', 'github'], { cwd: dir });
    expect(run.stdout).not.toContain('\u001b');
    expect(run.stdout).toContain('unknown key "b\\u001b[31mred"');
  });
});
