/**
 * Plain JavaScript from a parsed Handlebars template, for the part of Handlebars the shipped
 * templates use: text, `{{path}}`, helper calls with literals, paths, sub-expressions and hash
 * arguments, `{{#if}}`/`{{#unless}}`/`{{#each}}` with `{{else}}`, block helpers and `{{> partial}}`.
 * The code does what Handlebars' compiled code does in strict mode without escaping (see
 * template-runtime.ts), minus its per-block machinery, which was most of the rendering time.
 * Anything else is refused with UnsupportedTemplate, and the renderer uses Handlebars itself.
 */

export class UnsupportedTemplate extends Error {
  override readonly name = 'UnsupportedTemplate';
}

/** Helpers Handlebars registers; of these only if, unless and each are generated here. */
const HANDLEBARS_HELPERS = new Set(['helperMissing', 'blockHelperMissing', 'each', 'if', 'unless', 'with', 'log', 'lookup']);

/**
 * Helpers that read only their first N arguments, and neither `this` nor Handlebars' options,
 * by name. Called with at least N arguments and no hash or block, they get no options object:
 * building one per call was a tenth of the rendering time.
 */
export type PlainHelpers = ReadonlyMap<string, number>;

/** The fewest arguments a helper works with, by name; a call with fewer is an error. */
export type HelperNeeds = ReadonlyMap<string, number>;

type Node = hbs.AST.Node;
type Expression = hbs.AST.Expression;

/**
 * The template as the source of a function `(rt, helpers, partials) => render`, where rt is
 * template-runtime.ts and `render(context, data)` renders the template. `helpers` are the names
 * of the helpers that will be passed in.
 */
export function generateTemplate(
  template: hbs.AST.Program,
  helpers: ReadonlySet<string>,
  plain: PlainHelpers = new Map(),
  needs: HelperNeeds = new Map(),
): string {
  const generator = new Generator(helpers, plain, needs, usesDepths(template));
  const main = generator.block(template);
  const start = generator.depths ? `[context]` : 'undefined';
  return [
    'function (rt, helpers, partials) {',
    '"use strict";',
    ...generator.constants,
    ...generator.blocks,
    // Handlebars returns a template's value as a string, whatever its program returned.
    `return function (context, data) { return "" + ${main}(context, data, ${start}); };`,
    '}',
  ].join('\n');
}

class Generator {
  readonly constants: string[] = [];
  readonly blocks: string[] = [];
  private readonly locs = new Map<string, string>();

  constructor(
    private readonly helpers: ReadonlySet<string>,
    private readonly plain: PlainHelpers,
    private readonly needs: HelperNeeds,
    /** Whether the template uses `../` or `@../`: then blocks carry the enclosing contexts. */
    readonly depths: boolean,
  ) {}

  /**
   * A function for a program (a template or a block's body); returns its name. Its value is
   * built as Handlebars builds it, JavaScript `+` over the raw values included, so that even
   * numbers next to each other add up as they do there.
   */
  block(program: hbs.AST.Program): string {
    if (program.blockParams?.length) unsupported(program, 'block parameters');
    const parts = program.body.map((s) => this.statement(s)).filter((p) => p !== undefined);
    // Nested blocks were generated first; function declarations may come in any order.
    const name = `b${this.blocks.length}`;
    const body = program.body.length === 1 ? simpleBody(parts[0]) : bufferedBody(parts);
    this.blocks.push([`function ${name}(c, d, ds) {`, '  const self = c != null ? c : rt.NULL_CONTEXT;', '  let v;', ...body.map((l) => `  ${l}`), '}'].join('\n'));
    return name;
  }

  private statement(node: hbs.AST.Statement): Part | undefined {
    switch (node.type) {
      case 'ContentStatement': {
        const value = (node as hbs.AST.ContentStatement).value;
        return value ? { inline: JSON.stringify(value) } : undefined;
      }
      case 'CommentStatement':
        return undefined;
      case 'MustacheStatement':
        return { inline: `((v = ${this.mustache(node as hbs.AST.MustacheStatement)}) != null ? v : "")` };
      case 'BlockStatement':
        return this.blockStatement(node as hbs.AST.BlockStatement);
      case 'PartialStatement':
        return { inline: `rt.partial(partials, ${this.partial(node as hbs.AST.PartialStatement)})` };
      default:
        return unsupported(node, node.type);
    }
  }

