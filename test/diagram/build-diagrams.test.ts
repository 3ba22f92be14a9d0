/**
 * `threatdoc build --diagrams …` through the built CLI (npm run build first): SVG files
 * written beside the pages and linked from them, the same bytes on every build so --check
 * holds, no progress noise when piped, one clear error without a browser; and a Sphinx
 * build of docs/ with the generated pages that shows the SVGs.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hasChromium } from '../../src/diagram/browser.js';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { requireReal } from '../helpers/real.js';

const SPHINX = '/usr/bin/sphinx-build';
const skipChromium = requireReal('chromium', hasChromium());
const run = promisify(execFile);

describe('the committed docs', () => {
  it('link every diagram image they show, and the images exist', () => {
    const dir = join(REPO_ROOT, 'docs', 'threat-models');
    const pages = readdirSync(dir).filter((f) => /\.(rst|md)$/.test(f) && !f.startsWith('index') && !f.startsWith('d3fend'));
    expect(pages.length).toBeGreaterThanOrEqual(8);
    for (const page of pages) {
      const text = readFileSync(join(dir, page), 'utf8');
      const images = [...text.matchAll(/(?:\.\. figure:: |\]\()(diagrams\/[^)\s]+\.svg)/g)].map((m) => m[1]!);
      expect(images.length, page).toBeGreaterThanOrEqual(2);
      for (const image of images) expect(readFileSync(join(dir, image), 'utf8'), image).toMatch(/^<!-- [^\n]*-->\n<svg id="td-/);
    }
  });
});

describe('build --diagrams without a browser', () => {
  it('fails with one line naming the fix, and --diagrams mermaid needs no browser', async () => {
    const out = mkdtempSync(join(tmpdir(), 'threatdoc-diagrams-'));
    try {
      const r = await runCli(['build', '--diagrams', 'svg', '--chromium', '/nonexistent/chromium', '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/no Chromium to draw diagrams with: .*apt-get install chromium.*--diagrams mermaid/);
      expect(readdirSync(out)).toEqual([]);

      const m = await runCli(['build', '--diagrams', 'mermaid', '--format', 'md', '--out', out], {
        env: { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chromium' },
      });
      expect(m.code).toBe(0);
      const page = readFileSync(join(out, 'trs-attested-containers.md'), 'utf8');
      expect(page).toMatch(/```mermaid\nflowchart LR\n/);
      expect(existsSync(join(out, 'diagrams'))).toBe(false);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('build --diagrams svg with something that is not a browser', () => {
  let work: string;
  // The CLI's TMPDIR: a browser profile left behind would show up here.
  let tmp: string;
  const build = (args: readonly string[], env: Record<string, string> = {}) =>
    runCli(['build', 'models', '--diagrams', 'svg', '--format', 'md', '--out', 'site', ...args], { cwd: work, env: { TMPDIR: tmp, ...env } });
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'threatdoc-notbrowser-'));
    cpSync(join(REPO_ROOT, 'models'), join(work, 'models'), { recursive: true });
  });
  beforeEach(() => {
    tmp = mkdtempSync(join(work, 'tmp-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const expectNothingLeft = () => {
    expect(existsSync(join(work, 'site'))).toBe(false);
    expect(readdirSync(tmp)).toEqual([]);
  };

  it('takes a directory for no browser, whether from --chromium, the environment or the config', async () => {
    const dir = join(work, 'models');
    writeFileSync(join(work, 'dir.yaml'), `chromium: ${dir}\n`);
    const ways: [readonly string[], Record<string, string>, string][] = [
      [['--chromium', dir], {}, 'given by --chromium'],
      [[], { PUPPETEER_EXECUTABLE_PATH: dir }, 'from PUPPETEER_EXECUTABLE_PATH'],
      [['--config', 'dir.yaml'], {}, 'from `chromium` in threatdoc.config.yaml'],
    ];
    for (const [args, env, source] of ways) {
      const r = await build(args, env);
      expect(r.stderr).toContain(`threatdoc: no Chromium to draw diagrams with: ${dir} (${source}) is not an executable file.`);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.code).toBe(2);
      expectNothingLeft();
    }
  });

  it('takes the config\'s chromium only when neither --chromium nor PUPPETEER_EXECUTABLE_PATH is set', async () => {
    writeFileSync(join(work, 'missing.yaml'), 'chromium: /nonexistent/from-config\n');
    const fromConfig = await build(['--config', 'missing.yaml']);
    expect(fromConfig.stderr).toContain('/nonexistent/from-config (from `chromium` in threatdoc.config.yaml) is not');
    const fromEnv = await build(['--config', 'missing.yaml'], { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/from-env' });
    expect(fromEnv.stderr).toContain('/nonexistent/from-env (from PUPPETEER_EXECUTABLE_PATH) is not');
    const fromOption = await build(['--config', 'missing.yaml', '--chromium', '/nonexistent/given'], { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/from-env' });
    expect(fromOption.stderr).toContain('/nonexistent/given (given by --chromium) is not');
  });

  it('says a program that is not Chromium could not be started, and leaves no browser profile behind', async () => {
    const noInterpreter = join(work, 'no-interpreter');
    writeFileSync(noInterpreter, '#!/nonexistent/interpreter\n', { mode: 0o755 });
    const complaining = join(work, 'complaining');
    writeFileSync(complaining, '#!/bin/sh\necho starting >&2\necho no display here >&2\nexit 1\n', { mode: 0o755 });
    const cases: [string, RegExp][] = [
      ['/bin/true', /it ended \(exit code 0\) without answering as a browser\n/],
      // Its last words on stderr say why.
      [complaining, /it ended \(exit code 1\) without answering as a browser: no display here\n/],
      [noInterpreter, /it, or the interpreter its #! line names, does not exist/],
    ];
    for (const [program, reason] of cases) {
      const r = await build(['--chromium', program]);
      expect(r.stderr).toMatch(new RegExp(`^threatdoc: could not start Chromium at ${program} \\(given by --chromium\\): .+\n$`));
      expect(r.stderr).toMatch(reason);
      expect(r.code).toBe(2);
      expectNothingLeft();
    }
  });
});

describe.skipIf(skipChromium)('build --diagrams svg', () => {
  let work: string;
  let out: string;
  let first: Awaited<ReturnType<typeof runCli>>;
  // A browser that cannot start: any build below that passes it must not have needed one.
  const noBrowser = ['--chromium', '/nonexistent/chromium'];
  const build = (...args: string[]) => runCli(['build', 'models', '--diagrams', 'svg', '--out', 'site', ...args], { cwd: work, timeoutMs: 240_000 });
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'threatdoc-diagrams-'));
    cpSync(join(REPO_ROOT, 'models'), join(work, 'models'), { recursive: true });
    out = join(work, 'site');
    first = await build();
  }, 300_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('writes an SVG per diagram, linked from the Markdown and RST pages, with no progress line when piped', () => {
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');
    expect(first.stdout).not.toContain('\r');
    const svgs = readdirSync(join(out, 'diagrams')).sort();
    expect(svgs).toContain('trs-attested-containers-coverage.svg');
    expect(svgs).toContain('trs-attested-containers-tactics.svg');
    for (const file of svgs) {
      const svg = readFileSync(join(out, 'diagrams', file), 'utf8');
      expect(svg).toMatch(/^<!-- [^\n]*-->\n<svg id="td-/);
      expect(svg).not.toMatch(/Syntax error|Maximum text size/);
    }
    const md = readFileSync(join(out, 'trs-attested-containers.md'), 'utf8');
    expect(md).toContain('](diagrams/trs-attested-containers-coverage.svg)');
    const rst = readFileSync(join(out, 'trs-attested-containers.rst'), 'utf8');
    expect(rst).toContain('.. figure:: diagrams/trs-attested-containers-coverage.svg');
    // The overview across models is drawn too and shown on both index pages.
    expect(svgs).toContain('overview.svg');
    expect(readFileSync(join(out, 'diagrams', 'overview.svg'), 'utf8')).toContain('Attested containers');
    expect(readFileSync(join(out, 'index.rst'), 'utf8')).toContain('.. figure:: diagrams/overview.svg');
    expect(readFileSync(join(out, 'index.md'), 'utf8')).toContain('](diagrams/overview.svg)');
  });

  it('marks each SVG with the digest of what it is drawn from', () => {
    const svg = readFileSync(join(out, 'diagrams', 'seng-server-tactics.svg'), 'utf8');
    expect(svg).toMatch(/^<!-- generated by threatdoc — do not edit; source sha256:[0-9a-f]{64} -->\n<svg id="td-seng-server-tactics"/);
  });

  it('--check after a build passes without starting a browser', async () => {
    const check = await build('--check', ...noBrowser);
    expect(check.stdout).toMatch(/files in site are up to date/);
    expect(check.code).toBe(0);
  });

  const skipSphinx = requireReal('sphinx', existsSync(SPHINX));
  it.skipIf(skipSphinx)('makes a Sphinx site of docs/ whose pages show the SVGs', async () => {
    const src = mkdtempSync(join(tmpdir(), 'threatdoc-sphinx-'));
    try {
      // docs/'s own configuration with just the generated part, so other pages' state cannot mask this one.
      cpSync(join(REPO_ROOT, 'docs', 'conf.py'), join(src, 'conf.py'));
      writeFileSync(join(src, 'index.rst'), 'Docs\n====\n\n.. toctree::\n\n   threat-models/index\n');
      cpSync(out, join(src, 'threat-models'), { recursive: true });
      const html = join(src, '_build', 'html');
      await run(SPHINX, ['-W', '--keep-going', '-E', '-q', '-b', 'html', src, html], { timeout: 120_000 });
      const page = join(html, 'threat-models', 'trs-attested-containers.html');
      const images = [...readFileSync(page, 'utf8').matchAll(/<img [^>]*src="([^"]+\.svg)"/g)].map((m) => m[1]!);
      expect(images).toHaveLength(2);
      for (const image of images) {
        const file = resolve(dirname(page), image);
        expect(existsSync(file), image).toBe(true);
        expect(readFileSync(file, 'utf8')).toContain('<svg id="td-trs-attested-containers-');
      }
      // The index page shows the coverage overview across models.
      const index = join(html, 'threat-models', 'index.html');
      const overview = [...readFileSync(index, 'utf8').matchAll(/<img [^>]*src="([^"]+overview\.svg)"/g)].map((m) => m[1]!);
      expect(overview).toHaveLength(1);
      expect(readFileSync(resolve(dirname(index), overview[0]!), 'utf8')).toContain('<svg id="td-overview"');
    } finally {
      rmSync(src, { recursive: true, force: true });
    }
  }, 180_000);

  it('a rebuild with nothing changed keeps every SVG as it is and starts no browser', async () => {
    const before = readFileSync(join(out, 'diagrams', 'seng-server-coverage.svg'), 'utf8');
    const again = await build(...noBrowser);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/threatdoc: 0 written, 0 removed, \d+ unchanged in site\n$/);
    expect(readFileSync(join(out, 'diagrams', 'seng-server-coverage.svg'), 'utf8')).toBe(before);
  });

  it('treats a change to an SVG body alone as not stale: the digest is what counts', async () => {
    const file = join(out, 'diagrams', 'seng-server-coverage.svg');
    // What another machine's fonts would do: same source, other text widths.
    const edited = readFileSync(file, 'utf8').replace(/width="[^"]*"/, 'width="12345"');
    writeFileSync(file, edited);
    const check = await build('--check', ...noBrowser);
    expect(check.code).toBe(0);
    expect((await build(...noBrowser)).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(edited);
  });

  it('after a model edit, --check lists the stale SVGs and a build redraws only those', async () => {
    const model = join(work, 'models', 'trs-attested-containers.yaml');
    writeFileSync(model, readFileSync(model, 'utf8').replace('title: DNS spoofing', 'title: DNS cache poisoning'));
    const check = await build('--check', ...noBrowser);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('stale: site/diagrams/trs-attested-containers-coverage.svg\n');
    expect(check.stdout).not.toContain('seng-server');
    const rebuilt = await build();
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toContain('wrote site/diagrams/trs-attested-containers-coverage.svg\n');
    expect(rebuilt.stdout).not.toContain('wrote site/diagrams/seng-server');
    expect(readFileSync(join(out, 'diagrams', 'trs-attested-containers-coverage.svg'), 'utf8')).toContain('DNS cache poisoning');
    expect((await build('--check', ...noBrowser)).code).toBe(0);
  }, 300_000);

  it('never overwrites an SVG threatdoc did not write', async () => {
    const file = join(out, 'diagrams', 'seng-server-tactics.svg');
    writeFileSync(file, '<svg xmlns="http://www.w3.org/2000/svg">my own drawing</svg>\n');
    const run = await build(...noBrowser);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('site/diagrams/seng-server-tactics.svg was not generated by threatdoc');
    expect(readFileSync(file, 'utf8')).toContain('my own drawing');
  });
});

describe.skipIf(skipChromium)('build --diagrams svg --png', () => {
  let work: string;
  const site = () => join(work, 'site', 'diagrams');
  const noBrowser = ['--chromium', '/nonexistent/chromium'];
  const build = (...args: string[]) =>
    runCli(['build', join(REPO_ROOT, 'test/fixtures/hostile'), '--diagrams', 'svg', '--out', 'site', ...args], { cwd: work, timeoutMs: 240_000 });
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'threatdoc-png-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('writes a marked PNG beside each SVG', async () => {
    const run = await build('--png');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const files = readdirSync(site()).sort();
    const svgs = files.filter((f) => f.endsWith('.svg'));
    expect(svgs.length).toBeGreaterThanOrEqual(3);
    expect(files.filter((f) => f.endsWith('.png'))).toEqual(svgs.map((f) => f.replace(/\.svg$/, '.png')));
    const png = readFileSync(join(site(), 'hostile-text-coverage.png'));
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.length).toBeGreaterThan(1000);
    expect(png.subarray(0, 300).toString('utf8')).toMatch(/iTXtthreatdoc\0{5}generated by threatdoc — do not edit; source sha256:[0-9a-f]{64}/);
  }, 300_000);

  it('--check with --png passes without a browser; without --png the PNGs are no longer generated', async () => {
    expect((await build('--png', '--check', ...noBrowser)).code).toBe(0);
    const check = await build('--check', ...noBrowser);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('no longer generated: site/diagrams/hostile-text-coverage.png\n');
    expect(check.stdout).not.toContain('.svg');
  });

  it('never overwrites a PNG threatdoc did not write', async () => {
    const file = join(site(), 'overview.png');
    const mine = Buffer.concat([readFileSync(file).subarray(0, 8), Buffer.from('my own picture')]);
    writeFileSync(file, mine);
    const run = await build('--png', ...noBrowser);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('site/diagrams/overview.png was not generated by threatdoc');
    expect(readFileSync(file).equals(mine)).toBe(true);
  });

  it('refuses --png without --diagrams svg', async () => {
    const run = await runCli(['build', join(REPO_ROOT, 'test/fixtures/hostile'), '--diagrams', 'mermaid', '--png', '--out', 'site'], { cwd: work });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--png needs --diagrams svg/);
  });
});
