/**
 * One isolated Handlebars environment per output format: templates compiled in strict mode
 * (a missing field is an error) with HTML escaping off; escaping is done by the helpers of the
 * format. Errors are mapped to the template file and line that caused them.
 */
import { createRequire } from 'node:module';
import type { HelperOptions } from 'handlebars';
import type { OutputFormat } from './formats.js';
import { precompiledTemplates } from './precompiled.js';
import { assertSafeName, type Syntax } from './syntax.js';
import type { TemplateFile, TemplateSet } from './templates.js';

/** A template that does not compile or run, located at the template's file and line. */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly column: number | undefined,
    readonly reason: string,
  ) {
    super(`${file}${line === undefined ? '' : `:${line}:${column ?? 1}`}: ${reason}`);
  }
}

/** Named links one document uses; their targets are written once at the end of the document. */
export class LinkTargets {
  /** By lower-cased name (RST link names are case-insensitive): the name as written and its URL. */
  private readonly targets = new Map<string, { readonly name: string; readonly url: string }>();

  add(name: string, url: string): void {
    const key = name.toLowerCase();
    const known = this.targets.get(key);
    // One name may only ever point to one URL: docutils rejects the page otherwise.
    if (known !== undefined && known.url !== url) throw new Error(`link name "${name}" points to two different URLs`);
    this.targets.set(key, { name, url });
  }

  /** Sorted by name, so the block of targets is the same whatever order the page uses them in. */
  entries(): (readonly [string, string])[] {
    return [...this.targets.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, t]) => [t.name, t.url] as const);
  }
}

/** What the block helpers collect into: the page's links and the innermost open table, row, list. */
interface Scope {
  readonly links: LinkTargets;
  readonly inCell?: boolean;
  readonly tableRows?: string[][] | undefined;
  readonly rowCells?: string[] | undefined;
  readonly listItems?: string[] | undefined;
}

/**
 * The scope of the block being rendered. It lives beside the Handlebars data rather than in a
 * data frame per block: a frame copies every data field, once per table row, cell and list
 * item. Rendering is synchronous and one page at a time, so one current scope suffices.
 */
interface ScopeStack {
  current: Scope;
}

type Hb = typeof import('handlebars');
type Compiled = (context: unknown, options?: Handlebars.RuntimeOptions) => string;

export interface FormatEnvironment {
  readonly syntax: Syntax;
  /** Renders the page template `<format>/<name>.hbs` with the given context. */
  render(name: string, context: unknown): string;
}

/** Also what scripts/precompile-templates.mjs compiles the shipped templates with. */
export const COMPILE_OPTIONS: CompileOptions = { strict: true, noEscape: true, preventIndent: false };
type CompileOptions = Parameters<Hb['compile']>[1];

const requireHere = createRequire(import.meta.url);
/** The runtime runs precompiled templates; the compiler is loaded only when one is needed. */
const Handlebars = requireHere('handlebars/runtime') as Hb;

export function createEnvironment(syntax: Syntax, templates: TemplateSet): FormatEnvironment {
  const format: OutputFormat = syntax.format;
  const partialDir = `partials/${format}/`;
  const precompiled = precompiledTemplates();
  const specOf = (rel: string, t: TemplateFile): TemplateSpecification | undefined => {
    const entry = Object.hasOwn(precompiled, rel) ? precompiled[rel] : undefined;
    return entry?.source === t.source ? entry.spec : undefined;
  };
  const ownFiles = [...templates.files].filter(([rel]) => rel.startsWith(partialDir) || rel.startsWith(`${format}/`));
  const withCompiler = ownFiles.some(([rel, t]) => specOf(rel, t) === undefined);
  const hb = (withCompiler ? (requireHere('handlebars') as Hb) : Handlebars).create();
  const scope: ScopeStack = { current: { links: new LinkTargets() } };
  registerHelpers(hb, syntax, scope);
  const load = (rel: string, t: TemplateFile): Compiled => located(hb, t.file, t.source, specOf(rel, t));
  for (const [rel, t] of ownFiles) {
    if (!rel.startsWith(partialDir) || !rel.endsWith('.hbs')) continue;
    const name = rel.slice(partialDir.length, -'.hbs'.length);
    hb.registerPartial(name, load(rel, t) as unknown as Handlebars.Template);
  }
  const pages = new Map<string, Compiled>();
  return {
    syntax,
    render(name, context) {
      const rel = `${format}/${name}.hbs`;
      let page = pages.get(rel);
      if (!page) {
        const t = templates.files.get(rel);
        if (!t) throw new TemplateError(`templates/${rel}`, undefined, undefined, 'template not found');
        page = load(rel, t);
        pages.set(rel, page);
      }
      const links = new LinkTargets();
      scope.current = { links };
      const body = page(context);
      const targets = links.entries();
      const tail = targets.length === 0 ? '' : `\n\n${syntax.linkTargets(targets)}\n`;
      return tidy(`${syntax.markerLine}\n\n${body}${tail}`);
    },
  };
}

