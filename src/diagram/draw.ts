import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { HTTPRequest, Page } from 'puppeteer';
import { chromiumArgs, findChromium, launchChromium, type ChromiumChoice, type ChromiumLookup, type LaunchedChromium } from './browser.js';
import { mermaidBundle } from './bundle.js';
import { MERMAID_LIMITS } from './limits.js';
import type { Diagram } from './types.js';

/**
 * Draws mermaid diagrams to SVG (and PNG) with one Chromium and one page for a whole build:
 * mermaid is loaded once and `mermaid.render` is called per diagram, which costs a fraction
 * of starting a browser (or even a page) per diagram.
 *
 * The page is served from a made-up origin by request interception; every request other
 * than the page itself, the mermaid bundle and the ELK layout files is aborted, so nothing in
 * a diagram can make the browser fetch anything.
 */

export interface DrawProgress {
  readonly done: number;
  readonly total: number;
  readonly diagram: Diagram;
}

export interface DrawOptions extends ChromiumLookup {
  /** Turn Chromium's sandbox off: needed when running as root (the CLI decides). */
  readonly noSandbox: boolean;
  /** PNG as well as SVG. */
  readonly png?: boolean;
  /** How long the browser has to start and open a page (CHROMIUM_START_TIMEOUT_MS); for tests. */
  readonly startTimeoutMs?: number;
  /** Called after each diagram is drawn; the CLI shows it on a terminal only. */
  readonly onProgress?: (progress: DrawProgress) => void;
}

export interface DrawnDiagram {
  readonly diagram: Diagram;
  readonly svg: string;
  readonly png?: Uint8Array;
  /** 'elk' when the default layout crashed and ELK drew it instead. */
  readonly layout: 'dagre' | 'elk';
}

/** A diagram mermaid could not draw, named so the user knows which one. */
export class DiagramDrawError extends Error {
  override readonly name = 'DiagramDrawError';
  constructor(
    readonly diagram: string,
    reason: string,
  ) {
    super(`diagram ${diagram} could not be drawn: ${reason}`);
  }
}

const ORIGIN = 'https://threatdoc.invalid';
const PAGE = `${ORIGIN}/`;
const MERMAID_URL = `${ORIGIN}/mermaid.min.js`;
const ELK_PREFIX = `${ORIGIN}/elk/`;
const HTML = '<!doctype html><html><head><meta charset="utf-8"><title>threatdoc</title><link rel="icon" href="data:,"></head><body><div id="box"></div></body></html>';

/** Texts mermaid draws instead of a diagram while still reporting success. */
const PLACEHOLDERS = ['Maximum text size in diagram exceeded', 'Syntax error in text'];

/** Mermaid settings for every diagram: explicit limits, strict security, stable ids. */
export function mermaidConfig(layout: 'dagre' | 'elk'): Record<string, unknown> {
  return {
    startOnLoad: false,
    securityLevel: 'strict',
    deterministicIds: true,
    deterministicIDSeed: 'threatdoc',
    suppressErrorRendering: true,
    maxTextSize: MERMAID_LIMITS.maxTextSize,
    maxEdges: MERMAID_LIMITS.maxEdges,
    layout,
    theme: 'default',
    flowchart: { useMaxWidth: true },
  };
}

/** Device pixels per CSS pixel of a PNG: twice the viewBox, so its text stays sharp. */
export const PNG_SCALE = 2;
/** The most pixels a PNG may have (about 64 MB as a bitmap in the browser). */
export const PNG_MAX_PIXELS = 16_000_000;
/** The longest side a PNG may have: Chromium cannot capture much beyond it. */
export const PNG_MAX_SIDE = 16_384;

/**
 * The device pixels per CSS pixel for a PNG of a diagram whose viewBox is width × height:
 * PNG_SCALE, lowered only as far as keeps the image within PNG_MAX_PIXELS and PNG_MAX_SIDE.
 */
export function pngScale(width: number, height: number): number {
  const area = Math.ceil(width) * Math.ceil(height);
  const fit = Math.min(PNG_SCALE, Math.sqrt(PNG_MAX_PIXELS / area), PNG_MAX_SIDE / Math.ceil(width), PNG_MAX_SIDE / Math.ceil(height));
  // Two decimals, rounded down: a scale that reads the same in every run and stays within the limits.
  return Math.max(0.01, Math.floor(fit * 100) / 100);
}

