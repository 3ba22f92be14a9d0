/**
 * One environment per output format: its templates, its helpers, and pages rendered from them.
 * Templates run in strict mode (a missing field is an error) with HTML escaping off; escaping
 * is done by the helpers of the format. Errors are mapped to the template file and line that
 * caused them.
 *
 * Templates run as JavaScript generated from them (codegen.ts): the shipped ones generated at
 * build time (precompiled.ts), overrides when the environment is made. Handlebars' own runtime
 * cost most of the rendering time. A template using a part of Handlebars the generator does not
 * cover runs on Handlebars itself, with the partials compiled by Handlebars too.
 */
import { createRequire } from 'node:module';
import type { HelperOptions } from 'handlebars';
import { generateTemplate, UnsupportedTemplate, type HelperNeeds, type PlainHelpers } from './codegen.js';
import type { OutputFormat } from './formats.js';
import { precompiledTemplates, type TemplateFactory } from './precompiled.js';
import { assertSafeName, SYNTAXES, type Syntax } from './syntax.js';
import * as runtime from './template-runtime.js';
import { LocatedError, type Frame, type Helper, type Partials } from './template-runtime.js';
import type { TemplateFile, TemplateSet } from './templates.js';
import { compareText } from '../core/order.js';

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
      .sort(([a], [b]) => compareText(a, b))
      .map(([, t]) => [t.name, t.url] as const);
  }
}

/** What the block helpers collect into: the page's links and the innermost open table, row, list. */
interface Scope {
  readonly links: LinkTargets;
  readonly inCell: boolean;
  readonly tableRows: string[][] | undefined;
  readonly rowCells: string[] | undefined;
  readonly listItems: string[] | undefined;
}

/** Every scope has the same fields in the same order, which keeps making one per block cheap. */
function scopeOf(
  links: LinkTargets,
  inCell: boolean,
  tableRows: string[][] | undefined,
  rowCells: string[] | undefined,
  listItems: string[] | undefined,
): Scope {
  return { links, inCell, tableRows, rowCells, listItems };
}

