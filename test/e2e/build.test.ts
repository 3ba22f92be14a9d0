/**
 * `threatdoc build` as CI and users run it: the built CLI on a copy of the example models.
 * Run `npm run build` first.
 */
import { cpSync, existsSync, rmSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { requireReal } from '../helpers/real.js';
import { tempDir } from '../helpers/temp.js';

function workdir(): string {
  const dir = tempDir('threatdoc-build-');
  cpSync(join(REPO_ROOT, 'models'), join(dir, 'models'), { recursive: true });
  return dir;
}

const TRS = 'models/trs-attested-containers.yaml';

describe('threatdoc build, then edit, --check, rebuild', () => {
  let dir = '';
  beforeAll(() => {
    dir = workdir();
  });

  it('builds every page of every format', async () => {
    const run = await runCli(['build', 'models', '--out', 'site'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const files = readdirSync(join(dir, 'site')).sort();
    expect(files).toContain('trs-attested-containers.rst');
    expect(files).toContain('trs-attested-containers.md');
    expect(files).toContain('index.rst');
    expect(files).toContain('d3fend-reference.md');
    expect(run.stdout).toMatch(/threatdoc: \d+ written, 0 removed, 0 unchanged in site\n$/);
  });

  it('puts mermaid fences in the Markdown pages by default, drawing nothing', () => {
    expect(readFileSync(join(dir, 'site/trs-attested-containers.md'), 'utf8')).toMatch(/\n```+mermaid\nflowchart LR\n/);
    expect(readFileSync(join(dir, 'site/index.md'), 'utf8')).toContain('## Coverage across models');
    expect(existsSync(join(dir, 'site/diagrams'))).toBe(false);
  });

  it('--check passes right after a build and writes nothing', async () => {
    const run = await runCli(['build', 'models', '--out', 'site', '--check'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/are up to date/);
  });

  it('--check fails after a model edit, naming the stale files, and writes nothing', async () => {
    const before = readFileSync(join(dir, 'site/trs-attested-containers.md'), 'utf8');
    writeFileSync(join(dir, TRS), readFileSync(join(dir, TRS), 'utf8').replace('title: DNS spoofing', 'title: DNS cache poisoning'));
    writeFileSync(join(dir, 'site/notes.md'), 'Hand-written notes.\n');
    const run = await runCli(['build', 'models', '--out', 'site', '--check'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('stale: site/trs-attested-containers.md\n');
    expect(run.stdout).toContain('stale: site/trs-attested-containers.rst\n');
    expect(run.stdout).not.toContain('notes.md');
    const listed = run.stdout.trimEnd().split('\n').length;
    expect(run.stderr).toBe(`threatdoc: ${listed} generated files are out of date; run threatdoc build\n`);
    expect(readFileSync(join(dir, 'site/trs-attested-containers.md'), 'utf8')).toBe(before);
  });

  it('a rebuild updates only what changed and leaves the hand-written file alone', async () => {
    const run = await runCli(['build', 'models', '--out', 'site'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('wrote site/trs-attested-containers.md\n');
    expect(run.stdout).not.toContain('wrote site/enclaver-nitro.md');
    expect(readFileSync(join(dir, 'site/trs-attested-containers.md'), 'utf8')).toContain('DNS cache poisoning');
    expect(readFileSync(join(dir, 'site/notes.md'), 'utf8')).toBe('Hand-written notes.\n');
    const check = await runCli(['build', 'models', '--out', 'site', '--check'], { cwd: dir });
    expect(check.code).toBe(0);
  });

  it('is byte-identical when built twice into different directories', async () => {
    await runCli(['build', 'models', '--out', 'again'], { cwd: dir });
    for (const f of readdirSync(join(dir, 'again'))) {
      expect(readFileSync(join(dir, 'again', f), 'utf8'), f).toBe(readFileSync(join(dir, 'site', f), 'utf8'));
    }
  });

  it('removes a page it generated once the model is gone; --check reports it first', async () => {
    const d = workdir();
    await runCli(['build', 'models', '--out', 'site'], { cwd: d });
    cpSync(join(d, 'models'), join(d, 'fewer'), { recursive: true });
    rmSync(join(d, 'fewer/enclaver-nitro.yaml'));
    const check = await runCli(['build', 'fewer', '--out', 'site', '--check'], { cwd: d });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('no longer generated: site/enclaver-nitro.rst\n');
    const run = await runCli(['build', 'fewer', '--out', 'site'], { cwd: d });
    expect(run.code).toBe(0);
    expect(existsSync(join(d, 'site/enclaver-nitro.rst'))).toBe(false);
  });
});

describe('threatdoc build refuses to damage what it did not write', () => {
  it('stops before writing anything when a page would replace a hand-written file', async () => {
    const dir = workdir();
    mkdirSync(join(dir, 'site'));
    writeFileSync(join(dir, 'site/index.md'), '# Our own index\n');
    const run = await runCli(['build', 'models', '--out', 'site'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('threatdoc: site/index.md was not generated by threatdoc');
    expect(run.stderr).toContain('nothing written');
    expect(readdirSync(join(dir, 'site'))).toEqual(['index.md']);
    expect(readFileSync(join(dir, 'site/index.md'), 'utf8')).toBe('# Our own index\n');
  });

  it('renders nothing from models with errors, and prints them as validate does', async () => {
    const dir = workdir();
    writeFileSync(join(dir, TRS), readFileSync(join(dir, TRS), 'utf8').replace('mitigations: [disk-encryption]', 'mitigations: [disk-encryptoin]'));
    const run = await runCli(['build', 'models', '--out', 'site'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/trs-attested-containers\.yaml:\d+:\d+/);
    expect(run.stderr).toContain('unknown-mitigation');
    expect(run.stderr).toContain('nothing rendered');
    expect(existsSync(join(dir, 'site'))).toBe(false);
  });

  it('refuses a model file in place of its directory, and keeps the other pages', async () => {
    const dir = workdir();
    expect((await runCli(['build', 'models', '--out', 'site', '--diagrams', 'none'], { cwd: dir })).code).toBe(0);
    const before = readdirSync(join(dir, 'site')).sort();
    for (const args of [['build', TRS, '--out', 'site'], ['report', TRS]]) {
      const run = await runCli(args, { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`threatdoc: ${TRS} is a file; give the model directory that holds it (only validate checks single files)\n`);
    }
    expect(readdirSync(join(dir, 'site')).sort()).toEqual(before);
    // A path through the file is a path not found.
    const through = await runCli(['report', `${TRS}/models`], { cwd: dir });
    expect(through).toMatchObject({ code: 2, stderr: `threatdoc: no such file or directory: ${TRS}/models\n` });
  });

  // Node's recursive mkdir loops forever there: mkdir says ENOENT though /proc exists.
  it.skipIf(process.platform !== 'linux')('fails at once, in one line, when the output directory cannot be created', async () => {
    const run = await runCli(['build', 'models', '--out', '/proc/threatdoc-x', '--format', 'md', '--diagrams', 'none'], { cwd: workdir(), timeoutMs: 20_000 });
    expect(run.stderr).toBe('threatdoc: cannot write to /proc/threatdoc-x: a directory cannot be created there\n');
    expect(run.code).toBe(2);
  });

  it('refuses an output directory that is a file with one line', async () => {
    const dir = workdir();
    writeFileSync(join(dir, 'site'), 'not a directory\n');
    const run = await runCli(['build', 'models', '--out', 'site', '--diagrams', 'none'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('threatdoc: cannot write to site: the output directory is a file\n');
    expect(readFileSync(join(dir, 'site'), 'utf8')).toBe('not a directory\n');
  });

  it('refuses an empty --out rather than building into the working directory', async () => {
    const dir = workdir();
    const run = await runCli(['build', 'models', '--out', '', '--diagrams', 'none'], { cwd: dir });
    expect(run).toMatchObject({ code: 2, stdout: '', stderr: 'threatdoc: --out is an empty string (is a variable unset?)\n' });
    expect(readdirSync(dir)).toEqual(['models']);
  });

  it('never removes a file that only quotes the marker, nor pages in directories below the output', async () => {
    const dir = workdir();
    const quoting = 'Everything in this folder is generated by threatdoc — do not edit these pages by hand.\n';
    mkdirSync(join(dir, 'site', 'older-site'), { recursive: true });
    writeFileSync(join(dir, 'site', 'README.md'), quoting);
    const other = '<!-- generated by threatdoc — do not edit: edit the YAML model and run threatdoc build. -->\n# Another site\n';
    writeFileSync(join(dir, 'site', 'older-site', 'page.md'), other);
    const run = await runCli(['build', 'models', '--out', 'site', '--format', 'md', '--diagrams', 'none'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('removed site');
    expect(run.stdout).toContain(' 0 removed');
    expect(readFileSync(join(dir, 'site', 'README.md'), 'utf8')).toBe(quoting);
    expect(readFileSync(join(dir, 'site', 'older-site', 'page.md'), 'utf8')).toBe(other);
  });

  it('rejects an unknown format as a usage error', async () => {
    const run = await runCli(['build', 'models', '--format', 'rst,pdf'], { cwd: workdir() });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('threatdoc: unknown --format "pdf" (choose from: rst, md)\n');
  });
});

describe('threatdoc build with templates and config', () => {
  it('uses an overriding template', async () => {
    const dir = workdir();
    mkdirSync(join(dir, 'tpl/partials/md'), { recursive: true });
    writeFileSync(join(dir, 'tpl/partials/md/threat-table.hbs'), '{{#each model.threats}}- THREAT {{text title}}\n{{/each}}');
    const run = await runCli(['build', 'models', '--out', 'site', '--format', 'md', '--templates', 'tpl'], { cwd: dir });
    expect(run.code).toBe(0);
    const page = readFileSync(join(dir, 'site/trs-attested-containers.md'), 'utf8');
    expect(page).toContain('- THREAT DNS spoofing');
    expect(page).not.toContain('| Threat | Description | Mitigation |');
    expect(existsSync(join(dir, 'site/trs-attested-containers.rst'))).toBe(false);
  });

  it('uses overriding templates reached through links to files and directories', async () => {
    const dir = workdir();
    mkdirSync(join(dir, 'shared'));
    writeFileSync(join(dir, 'shared/model.hbs'), '# CUSTOM {{text model.title}}\n');
    mkdirSync(join(dir, 'by-file/md'), { recursive: true });
    symlinkSync('../../shared/model.hbs', join(dir, 'by-file/md/model.hbs'));
    mkdirSync(join(dir, 'by-dir'));
    symlinkSync('../shared', join(dir, 'by-dir/md'));
    for (const tpl of ['by-file', 'by-dir']) {
      const run = await runCli(['build', 'models', '--out', tpl + '-site', '--format', 'md', '--diagrams', 'none', '--templates', tpl], { cwd: dir });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(readFileSync(join(dir, tpl + '-site/trs-attested-containers.md'), 'utf8')).toContain('# CUSTOM Attested containers');
    }
  });

  it('fails with the template file and line when a template names a missing field', async () => {
    const dir = workdir();
    mkdirSync(join(dir, 'tpl/md'), { recursive: true });
    writeFileSync(join(dir, 'tpl/md/index.hbs'), '# Models\n\n{{site.modelz}}\n');
    const run = await runCli(['build', 'models', '--out', 'site', '--templates', 'tpl'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('threatdoc: template error: tpl/md/index.hbs:3:3: "modelz" not defined\n');
    expect(existsSync(join(dir, 'site'))).toBe(false);
  });

  it.each([
    ['a helper is called without its argument', '# Model\n\n{{text}}\n', 'tpl/md/model.hbs:3:1: "text" needs 1 argument, got 0'],
    ['a template includes a partial that does not exist', '# Model\n\n  {{> does-not-exist}}\n', 'tpl/md/model.hbs:3:3: The partial does-not-exist could not be found'],
  ])('fails at the template line when %s, writing nothing', async (_, template, error) => {
    const dir = workdir();
    mkdirSync(join(dir, 'tpl/md'), { recursive: true });
    writeFileSync(join(dir, 'tpl/md/model.hbs'), template);
    const run = await runCli(['build', 'models', '--out', 'site', '--format', 'md', '--diagrams', 'none', '--templates', 'tpl'], { cwd: dir });
    expect(run.stderr).toBe(`threatdoc: template error: ${error}\n`);
    expect(run.code).toBe(2);
    expect(existsSync(join(dir, 'site'))).toBe(false);
  });

  it('runs from threatdoc.config.yaml with no arguments', async () => {
    const dir = workdir();
    writeFileSync(join(dir, 'threatdoc.config.yaml'), 'models: models\nout: docs/tm\nformats: [rst]\n');
    expect((await runCli(['build', '--check'], { cwd: dir })).code).toBe(1);
    expect((await runCli(['build'], { cwd: dir })).code).toBe(0);
    expect(readdirSync(join(dir, 'docs/tm')).every((f) => f.endsWith('.rst'))).toBe(true);
    expect((await runCli(['build', '--check'], { cwd: dir })).code).toBe(0);
  });

  it('reports a bad config key at its line', async () => {
    const dir = workdir();
    writeFileSync(join(dir, 'threatdoc.config.yaml'), 'models: models\nformat: [rst]\n');
    const run = await runCli(['build'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^threatdoc: threatdoc\.config\.yaml:2:1: unknown key "format"/);
  });
});

describe('threatdoc build --diagrams', () => {
  it('mermaid: puts each model diagram in a mermaid fence of its Markdown page', async () => {
    const dir = workdir();
    const run = await runCli(['build', 'models', '--out', 'site', '--diagrams', 'mermaid'], { cwd: dir });
    expect(run.code).toBe(0);
    const md = readFileSync(join(dir, 'site/trs-attested-containers.md'), 'utf8');
    expect(md).toContain('## Diagrams');
    expect(md).toMatch(/\n```+mermaid\nflowchart/);
    expect(readFileSync(join(dir, 'site/trs-attested-containers.rst'), 'utf8')).not.toContain('.. figure::');
    expect(readFileSync(join(dir, 'site/index.md'), 'utf8')).toMatch(/## Coverage across models\n\nThreat coverage per model:\n\n```+mermaid\nflowchart LR\n[^]*Attested containers/);
  });

  const noChromium = requireReal('chromium', existsSync('/usr/bin/chromium'));
  it.skipIf(noChromium)('svg: writes marked, reproducible SVG files and shows them as figures', async () => {
    const dir = tempDir('threatdoc-build-');
    const args = ['build', join(REPO_ROOT, 'test/fixtures/hostile'), '--out', 'site', '--diagrams', 'svg'];
    const run = await runCli(args, { cwd: dir, timeoutMs: 180_000 });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const svgs = readdirSync(join(dir, 'site/diagrams'));
    expect(svgs).toContain('hostile-text-coverage.svg');
    for (const svg of svgs) expect(readFileSync(join(dir, 'site/diagrams', svg), 'utf8')).toMatch(/^<!-- generated by threatdoc — do not edit; source sha256:[0-9a-f]{64} -->\n<svg /);
    expect(readFileSync(join(dir, 'site/hostile-text.rst'), 'utf8')).toContain('.. figure:: diagrams/hostile-text-coverage.svg');
    expect(readFileSync(join(dir, 'site/hostile-text.md'), 'utf8')).toContain('](diagrams/hostile-text-coverage.svg)');
    const check = await runCli([...args, '--check'], { cwd: dir, timeoutMs: 180_000 });
    expect(check.code).toBe(0);
  }, 400_000);
});

describe('the repository', () => {
  it('has its committed generated pages up to date (threatdoc build --check with no arguments)', async () => {
    const run = await runCli(['build', '--check'], { cwd: REPO_ROOT });
    expect(run.stdout + run.stderr).toMatch(/up to date/);
    expect(run.code).toBe(0);
  });
});