/** The id of a diagram's SVG element; mermaid prefixes every inner id and CSS rule with it. */
export function svgId(name: string): string {
  // '.' and '_' would break mermaid's CSS selectors or collide; encode them.
  return `td-${name.replace(/[^a-z0-9-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`)}`;
}

/**
 * The placeholder text mermaid drew instead of the diagram, or undefined for a real diagram.
 * A user may well title a threat with those words: then the text is in the source too and the
 * chart has the other nodes of a coverage chart, while a placeholder is a single node.
 */
export function placeholderIn(svg: string, source: string): string | undefined {
  // Counting nodes reads the whole SVG: only done when the words are in the source too.
  const oneNode = () => (svg.match(/<g class="node /g)?.length ?? 0) <= 1;
  return PLACEHOLDERS.find((text) => svg.includes(text) && (!source.includes(text) || oneNode()));
}

function isLayoutCrash(message: string): boolean {
  return message.includes("setting 'order'") || message.includes('setting "order"');
}

async function within(root: string, file: string): Promise<boolean> {
  const real = await realpath(file).catch(() => undefined);
  return real !== undefined && !path.relative(root, real).startsWith('..') && !path.isAbsolute(path.relative(root, real));
}

export class Drawer {
  /** URLs the page asked for and was refused; a diagram should never cause one. */
  readonly blocked: string[] = [];

  private constructor(
    private readonly browser: LaunchedChromium,
    private readonly page: Page,
    readonly chromium: ChromiumChoice,
    private readonly png: boolean,
  ) {}

  /** Starts the browser and loads mermaid into its one page. */
  static async open(options: Omit<DrawOptions, 'onProgress'>): Promise<Drawer> {
    const chromium = findChromium(options);
    const bundle = mermaidBundle();
    const elkRoot = await realpath(bundle.elkDir);
    const browser = await launchChromium(chromium, {
      headless: true,
      pipe: true,
      args: chromiumArgs({ noSandbox: options.noSandbox }),
      protocolTimeout: 180_000,
    }, options.startTimeoutMs);
    try {
      const page = browser.page;
      const drawer = new Drawer(browser, page, chromium, options.png === true);
      await page.setRequestInterception(true);
      page.on('request', (request) => void drawer.serve(request, bundle.mermaidScript, elkRoot));
      await page.goto(PAGE, { waitUntil: 'load' });
      await page.addScriptTag({ url: MERMAID_URL });
      await page.addScriptTag({ type: 'module', content: pageScript(`${ELK_PREFIX}${bundle.elkEntry}`, mermaidConfig('dagre')) });
      await page.waitForFunction('globalThis.threatdoc !== undefined', { timeout: 60_000 });
      return drawer;
    } catch (error) {
      await browser.close().catch(() => undefined);
      throw error;
    }
  }

  private async serve(request: HTTPRequest, mermaidScript: string, elkRoot: string): Promise<void> {
    const url = request.url();
    try {
      if (url === PAGE) return await request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: HTML });
      if (url === MERMAID_URL) {
        return await request.respond({ status: 200, contentType: 'application/javascript', body: await readFile(mermaidScript) });
      }
      if (url.startsWith(ELK_PREFIX) && url.endsWith('.mjs')) {
        const file = path.join(elkRoot, decodeURIComponent(new URL(url).pathname.slice('/elk/'.length)));
        if (await within(elkRoot, file)) {
          return await request.respond({ status: 200, contentType: 'application/javascript', body: await readFile(file) });
        }
      }
    } catch {
      // fall through: anything that cannot be served is refused
    }
    this.blocked.push(url);
    await request.abort('blockedbyclient').catch(() => undefined);
  }

  /** Draws one diagram; a dagre layout crash is retried once with ELK. */
  async draw(diagram: Diagram): Promise<DrawnDiagram> {
    const id = svgId(diagram.name);
    let layout: 'dagre' | 'elk' = 'dagre';
    let result = await this.render(id, diagram.source, layout);
    if (!result.ok && isLayoutCrash(result.error)) {
      layout = 'elk';
      result = await this.render(id, diagram.source, layout);
    }
    if (!result.ok) throw new DiagramDrawError(diagram.name, firstLine(result.error));
    const placeholder = placeholderIn(result.svg, diagram.source);
    if (placeholder) throw new DiagramDrawError(diagram.name, `mermaid drew "${placeholder}" instead of the diagram`);
    const png = this.png ? await this.screenshot() : undefined;
    return png ? { diagram, svg: result.svg, png, layout } : { diagram, svg: result.svg, layout };
  }

  private async render(id: string, source: string, layout: 'dagre' | 'elk'): Promise<RenderResult> {
    const config = layout === 'elk' ? mermaidConfig('elk') : null;
    return this.page.evaluate(
      (id: string, source: string, config: Record<string, unknown> | null) =>
        (globalThis as unknown as { threatdoc: PageApi }).threatdoc.render(id, source, config),
      id,
      source,
      config,
    );
  }

  /**
   * A PNG of the drawn diagram at its viewBox's size. Mermaid's useMaxWidth makes the SVG as
   * wide as the page at most (that is what the saved SVG says too, so it stays); for the
   * picture the element, already saved, is given its natural size at the page's top left, and
   * the page is made that size, at pngScale's device pixels per CSS pixel. The page goes back
   * to its own size afterwards, so the next diagram is drawn exactly as without PNGs.
   */
  private async screenshot(): Promise<Uint8Array> {
    const size = await this.page.evaluate(() => {
      const svg = document.querySelector<SVGSVGElement>('#box svg');
      const box = svg?.viewBox?.baseVal;
      if (!svg || !box || !(box.width > 0) || !(box.height > 0)) return undefined;
      Object.assign(svg.style, { position: 'absolute', left: '0', top: '0', width: `${box.width}px`, height: `${box.height}px`, maxWidth: 'none' });
      return { width: box.width, height: box.height };
    });
    if (!size) throw new Error('no drawn SVG with a viewBox to take a PNG of');
    const width = Math.ceil(size.width);
    const height = Math.ceil(size.height);
    const before = this.page.viewport();
    await this.page.setViewport({ width, height, deviceScaleFactor: pngScale(size.width, size.height) });
    try {
      return await this.page.screenshot({ type: 'png', omitBackground: false, clip: { x: 0, y: 0, width, height } });
    } finally {
      await this.page.setViewport(before ?? { width: 800, height: 600 });
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

/** Configuration sections of diagram types other than flowcharts (see pageScript). */
const UNUSED_SECTIONS = [
  'architecture', 'block', 'c4', 'er', 'gantt', 'gitGraph', 'journey', 'kanban', 'mindmap', 'packet', 'pie',
  'quadrantChart', 'radar', 'railroad', 'requirement', 'sankey', 'timeline', 'treemap', 'xyChart',
];

type RenderResult = { ok: true; svg: string } | { ok: false; error: string };

interface PageApi {
  render(id: string, source: string, config: Record<string, unknown> | null): Promise<RenderResult>;
}

/**
 * The page side, as plain browser JavaScript: kept as text so no build tool rewrites it (a
 * test runner's transform would turn `import()` into a helper the page does not have).
 * It registers ELK, initialises mermaid and exposes `threatdoc.render`, which draws into the
 * page (re-serialising as XML, since an .svg file needs <br/> where HTML labels hold <br>),
 * switching layout for one diagram when asked.
 */
function pageScript(elkUrl: string, config: Record<string, unknown>): string {
  return `