/** The scope a page starts in: its own link targets, outside any table or list. */
function pageScope(links: LinkTargets = new LinkTargets()): Scope {
  return scopeOf(links, false, undefined, undefined, undefined);
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
type Helpers = Readonly<Record<string, Helper>>;
/** A page: its context in, text out. */
type Page = (context: unknown) => string;

export interface FormatEnvironment {
  readonly syntax: Syntax;
  /** Renders the page template `<format>/<name>.hbs` with the given context. */
  render(name: string, context: unknown): string;
}

/** Handlebars' options for the templates it runs. */
export const COMPILE_OPTIONS: CompileOptions = { strict: true, noEscape: true, preventIndent: false };
type CompileOptions = Parameters<Hb['compile']>[1];

const requireHere = createRequire(import.meta.url);
/** The compiler and parser, loaded only for a template that was not generated at build time. */
const handlebars = (): Hb => requireHere('handlebars') as Hb;

/** `handlebars` runs every template on Handlebars: what tests compare the generated code with. */
export type Engine = 'generated' | 'handlebars';

export function createEnvironment(syntax: Syntax, templates: TemplateSet, engine: Engine = 'generated'): FormatEnvironment {
  const format: OutputFormat = syntax.format;
  const partialDir = `partials/${format}/`;
  const scope: ScopeStack = { current: pageScope() };
  const set = createHelpers(syntax, scope);
  const { helpers } = set;
  const helperNames = new Set(Object.keys(helpers));
  const partialFiles = [...templates.files].filter(([rel]) => rel.startsWith(partialDir) && rel.endsWith('.hbs'));
  const partialName = (rel: string) => rel.slice(partialDir.length, -'.hbs'.length);

  // The generated partials, or none when one of them needs Handlebars: then every template does.
  let partials: Record<string, (context: unknown, data: Frame | undefined) => string> | undefined;
  if (engine === 'generated') {
    partials = {};
    for (const [rel, t] of partialFiles) {
      const render = generated(rel, t, { ...set, names: helperNames }, partials);
      if (!render) {
        partials = undefined;
        break;
      }
      partials[partialName(rel)] = render;
    }
  }
  let hb: Hb | undefined;
  const onHandlebars = (): Hb => {
    if (hb) return hb;
    hb = handlebars().create();
    hb.registerHelper(checkingNeeds(helpers, set.needs) as unknown as Handlebars.HelperDeclareSpec);
    for (const [rel, t] of partialFiles) hb.registerPartial(partialName(rel), located(hb, t.file, t.source));
    return hb;
  };

  const pages = new Map<string, Page>();
  return {
    syntax,
    render(name, context) {
      const rel = `${format}/${name}.hbs`;
      let page = pages.get(rel);
      if (!page) {
        const t = templates.files.get(rel);
        if (!t) throw new TemplateError(`templates/${rel}`, undefined, undefined, 'template not found');
        const render = partials && generated(rel, t, { ...set, names: helperNames }, partials);
        // A page's data starts as Handlebars starts it: @root is the page's context.
        page = render ? (ctx) => render(ctx, { root: ctx }) : located(onHandlebars(), t.file, t.source);
        pages.set(rel, page);
      }
      const links = new LinkTargets();
      scope.current = pageScope(links);
      const body = page(context);
      const targets = links.entries();
      const tail = targets.length === 0 ? '' : `\n\n${syntax.linkTargets(targets)}\n`;
      return tidy(`${syntax.markerLine}\n\n${body}${tail}`);
    },
  };
}

/**
 * A template as generated code (built with the package when its text is the shipped one),
 * wrapped so an error names its file; undefined when it needs Handlebars.
 */
function generated(
  rel: string,
  t: TemplateFile,
  set: HelperSet & { readonly names: ReadonlySet<string> },
  partials: Partials,
): ((context: unknown, data: Frame | undefined) => string) | undefined {
  const built = precompiledTemplates();
  const entry = Object.hasOwn(built, rel) ? built[rel] : undefined;
  let factory: TemplateFactory;
  if (entry?.source === t.source) factory = entry.render;
  else {
    const code = generatedCode(parse(handlebars(), t.file, t.source), set);
    if (code === undefined) return undefined;
    // The code is built from the parsed template only: names and text enter it as JSON strings.
    factory = new Function(`return ${code}`)() as TemplateFactory;
  }
  const render = factory(runtime, set.helpers, partials);
  return (context, data) => {
    try {
      return render(context, data);
    } catch (error) {
      throw toTemplateError(error, t.file, t.source);
    }
  };
}

function generatedCode(template: hbs.AST.Program, set: HelperSet & { readonly names: ReadonlySet<string> }): string | undefined {
  try {
    return generateTemplate(template, set.names, set.plain, set.needs);
  } catch (error) {
    if (error instanceof UnsupportedTemplate) return undefined;
    throw error;
  }
}

/**
 * The shipped templates as a CommonJS module of generated code, for precompiled.ts: what
 * scripts/precompile-templates.mjs writes at build time. Each must be generated: one that needs
 * Handlebars would make every build slower, so it fails the build instead.
 */
export function generatedModule(templates: TemplateSet): string {
  const hbs = handlebars();
  // The helpers' names and plain readers, once per format (no page is rendered with them).
  const sets = new Map((Object.keys(SYNTAXES) as OutputFormat[]).map((f) => [f, createHelpers(SYNTAXES[f], { current: pageScope() })]));
  const entries = [...templates.files].map(([rel, t]) => {
    const format = [...sets.keys()].find((f) => rel.startsWith(`${f}/`) || rel.startsWith(`partials/${f}/`));
    if (!format) throw new Error(`${t.file}: not under a format's directory`);
    const { helpers, plain, needs } = sets.get(format) as HelperSet;
    let code: string;
    try {
      code = generateTemplate(parse(hbs, t.file, t.source), new Set(Object.keys(helpers)), plain, needs);
    } catch (error) {
      if (error instanceof UnsupportedTemplate) throw new Error(`${t.file}: ${error.message}`);
      throw error;
    }
    return `  ${JSON.stringify(rel)}: { source: ${JSON.stringify(t.source)}, render: ${code} },`;
  });
  return `'use strict';\nmodule.exports = {\n${entries.join('\n')}\n};\n`;
}

/**
 * Blank-line runs collapsed to one, no trailing spaces, no leading or trailing blank lines, no
 * leading spaces on the first line, exactly one final newline: in one pass over the lines.
 */
export function tidy(text: string): string {
  const lines = text.split('\n');
  let out = '';
  let blank = false;
  for (const raw of lines) {
    const line = raw.trimEnd();
    if (line === '') blank = true;
    else {
      out += out === '' ? line.trimStart() : `${blank ? '\n\n' : '\n'}${line}`;
      blank = false;
    }
  }
  return `${out}\n`;
}

/**
 * Compiles eagerly (syntax errors surface before any output) and wraps the template so an
 * error thrown while it runs names its file; the innermost template (a partial) wins.
 */
function located(hb: Hb, file: string, source: string): Handlebars.TemplateDelegate {
  parse(hb, file, source);
  const compiled = hb.compile(source, COMPILE_OPTIONS);
  // A partial is called with Handlebars' options (its data among them): they are passed on.
  return (context, options) => {
    try {
      return compiled(context, options);
    } catch (error) {
      throw toTemplateError(error, file, source);
    }
  };
}

/** The template's syntax tree; a syntax error becomes a TemplateError at its line. */
function parse(hb: Hb, file: string, source: string): hbs.AST.Program {
  try {
    return hb.parse(source);
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
}

/** `source`: the text of the template that was running, to locate what its engine did not. */
function toTemplateError(error: unknown, file: string, source?: string): TemplateError {
  if (error instanceof TemplateError) return error;
  const e = error as { message?: string; lineNumber?: number; column?: number };
  // Handlebars appends " - line:column" and, for strict lookups, the useless " in [object Object]".
  const message = String(e.message ?? error)
    .replace(/ - \d+:\d+$/, '')
    .replace(/ in \[object Object\]$/, '');
  const located = typeof e.lineNumber === 'number' ? { line: e.lineNumber, column: e.column } : undefined;
  const at = located ?? (source === undefined ? undefined : missingPartialAt(message, source));
  const column = typeof at?.column === 'number' ? at.column + 1 : undefined;
  return new TemplateError(file, at?.line, column, message);
}

/** The name a `{{> name}}` or `{{> "name"}}` is written with; a computed one has none. */
function partialName(node: hbs.AST.PartialStatement): string | undefined {
  // The parser gives a quoted name as a StringLiteral, which the AST types leave out.
  const name: hbs.AST.Expression = node.name;
  if (name.type === 'PathExpression') return (name as hbs.AST.PathExpression).original;
  if (name.type === 'StringLiteral') return (name as hbs.AST.StringLiteral).value;
  return undefined;
}

/** Handlebars' words for a `{{> name}}` whose partial does not exist (template-runtime.ts uses the same). */
const MISSING_PARTIAL = /^The partial (.+) could not be found$/;

/**
 * Where the running template includes the missing partial the message names: neither engine
 * says, and the error passes the innermost template's wrapper first, so it is in that text.
 * The first `{{> name}}` is the place, since the name is missing for all of them.
 */
function missingPartialAt(message: string, source: string): { line: number; column: number } | undefined {
  const name = MISSING_PARTIAL.exec(message)?.[1];
  if (name === undefined) return undefined;
  const hb = handlebars();
  let at: { line: number; column: number } | undefined;
  const visitor = new hb.Visitor();
  visitor.PartialStatement = (node) => {
    if (at === undefined && partialName(node) === name) at = node.loc.start;
  };
  visitor.accept(hb.parse(source));
  return at;
}

/** An error located at the helper call (both engines pass the call's position as options.loc). */
function helperError(options: HelperOptions, message: string): Error {
  return new LocatedError(message, (options as unknown as { loc?: runtime.Loc }).loc);
}

/** A block of its own: blank lines before and after, so it never merges with the next heading. */
function asBlock(text: string): string {
  return text === '' ? '' : `\n\n${text}\n\n`;
}

/** `escape` of the value as text, computed once per distinct text. */
function memoized(escape: (value: string) => string): (value: unknown) => string {
  const done = new Map<string, string>();
  return (value) => {
    const key = str(value);
    let result = done.get(key);
    if (result === undefined) {
      result = escape(key);
      done.set(key, result);
    }
    return result;
  };
}

function str(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value);
}

/** The helpers of a format, those of them the generated code may call without options, and what each needs. */
interface HelperSet {
  readonly helpers: Helpers;
  readonly plain: PlainHelpers;
  readonly needs: HelperNeeds;
}

/** How a helper takes its arguments (see createHelpers). */
interface Arity {
  readonly needs: number;
  readonly plain?: true;
}

/**
 * The helpers as Handlebars is given them: it passes its options after the arguments, so a
 * helper that counts them knows how many it got. The generated code checks where it calls.
 */
function checkingNeeds(helpers: Helpers, needs: HelperNeeds): Helpers {
  const checked = (name: string, fn: Helper, least: number): Helper =>
    least === 0
      ? fn
      : function (this: unknown, ...args: unknown[]) {
          const given = args.slice(0, -1);
          if (given.length < least) runtime.tooFewArguments(name, least, given, undefined, (args.at(-1) as { loc?: runtime.Loc }).loc);
          return fn.apply(this, args);
        };
  return Object.fromEntries(Object.entries(helpers).map(([name, fn]) => [name, checked(name, fn, needs.get(name) ?? 0)]));
}

function createHelpers(syntax: Syntax, scope: ScopeStack): HelperSet {
  const { format } = syntax;
  const helpers: Record<string, Helper> = {};
  const plain = new Map<string, number>();
  const needs = new Map<string, number>();
  /**
   * `needs`: the fewest arguments the helper works with; a call with fewer is a template error
   * (without it, a helper reads Handlebars' options as its argument and prints "[object Object]").
   * `plain`: it reads only those arguments, never `this` or its options, so generated code given
   * that many may call it without building options (PlainHelpers).
   */
  const helper = (name: string, fn: (this: unknown, ...args: never[]) => unknown, arity: Arity) => {
    helpers[name] = fn as Helper;
    if (arity.needs > 0) needs.set(name, arity.needs);
    if (arity.plain) plain.set(name, arity.needs);
  };
  const ONE: Arity = { needs: 1, plain: true };
  const TWO: Arity = { needs: 2, plain: true };
  /** Runs a block in the scope `inner`; the caller's scope is back afterwards, even on error. */
  const runBlock = (options: HelperOptions, context: unknown, inner: Scope): string => {
    const outer = scope.current;
    scope.current = inner;
    try {
      return str(options.fn(context));
    } finally {
      scope.current = outer;
    }
  };
  // Most text comes back again and again (names, titles, statuses: 2,200 distinct strings in
  // 24,000 calls per format on the benchmark model), so each is escaped once per environment.
  const text = memoized((value) => syntax.text(value));
  const block = memoized((value) => syntax.block(value));
  // `rst`/`md` are the escape helpers under the format's own name, for readable templates.
  helper('text', text, ONE);
  helper('block', block, ONE);
  helper(format, text, ONE);
  helper(`${format}Block`, block, ONE);
  helper('strong', (value: unknown) => syntax.strong(text(value)), ONE);
  helper('em', (value: unknown) => syntax.em(text(value)), ONE);
  helper('heading', (value: unknown, level: unknown) => syntax.heading(text(value), Number(level)), TWO);
  helper('concat', (...args: unknown[]) => args.slice(0, -1).map(str).join(''), { needs: 0 });
  helper('eq', (a: unknown, b: unknown) => a === b, TWO);
  helper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean), { needs: 0 });
  helper('count', (value: unknown) => (Array.isArray(value) ? value.length : 0), ONE);
  /** An enum value as words: "elevation-of-privilege" → "elevation of privilege", escaped. */
  helper('words', memoized((value) => text(value.replace(/-/g, ' '))), ONE);
  /** An id or page name put into markup as is; refused unless it is letters, digits, ".", "_", "-". */
  helper('name', function (value: unknown, options: HelperOptions) {
    try {
      return assertSafeName(str(value), 'name');
    } catch (error) {
      throw helperError(options, (error as Error).message);
    }
  }, { needs: 1 });

  /** `{{d3fend ref}}`: a named link to a D3FEND technique, its target added to the document. */
  helper('d3fend', function (ref: unknown, options: HelperOptions) {
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
  }, { needs: 1 });
  helper('link', (title: unknown, url: unknown) => syntax.externalLink(str(title), str(url)), TWO);
  helper('pageLink', function (page: unknown, title: unknown, options: HelperOptions) {
    const fragment = options.hash?.fragment as string | undefined;
    try {
      return syntax.pageLink(str(page), str(title), fragment);
    } catch (error) {
      throw helperError(options, (error as Error).message);
    }
  }, { needs: 2 });
  helper('anchor', function (id: unknown, options: HelperOptions) {
    try {
      return syntax.anchor(assertSafeName(str(id), 'anchor'));
    } catch (error) {
      throw helperError(options, (error as Error).message);
    }
  }, { needs: 1 });
  helper('diagram', (d: unknown) => syntax.diagram(d as Parameters<Syntax['diagram']>[0]), ONE);

  /** `{{#table caption=… widths="30 70" empty=…}}{{#row}}{{#cell}}…{{/cell}}{{/row}}…{{/table}}` */
  helper('table', function (this: unknown, options: HelperOptions) {
    const rows: string[][] = [];
    const s = scope.current;
    const stray = runBlock(options, this, scopeOf(s.links, s.inCell, rows, s.rowCells, s.listItems));
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
  }, { needs: 0 });
  helper('row', function (this: unknown, options: HelperOptions) {
    const rows = scope.current.tableRows;
    if (!rows) throw helperError(options, '{{#row}} outside {{#table}}');
    const cells: string[] = [];
    const s = scope.current;
    const stray = runBlock(options, this, scopeOf(s.links, s.inCell, s.tableRows, cells, s.listItems));
    if (stray.trim() !== '') throw helperError(options, `text outside {{#cell}} in {{#row}}: "${stray.trim().slice(0, 40)}"`);
    rows.push(cells);
    return '';
  }, { needs: 0 });
  helper('cell', function (this: unknown, options: HelperOptions) {
    const cells = scope.current.rowCells;
    if (!cells) throw helperError(options, '{{#cell}} outside {{#row}}');
    const s = scope.current;
    cells.push(runBlock(options, this, scopeOf(s.links, true, undefined, undefined, s.listItems)));
    return '';
  }, { needs: 0 });
  /** `{{#list empty=…}}{{#each …}}{{#item}}…{{/item}}{{/each}}{{/list}}` */
  helper('list', function (this: unknown, options: HelperOptions) {
    const items: string[] = [];
    const s = scope.current;
    const stray = runBlock(options, this, scopeOf(s.links, s.inCell, s.tableRows, s.rowCells, items));
    if (stray.trim() !== '') throw helperError(options, `text outside {{#item}} in {{#list}}: "${stray.trim().slice(0, 40)}"`);
    if (items.length === 0) return asBlock(str(options.hash?.empty));
    return `\n\n${syntax.list(items, scope.current.inCell)}\n\n`;
  }, { needs: 0 });
  helper('item', function (this: unknown, options: HelperOptions) {
    const items = scope.current.listItems;
    if (!items) throw helperError(options, '{{#item}} outside {{#list}}');
    const s = scope.current;
    items.push(runBlock(options, this, scopeOf(s.links, s.inCell, s.tableRows, s.rowCells, undefined)));
    return '';
  }, { needs: 0 });
  return { helpers, plain, needs };
}
