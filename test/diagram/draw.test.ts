import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserLaunchError, BrowserNotFoundError, CHROMIUM_START_TIMEOUT_MS, chooseChromium, chromiumArgs, findChromium, hasChromium, sandboxOff } from '../../src/diagram/browser.js';
import { DiagramDrawError, Drawer, drawDiagrams, PNG_MAX_PIXELS, PNG_MAX_SIDE, PNG_SCALE, pngScale, svgId } from '../../src/diagram/draw.js';
import { clip, normalizeLabelText } from '../../src/diagram/escape.js';
import { printFlowchart, type FlowNode } from '../../src/diagram/flowchart.js';
import { workspaceDiagrams, type Diagram } from '../../src/diagram/index.js';
import { model, threat, workspace } from '../analyze/build.js';
import { requireReal } from '../helpers/real.js';
import { catalog, smallModel } from './fixture.js';
import { svgLabelTexts } from './svg-text.js';

const noSandbox = process.getuid?.() === 0;

describe('finding Chromium', () => {
  it('takes the option, then PUPPETEER_EXECUTABLE_PATH, then the config, then /usr/bin/chromium', () => {
    const env = { PUPPETEER_EXECUTABLE_PATH: '/env/chromium' };
    expect(chooseChromium({ option: '/opt/c', env, config: '/cfg/c' })).toEqual({ path: '/opt/c', from: 'option' });
    expect(chooseChromium({ env, config: '/cfg/c' })).toEqual({ path: '/env/chromium', from: 'env' });
    expect(chooseChromium({ env: {}, config: '/cfg/c' })).toEqual({ path: '/cfg/c', from: 'config' });
    expect(chooseChromium({ env: { PUPPETEER_EXECUTABLE_PATH: '' } })).toEqual({ path: '/usr/bin/chromium', from: 'default' });
  });

  it('turns the sandbox off only as root or when THREATDOC_CHROMIUM_NO_SANDBOX=1', () => {
    expect(sandboxOff(0, {})).toBe(true);
    expect(sandboxOff(1000, {})).toBe(false);
    expect(sandboxOff(undefined, {})).toBe(false);
    expect(sandboxOff(1000, { THREATDOC_CHROMIUM_NO_SANDBOX: '1' })).toBe(true);
    expect(chromiumArgs({ noSandbox: false })).not.toContain('--no-sandbox');
    expect(chromiumArgs({ noSandbox: true })).toContain('--no-sandbox');
    expect(chromiumArgs({ noSandbox: false })).toEqual(
      expect.arrayContaining(['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync']),
    );
  });

  it('names the fix when the browser is missing', () => {
    expect(() => findChromium({ option: '/nonexistent/chromium' })).toThrow(BrowserNotFoundError);
    expect(() => findChromium({ option: '/nonexistent/chromium' })).toThrow(
      /\/nonexistent\/chromium \(given by --chromium\).*apt-get install chromium.*--diagrams mermaid.*--diagrams none/,
    );
  });

  it('takes a directory for no browser, though it can be searched like an executable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'threatdoc-chromium-dir-'));
    try {
      expect(() => findChromium({ option: dir })).toThrow(BrowserNotFoundError);
      expect(hasChromium({ config: dir })).toBe(false);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it('gives every diagram an SVG id that is a safe CSS identifier and unique', () => {
    expect(svgId('trs.v2_x-coverage')).toBe('td-trs_2ev2_5fx-coverage');
    expect(svgId('a.b')).not.toBe(svgId('a_b'));
  });
});

/** Whether a process runs: a killed one whose parent has not yet collected it (state Z) does not. */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('a program that starts but never answers as a browser', () => {
  it('waits 30 s by default for the browser and its first page', () => {
    expect(CHROMIUM_START_TIMEOUT_MS).toBe(30_000);
  });

  it('is killed when the start timeout passes, its profile removed, and the error says so in one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'threatdoc-silent-'));
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp);
    const pidFile = join(dir, 'pid');
    const savedTmp = process.env['TMPDIR'];
    // The browser profile is made in the temporary directory: one left behind shows up here.
    process.env['TMPDIR'] = tmp;
    try {
      // One that becomes the silent program, and a wrapper whose silent child outlives it.
      const scripts = [`#!/bin/sh\necho $$ > ${pidFile}\nexec sleep 200\n`, `#!/bin/sh\nsleep 200 &\necho $! > ${pidFile}\nwait\n`];
      for (const [i, script] of scripts.entries()) {
        const fake = join(dir, `silent-${i}`);
        writeFileSync(fake, script, { mode: 0o755 });
        const started = Date.now();
        const diagram = workspaceDiagrams(workspace(smallModel()), catalog)[0]!;
        const error = await drawDiagrams([diagram], { noSandbox, option: fake, startTimeoutMs: 2_000 }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(BrowserLaunchError);
        expect((error as Error).message).toBe(`could not start Chromium at ${fake} (given by --chromium): it did not answer as a browser within 2 s`);
        expect(Date.now() - started).toBeLessThan(10_000);
        const pid = Number(readFileSync(pidFile, 'utf8'));
        expect(alive(pid), script).toBe(false);
        expect(readdirSync(tmp)).toEqual([]);
      }
    } finally {
      if (savedTmp === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = savedTmp;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 20_000);
});

describe('the size of a PNG', () => {
  it('is the viewBox at twice its size, scaled down only beyond the pixel and side limits', () => {
    expect(PNG_SCALE).toBe(2);
    expect(pngScale(2607, 316)).toBe(2);
    const tall = pngScale(1964, 4727);
    expect(tall).toBeLessThan(2);
    expect(1964 * tall * 4727 * tall).toBeLessThanOrEqual(PNG_MAX_PIXELS);
    expect(1964 * tall * 4727 * tall).toBeGreaterThan(PNG_MAX_PIXELS * 0.98);
    const long = pngScale(100_000, 50);
    expect(100_000 * long).toBeLessThanOrEqual(PNG_MAX_SIDE);
    const huge = pngScale(40_000, 40_000);
    expect(40_000 * huge * 40_000 * huge).toBeLessThanOrEqual(PNG_MAX_PIXELS);
    expect(huge).toBeGreaterThan(0);
  });
});

/** A PNG's width and height, from its IHDR chunk. */
function pngDimensions(png: Uint8Array): { width: number; height: number } {
  const buf = Buffer.from(png);
  expect(buf.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

function viewBox(svg: string): { width: number; height: number } {
  const [, , width, height] = /viewBox="([^"]+)"/.exec(svg)![1]!.split(/\s+/).map(Number);
  return { width: width!, height: height! };
}

const skip = requireReal('chromium', hasChromium());

describe.skipIf(skip)('drawing with the real Chromium', () => {
  let drawer: Drawer;
  beforeAll(async () => {
    drawer = await Drawer.open({ noSandbox });
  });
  afterAll(async () => {
    await drawer?.close();
  });

  it('draws every diagram of a model as well-formed SVG showing its threats', async () => {
    const diagrams = workspaceDiagrams(workspace(smallModel()), catalog);
    for (const diagram of diagrams) {
      const { svg, layout } = await drawer.draw(diagram);
      expect(layout).toBe('dagre');
      expect(svg.startsWith(`<svg id="${svgId(diagram.name)}"`)).toBe(true);
      expect(XMLValidator.validate(svg)).toBe(true);
      expect(svg).not.toMatch(/Syntax error|Maximum text size/);
      const texts = svgLabelTexts(svg);
      if (diagram.kind === 'coverage') {
        for (const t of smallModel().threats) expect(texts.some((x) => x.startsWith(t.title))).toBe(true);
        expect(texts).toContain('D3-FV File Verification');
      }
      if (diagram.kind === 'tactics') expect(texts).toContain('Harden\n1 implemented · 1 planned\nD3-FV, D3-ACH');
      if (diagram.kind === 'overview') expect(texts).toContain('Small system\n1 covered · 1 partial · 1 open\n33% of 3 threats covered');
    }
    expect(drawer.blocked).toEqual([]);
  });

  it('draws the same bytes twice, in one browser and in a new one', async () => {
    const diagram = workspaceDiagrams(workspace(smallModel()), catalog)[0]!;
    const first = await drawer.draw(diagram);
    await drawer.draw(workspaceDiagrams(workspace(smallModel()), catalog)[1]!);
    const again = await drawer.draw(diagram);
    expect(again.svg).toBe(first.svg);
    const [fresh] = await drawDiagrams([diagram], { noSandbox });
    expect(fresh!.svg).toBe(first.svg);
  });

  it('treats the "Maximum text size" placeholder and too many edges as errors naming the diagram', async () => {
    const long: Diagram = { name: 'too-long', kind: 'overview', title: 'x', source: `flowchart LR\n  n0["${'x'.repeat(60_000)}"]\n` };
    await expect(drawer.draw(long)).rejects.toThrow(DiagramDrawError);
    await expect(drawer.draw(long)).rejects.toThrow(/diagram too-long could not be drawn: .*Maximum text size/);
    const edges = Array.from({ length: 600 }, (_, i) => `  n${i} --> n${i + 1}`).join('\n');
    const many: Diagram = { name: 'too-many-edges', kind: 'overview', title: 'x', source: `flowchart LR\n${edges}\n` };
    await expect(drawer.draw(many)).rejects.toThrow(/diagram too-many-edges could not be drawn: .*[Ee]dge/);
    const broken: Diagram = { name: 'broken', kind: 'overview', title: 'x', source: 'flowchart LR\n  n0["a"] --> \n' };
    await expect(drawer.draw(broken)).rejects.toThrow(/^diagram broken could not be drawn: \S[^\n]*$/);
    // A threat may be titled with the placeholder's words: that is a real chart.
    const titled = model('titled', { threats: [threat('t', { title: 'Maximum text size in diagram exceeded' })] });
    const real = await drawer.draw(workspaceDiagrams(workspace(titled), catalog)[0]!);
    expect(svgLabelTexts(real.svg)).toContain('Maximum text size in diagram exceeded\nopen');
    // The drawer still works afterwards.
    const ok = await drawer.draw(workspaceDiagrams(workspace(smallModel()), catalog)[1]!);
    expect(ok.svg).toContain('Harden');
  });

  it('falls back to ELK when the dagre layout crashes on a chart with subgraphs', async () => {
    // A 130-node chart whose links cross subgraphs: dagre throws "Cannot set properties of
    // undefined (setting 'order')" on it (mmdc fails outright).
    const source = readFileSync(new URL('../fixtures/diagram/dagre-crash.mmd', import.meta.url), 'utf8');
    const drawn = await drawer.draw({ name: 'dagre-crash', kind: 'overview', title: 'x', source });
    expect(drawn.layout).toBe('elk');
    expect(svgLabelTexts(drawn.svg)).toContain('Node 129: a label of realistic length');
  }, 120_000);

  it('draws a PNG on request', async () => {
    const [drawn] = await drawDiagrams(workspaceDiagrams(workspace(smallModel()), catalog).slice(1, 2), { noSandbox, png: true });
    expect(Buffer.from(drawn!.png!).subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('draws a wide diagram\'s PNG at its natural size, not squeezed to the page, and the same SVG as without PNG', async () => {
    const nodes = Array.from({ length: 14 }, (_, i) => `  n${i}["Tactic number ${i}\nwith a second line of text"]`);
    const edges = Array.from({ length: 13 }, (_, i) => `  n${i} --> n${i + 1}`);
    const wide: Diagram = { name: 'wide', kind: 'tactics', title: 'wide', source: `flowchart LR\n${nodes.join('\n')}\n${edges.join('\n')}\n` };
    const next = workspaceDiagrams(workspace(smallModel()), catalog)[1]!;
    const [withPng, again, pngNext] = await drawDiagrams([wide, wide, next], { noSandbox, png: true });
    const box = viewBox(withPng!.svg);
    expect(box.width).toBeGreaterThan(1600);
    const { width, height } = pngDimensions(withPng!.png!);
    expect(width).toBeGreaterThanOrEqual(box.width);
    expect(width).toBe(Math.ceil(box.width) * PNG_SCALE);
    expect(height).toBe(Math.ceil(box.height) * PNG_SCALE);
    expect(Buffer.from(again!.png!).equals(Buffer.from(withPng!.png!))).toBe(true);
    // The SVG is what the pages embed: drawing PNGs leaves it as it was, for this diagram and the next.
    expect((await drawer.draw(wide)).svg).toBe(withPng!.svg);
    expect((await drawer.draw(next)).svg).toBe(pngNext!.svg);
  });

  describe('hostile labels', () => {
    let server: Server;
    let port = 0;
    const hits: string[] = [];
    beforeAll(async () => {
      server = createServer((req, res) => {
        hits.push(req.url ?? '');
        res.end('x');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    const corpus = (): string[] => [
      `<img src="http://127.0.0.1:${port}/x">`,
      `<img src=http://127.0.0.1:${port}/y onerror=alert(1)>`,
      `<script>fetch('http://127.0.0.1:${port}/s')</script>`,
      `<a href="http://127.0.0.1:${port}/a">link</a>`,
      '%%{init: {"theme": "dark", "securityLevel": "loose"}}%%',
      'end',
      'subgraph end',
      'quotes "double" and \'single\'',
      '`starts with a backtick` and *stars* and _under_',
      'first line\nsecond line',
      '#35; #quot; &amp; &lt;b&gt; 100% done # hash',
      'a --> b; click n0 call alert(1)',
      'style n0 fill:#f00;',
      '\ufb02\u00b0\u00b060\u00b6\u00df',
      '[brackets] (parens) {braces} |pipes|',
    ];

    it('renders them as literal text and no request leaves the page', async () => {
      const titles = corpus();
      const m = model('hostile', { title: titles[0]!, threats: titles.map((title, i) => threat(`t${i}`, { title })) });
      const drawn = await drawDiagrams(workspaceDiagrams(workspace(m), catalog), { noSandbox });
      const coverage = drawn.find((d) => d.diagram.kind === 'coverage')!;
      const texts = svgLabelTexts(coverage.svg);
      for (const title of titles) expect(texts).toContain(`${normalizeLabelText(title).replace(/\n/g, ' ')}\nopen`);
      for (const { svg } of drawn) {
        expect(svg).not.toMatch(/<img|<script|<a /i);
        expect(XMLValidator.validate(svg)).toBe(true);
      }
      const overview = drawn.find((d) => d.diagram.kind === 'overview')!;
      expect(svgLabelTexts(overview.svg)).toContain(`${titles[0]}\n0 covered · 0 partial · ${titles.length} open\n0% of ${titles.length} threats covered`);
      // Give a stray fetch time to arrive before concluding none was made.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(hits).toEqual([]);
    });

    it('any text: what the SVG shows is the text itself (fast-check sample)', async () => {
      const samples = fc.sample(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), { numRuns: 60, seed: 42 });
      samples.push(...fc.sample(fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 40 }), { numRuns: 60, seed: 7 }));
      const nodes: FlowNode[] = samples.map((text, i) => ({ id: `n${i}`, lines: [text], shape: 'box' }));
      const source = printFlowchart({ direction: 'TB', classDefs: [], groups: [], nodes, edges: [] });
      const { svg } = await drawer.draw({ name: 'property', kind: 'overview', title: 'property', source });
      const expected = samples.map((s) => clip(normalizeLabelText(s).replace(/\n/g, ' ')) || '(untitled)');
      expect(svgLabelTexts(svg)).toEqual(expected);
      expect(drawer.blocked).toEqual([]);
    });
  });
});