import elk from ${JSON.stringify(elkUrl)};
const base = ${JSON.stringify(config)};
const mermaid = globalThis.mermaid;
// Some shapes draw their outlines with Math.random; a generator reseeded before every
// diagram makes each drawing depend only on its source.
let seed = 0;
Math.random = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
// Mermaid deep-copies its whole configuration (about 900 keys) on every getConfig() call,
// several times per node and edge, creating each key with Object.defineProperty: over half of
// a large chart's drawing time. For a fresh, writable, enumerable, configurable data property
// on a plain object, assignment has exactly the same effect and V8 does it far faster.
const define = Object.defineProperty;
const plain = Object.prototype;
Object.defineProperty = function (target, key, descriptor) {
  if (
    descriptor !== null && typeof descriptor === 'object' &&
    descriptor.writable === true && descriptor.enumerable === true && descriptor.configurable === true &&
    !('get' in descriptor) && !('set' in descriptor) && key !== '__proto__' &&
    target !== null && typeof target === 'object' && Object.getPrototypeOf(target) === plain &&
    Object.isExtensible(target) && !Object.prototype.hasOwnProperty.call(target, key) &&
    !(key in plain)
  ) {
    target[key] = descriptor.value;
    return target;
  }
  return define(target, key, descriptor);
};
// The same copying is proportional to the configuration's size, and most of it configures
// diagram types threatdoc never draws (it draws flowcharts only). updateSiteConfig hands back
// mermaid's site configuration; dropping those sections from it and applying it again halves
// a large chart's drawing time again. Sections flowcharts read (state, class, sequence) stay.
const UNUSED_SECTIONS = ${JSON.stringify(UNUSED_SECTIONS)};
function configure(config) {
  mermaid.initialize(config);
  const site = mermaid.mermaidAPI?.updateSiteConfig?.({});
  if (site === null || typeof site !== 'object') return;
  for (const section of UNUSED_SECTIONS) delete site[section];
  mermaid.mermaidAPI.updateSiteConfig({});
}
mermaid.registerLayoutLoaders(elk);
configure(base);
globalThis.threatdoc = {
  async render(id, source, config) {
    const box = document.getElementById('box');
    box.innerHTML = '';
    seed = 0x5eed;
    try {
      if (config) configure(config);
      const { svg } = await mermaid.render(id, source, box);
      box.innerHTML = svg;
      const element = box.querySelector('svg');
      if (!element) return { ok: false, error: 'mermaid returned no <svg>' };
      return { ok: true, svg: new XMLSerializer().serializeToString(element) };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    } finally {
      if (config) configure(base);
    }
  },
};
`;
}

/** Mermaid's message on one line (a parse error spans several: where, a caret, what was expected). */
function firstLine(text: string): string {
  const line = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^-*\^$/.test(l))
    .join(' ');
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

/** Draws every diagram with one browser, in order, reporting progress after each. */
export async function drawDiagrams(diagrams: readonly Diagram[], options: DrawOptions): Promise<DrawnDiagram[]> {
  if (diagrams.length === 0) return [];
  const drawer = await Drawer.open(options);
  try {
    const out: DrawnDiagram[] = [];
    for (const diagram of diagrams) {
      out.push(await drawer.draw(diagram));
      options.onProgress?.({ done: out.length, total: diagrams.length, diagram });
    }
    return out;
  } finally {
    await drawer.close();
  }
}