/** Blank-line runs collapsed, no trailing spaces, exactly one final newline. */
function tidy(text: string): string {
  return `${text
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

/**
 * Compiles eagerly (syntax errors surface before any output), unless compiled at build time,
 * and wraps the template so an error thrown while it runs names its file; the innermost
 * template (a partial) wins.
 */
function located(hb: Hb, file: string, source: string, spec: TemplateSpecification | undefined): Compiled {
  const compiled = spec === undefined ? compile(hb, file, source) : (hb.template(spec) as Compiled);
  return (context, options) => {
    try {
      return compiled(context, options);
    } catch (error) {
      throw toTemplateError(error, file);
    }
  };
}

function compile(hb: Hb, file: string, source: string): Compiled {
  try {
    hb.parse(source);
  } catch (error) {
    const e = error as { message?: string; lineNumber?: number };
    if (typeof e.lineNumber === 'number') throw toTemplateError(error, file);
    // The parser's own errors say "Parse error on line N:", then the line, a caret, then what it expected.
    const message = String(e.message ?? error);
    const line = /line (\d+)/.exec(message)?.[1];
    const lines = message.split('\n');
    const reason = lines.length > 1 ? `${lines[0]} ${lines[lines.length - 1]}` : message;
    throw new TemplateError(file, line === undefined ? undefined : Number(line), undefined, reason);
  }
  return hb.compile(source, COMPILE_OPTIONS) as Compiled;
}

function toTemplateError(error: unknown, file: string): TemplateError {
  if (error instanceof TemplateError) return error;
  const e = error as { message?: string; lineNumber?: number; column?: number };
  // Handlebars appends " - line:column" and, for strict lookups, the useless " in [object Object]".
  const message = String(e.message ?? error)
    .replace(/ - \d+:\d+$/, '')
    .replace(/ in \[object Object\]$/, '');
  const line = typeof e.lineNumber === 'number' ? e.lineNumber : undefined;
  const column = typeof e.column === 'number' ? e.column + 1 : undefined;
  return new TemplateError(file, line, column, message);
}

/** An error located at the helper call (Handlebars passes the call's position as options.loc). */
function helperError(options: HelperOptions, message: string): Error {
  const loc = (options as unknown as { loc?: unknown }).loc;
  return new Handlebars.Exception(message, loc ? ({ loc } as unknown as hbs.AST.Node) : undefined);
}

/** A block of its own: blank lines before and after, so it never merges with the next heading. */
function asBlock(text: string): string {
  return text === '' ? '' : `\n\n${text}\n\n`;
}

function str(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value);
}

function registerHelpers(hb: Hb, syntax: Syntax, scope: ScopeStack): void {
  const { format } = syntax;
  /** Runs a block in a scope with `extra` set; the caller's scope is back afterwards, even on error. */
  const runBlock = (options: HelperOptions, context: unknown, extra: Omit<Scope, 'links'>): string => {
    const outer = scope.current;
    scope.current = { ...outer, ...extra };
    try {
      return str(options.fn(context));
    } finally {
      scope.current = outer;
    }
  };
  const text = (value: unknown) => syntax.text(str(value));
  const block = (value: unknown) => syntax.block(str(value));
  // `rst`/`md` are the escape helpers under the format's own name, for readable templates.
  hb.registerHelper('text', text);
  hb.registerHelper('block', block);
  hb.registerHelper(format, text);
  hb.registerHelper(`${format}Block`, block);
  hb.registerHelper('strong', (value: unknown) => syntax.strong(text(value)));
  hb.registerHelper('em', (value: unknown) => syntax.em(text(value)));
  hb.registerHelper('heading', (value: unknown, level: unknown) => syntax.heading(text(value), Number(level)));
  hb.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).map(str).join(''));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hb.registerHelper('count', (value: unknown) => (Array.isArray(value) ? value.length : 0));
  /** An enum value as words: "elevation-of-privilege" → "elevation of privilege", escaped. */
  hb.registerHelper('words', (value: unknown) => text(str(value).replace(/-/g, ' ')));
  /** An id or page name put into markup as is; refused unless it is letters, digits, ".", "_", "-". */
  hb.registerHelper('name', function (value: unknown, options: HelperOptions) {
    try {
      return assertSafeName(str(value), 'name');
    } catch (error) {
      throw helperError(options, (error as Error).message);
    }
  });

  /** `{{d3fend ref}}`: a named link to a D3FEND technique, its target added to the document. */
  hb.registerHelper('d3fend', function (ref: unknown, options: HelperOptions) {
    const r = ref as { id?: unknown; url?: unknown } | string;
    const id = typeof r === 'string' ? r : str(r?.id);
    const url = typeof r === 'string' ? null : (r?.url as string | null);
    if (url === null || url === undefined || !/^D3A?-[A-Z0-9]+$/.test(id)) return text(id);
    try {
      scope.current.links.add(id, url);
    } catch (error) {
      throw helperError(options, (error as Error).message);
    }
    return syntax.namedLink(id);
  });
  hb.registerHelper('link', (title: unknown, url: unknown) => syntax.externalLink(str(title), str(url)));
  hb.registerHelper('pageLink', function (page: unknown, title: unknown, options: HelperOptions) {
    const fragment = options.hash?.fragment as string | undefined;
    try {
      return syntax.pageLink(str(page), str(title), fragment);
    } catch (error) {
      throw helperError(options, (error as Error).message);
    }
  });
  hb.registerHelper('anchor', function (id: unknown, options: HelperOptions) {
    try {
      return syntax.anchor(assertSafeName(str(id), 'anchor'));
    } catch (error) {
      throw helperError(options, (error as Error).message);
    }
  });
  hb.registerHelper('diagram', (d: unknown) => syntax.diagram(d as Parameters<Syntax['diagram']>[0]));

  /** `{{#table caption=… widths="30 70" empty=…}}{{#row}}{{#cell}}…{{/cell}}{{/row}}…{{/table}}` */
  hb.registerHelper('table', function (this: unknown, options: HelperOptions) {
    const rows: string[][] = [];
    const stray = runBlock(options, this, { tableRows: rows });
    if (stray.trim() !== '') throw helperError(options, `text outside {{#row}} in {{#table}}: "${stray.trim().slice(0, 40)}"`);
    const header = rows[0];
    if (!header) throw helperError(options, '{{#table}} needs a header {{#row}}');
    rows.forEach((r, i) => {
      if (r.length !== header.length) {
        throw helperError(options, `table row ${i + 1} has ${r.length} cells, the header has ${header.length}`);
      }
    });
    if (rows.length === 1) return asBlock(str(options.hash?.empty));
    const widthsText = options.hash?.widths as string | undefined;
    const widths = widthsText === undefined ? undefined : widthsText.trim().split(/\s+/).map(Number);
    if (widths && (widths.length !== header.length || widths.some((w) => !Number.isInteger(w) || w <= 0))) {
      throw helperError(options, `widths "${widthsText}" must be ${header.length} positive whole numbers`);
    }
    // Blank lines around the block: a table must never run into the text before or after it.
    return `\n\n${syntax.table({ caption: str(options.hash?.caption), widths, rows })}\n\n`;
  });
  hb.registerHelper('row', function (this: unknown, options: HelperOptions) {
    const rows = scope.current.tableRows;
    if (!rows) throw helperError(options, '{{#row}} outside {{#table}}');
    const cells: string[] = [];
    const stray = runBlock(options, this, { rowCells: cells });
    if (stray.trim() !== '') throw helperError(options, `text outside {{#cell}} in {{#row}}: "${stray.trim().slice(0, 40)}"`);
    rows.push(cells);
    return '';
  });
  hb.registerHelper('cell', function (this: unknown, options: HelperOptions) {
    const cells = scope.current.rowCells;
    if (!cells) throw helperError(options, '{{#cell}} outside {{#row}}');
    cells.push(runBlock(options, this, { inCell: true, tableRows: undefined, rowCells: undefined }));
    return '';
  });
  /** `{{#list empty=…}}{{#each …}}{{#item}}…{{/item}}{{/each}}{{/list}}` */
  hb.registerHelper('list', function (this: unknown, options: HelperOptions) {
    const items: string[] = [];
    const stray = runBlock(options, this, { listItems: items });
    if (stray.trim() !== '') throw helperError(options, `text outside {{#item}} in {{#list}}: "${stray.trim().slice(0, 40)}"`);
    if (items.length === 0) return asBlock(str(options.hash?.empty));
    return `\n\n${syntax.list(items, scope.current.inCell === true)}\n\n`;
  });
  hb.registerHelper('item', function (this: unknown, options: HelperOptions) {
    const items = scope.current.listItems;
    if (!items) throw helperError(options, '{{#item}} outside {{#list}}');
    items.push(runBlock(options, this, { listItems: undefined }));
    return '';
  });
}