  private mustache(node: hbs.AST.MustacheStatement): string {
    const path = node.path;
    if (path.type !== 'PathExpression') return unsupported(node, 'a literal as a mustache');
    const p = path as hbs.AST.PathExpression;
    const hasArgs = node.params.length > 0 || node.hash !== undefined;
    // Like Handlebars, a one-part name (`{{name}}`, `{{@name}}`) is a helper if there is one.
    if (p.parts.length === 1 && p.depth === 0 && !isScoped(p)) {
      const name = p.parts[0]!;
      if (this.helpers.has(name)) return this.helperCall(name, node.params, node.hash, node, undefined);
      if (HANDLEBARS_HELPERS.has(name) || hasArgs) return unsupported(node, `the helper "${name}"`);
      // Not a helper: a property that must exist; a function value is called.
      const value = `rt.strict(${p.data ? 'd' : 'c'}, ${JSON.stringify(name)}, ${this.loc(p)})`;
      return `((v = ${value}), typeof v === "function" ? v.call(self, ${this.options(name, node, undefined, '{}')}) : v)`;
    }
    if (hasArgs) return unsupported(node, `the helper "${p.original}"`);
    return `rt.lambda(${this.path(p, true)}, c)`;
  }

  private blockStatement(node: hbs.AST.BlockStatement): Part {
    const path = node.path;
    if (path.type !== 'PathExpression' || !isSimpleId(path)) return unsupported(node, `the block "${path.original}"`);
    const name = path.parts[0]!;
    const hasArgs = node.params.length > 0 || node.hash !== undefined;
    const fn = node.program ? this.block(node.program) : undefined;
    const inverse = node.inverse ? this.block(node.inverse) : undefined;
    const run = (block: string | undefined) => (block === undefined ? '""' : `${block}(self, d, ${this.depths ? 'rt.depthsFor(self, ds)' : 'undefined'})`);
    if (name === 'if' || name === 'unless') {
      if (node.params.length !== 1 || node.hash) return unsupported(node, `{{#${name}}} other than with one argument`);
      const test = `rt.truthy(${this.expression(node.params[0]!)}, self)`;
      const [yes, no] = name === 'if' ? [fn, inverse] : [inverse, fn];
      return { inline: `((v = ${test} ? ${run(yes)} : ${run(no)}) != null ? v : "")` };
    }
    if (name === 'each') {
      if (node.params.length !== 1 || node.hash) return unsupported(node, '{{#each}} other than with one argument');
      const call = `rt.each(${this.expression(node.params[0]!)}, self, d, ${this.depths ? 'ds' : 'undefined'}, ${fn ?? 'rt.noop'}, ${inverse ?? 'undefined'})`;
      return { inline: `((v = ${call}) != null ? v : "")` };
    }
    if (!this.helpers.has(name)) return unsupported(node, `the block helper "${name}"`);
    const call = this.helperCall(name, node.params, node.hash, node, { fn: this.program(fn), inverse: this.program(inverse) });
    // Without arguments the name could have been a property: Handlebars then appends the value as a statement.
    return hasArgs ? { inline: `((v = ${call}) != null ? v : "")` } : { statement: call };
  }

  private program(block: string | undefined): string {
    return block === undefined ? 'rt.noop' : `rt.program(${block}, d, ${this.depths ? 'ds' : 'undefined'})`;
  }

  /** The arguments of rt.partial after `partials`. */
  private partial(node: hbs.AST.PartialStatement): string {
    if (node.name.type !== 'PathExpression' || node.params.length > 0 || node.hash) return unsupported(node, 'a partial with arguments or a computed name');
    const name = (node.name as hbs.AST.PathExpression).original;
    return `${JSON.stringify(name)}, c, d, ${JSON.stringify(node.indent ?? '')}`;
  }

  private helperCall(
    name: string,
    params: readonly Expression[],
    hash: hbs.AST.Hash | undefined,
    node: Node,
    blocks: { fn: string; inverse: string } | undefined,
  ): string {
    // Arguments are evaluated first, then the hash, as in Handlebars' generated code.
    const args = params.map((p) => this.expression(p));
    const needs = this.needs.get(name) ?? 0;
    if (args.length < needs) {
      return `rt.tooFewArguments(${JSON.stringify(name)}, ${needs}, [${args.join(', ')}], ${this.hash(hash)}, ${this.loc(node)})`;
    }
    const reads = this.plain.get(name);
    // Given every argument it reads, a plain helper cannot tell whether options follow.
    if (reads !== undefined && !blocks && !hash && args.length >= reads) return `helpers[${JSON.stringify(name)}](${args.join(', ')})`;
    const options = this.options(name, node, blocks, this.hash(hash));
    return `helpers[${JSON.stringify(name)}].call(self${args.map((a) => `, ${a}`).join('')}, ${options})`;
  }

  private options(name: string, node: Node, blocks: { fn: string; inverse: string } | undefined, hash: string): string {
    const fields = [`name: ${JSON.stringify(name)}`, `hash: ${hash}`];
    if (blocks) fields.push(`fn: ${blocks.fn}`, `inverse: ${blocks.inverse}`);
    fields.push('data: d', `loc: ${this.loc(node)}`, 'lookupProperty: rt.lookup');
    return `{ ${fields.join(', ')} }`;
  }

  /** Handlebars builds the hash object from the last pair to the first. */
  private hash(hash: hbs.AST.Hash | undefined): string {
    if (!hash) return '{}';
    const values = hash.pairs.map((pair) => [pair.key, this.expression(pair.value)] as const);
    return `{ ${values
      .reverse()
      .map(([key, value]) => `${JSON.stringify(key)}: ${value}`)
      .join(', ')} }`;
  }

  private expression(node: Expression): string {
    switch (node.type) {
      case 'PathExpression':
        return this.path(node as hbs.AST.PathExpression, false);
      case 'SubExpression': {
        const sub = node as hbs.AST.SubExpression;
        if (!isSimpleId(sub.path) || !this.helpers.has(sub.path.parts[0]!)) return unsupported(node, `the helper "${sub.path.original}"`);
        return this.helperCall(sub.path.parts[0]!, sub.params, sub.hash, sub, undefined);
      }
      case 'StringLiteral':
        return JSON.stringify((node as hbs.AST.StringLiteral).value);
      case 'NumberLiteral':
        return String((node as hbs.AST.NumberLiteral).value);
      case 'BooleanLiteral':
        return String((node as hbs.AST.BooleanLiteral).value);
      case 'UndefinedLiteral':
        return 'undefined';
      case 'NullLiteral':
        return 'null';
      default:
        return unsupported(node, node.type);
    }
  }

  /**
   * A path's value. In a `{{path}}` (strict) its last part must exist; as an argument, a
   * missing part is undefined, as in Handlebars' strict mode.
   */
  private path(path: hbs.AST.PathExpression, strictTerminal: boolean): string {
    let value: string;
    if (path.data) value = path.depth > 0 ? `rt.dataAt(d, ${path.depth})` : 'd';
    else value = path.depth > 0 ? `ds[${path.depth}]` : 'c';
    const parts = path.parts;
    for (let i = 0; i < parts.length; i++) {
      const part = JSON.stringify(parts[i]);
      value = strictTerminal && i === parts.length - 1 ? `rt.strict(${value}, ${part}, ${this.loc(path)})` : `rt.lookup(${value}, ${part})`;
    }
    return value;
  }

  /** Locations are constants: helpers read them, none changes them. */
  private loc(node: Node): string {
    const { start, end } = node.loc;
    const literal = `{ start: { line: ${start.line}, column: ${start.column} }, end: { line: ${end.line}, column: ${end.column} } }`;
    let name = this.locs.get(literal);
    if (name === undefined) {
      name = `L${this.locs.size}`;
      this.locs.set(literal, name);
      this.constants.push(`const ${name} = ${literal};`);
    }
    return name;
  }
}

/** A one-part name that could be a helper: not `this.x`, `./x`, `../x` or `@x`. */
function isSimpleId(path: hbs.AST.PathExpression): boolean {
  return path.parts.length === 1 && !path.data && path.depth === 0 && !isScoped(path);
}

function isScoped(path: hbs.AST.PathExpression): boolean {
  return /^\.|this\b/.test(path.original);
}

/**
 * A statement's code: an expression Handlebars joins with `+` to its neighbours, or (a block
 * helper without arguments) a call whose value Handlebars appends as a statement of its own.
 */
type Part = { readonly inline: string } | { readonly statement: string };

/** A program of one statement returns that statement's value itself, possibly not a string. */
function simpleBody(part: Part | undefined): string[] {
  if (part === undefined) return ['return "";'];
  if ('inline' in part) return [`return ${part.inline};`];
  return [`if ((v = ${part.statement}) != null) return v;`, 'return "";'];
}

/**
 * Runs of expressions are summed in one `+` chain; a statement between runs makes the result a
 * buffer: the first run starts it, later runs are added as one sum each (`buffer += a + b`),
 * the last is added term by term (`return buffer + a + b`). Handlebars' mergeSource does this.
 */
function bufferedBody(parts: readonly Part[]): string[] {
  if (parts.every((p) => 'inline' in p)) {
    return [parts.length === 0 ? 'return "";' : `return ${parts.map((p) => (p as { inline: string }).inline).join(' + ')};`];
  }
  const lines: string[] = [];
  let run: string[] = [];
  let started = false;
  for (const part of parts) {
    if ('inline' in part) {
      run.push(part.inline);
      continue;
    }
    if (!started) lines.push(`let buffer = ${run.length > 0 ? run.join(' + ') : '""'};`);
    else if (run.length > 0) lines.push(`buffer += ${run.join(' + ')};`);
    started = true;
    run = [];
    lines.push(`if ((v = ${part.statement}) != null) buffer += v;`);
  }
  lines.push(run.length > 0 ? `return buffer + ${run.join(' + ')};` : 'return buffer;');
  return lines;
}

function usesDepths(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(usesDepths);
  if (!node || typeof node !== 'object') return false;
  const n = node as { type?: string; depth?: number };
  if (n.type === 'PathExpression' && (n.depth ?? 0) > 0) return true;
  return Object.entries(node).some(([key, value]) => key !== 'loc' && usesDepths(value));
}

function unsupported(node: Node, what: string): never {
  throw new UnsupportedTemplate(`${what} at line ${node.loc?.start.line ?? '?'}`);
}
