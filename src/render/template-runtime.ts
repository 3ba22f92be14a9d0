/**
 * What the code generated from templates (codegen.ts) calls at run time. Each function does what
 * Handlebars 4.7's runtime does for the same construct (strict mode, no HTML escaping), so a
 * template renders to the same text either way; what differs is that blocks are plain function
 * calls, without a program wrapper, decorator check and helper wrapper per call.
 */

/** Handlebars' data frame: `@root`, `@index`, `@first`, `@last`, `@key`, and the frame it copies. */
export type Frame = Record<string, unknown>;
/** Contexts of the enclosing blocks, innermost first, for `../`; only templates that use it keep them. */
export type Depths = readonly unknown[] | undefined;
/** A compiled block: context, data frame and depths in, text out. */
export type Block = (context: unknown, data: Frame | undefined, depths: Depths) => string;

export interface Loc {
  readonly start: { readonly line: number; readonly column: number };
  readonly end: { readonly line: number; readonly column: number };
}

export type Helper = (this: unknown, ...args: unknown[]) => unknown;

/** An error at a template position: what the renderer turns into a TemplateError at file:line:col. */
export class LocatedError extends Error {
  readonly lineNumber: number | undefined;
  readonly column: number | undefined;
  constructor(message: string, loc?: Loc) {
    super(message);
    this.lineNumber = loc?.start.line;
    this.column = loc?.start.column;
  }
}

/**
 * A helper called with fewer arguments than it needs: an error at the call. The arguments and
 * hash are passed only so they are evaluated first, as before any helper call.
 */
export function tooFewArguments(name: string, needs: number, args: readonly unknown[], _hash: unknown, loc: Loc | undefined): never {
  throw new LocatedError(`"${name}" needs ${needs} argument${needs === 1 ? '' : 's'}, got ${args.length}`, loc);
}

/** The context a helper sees as `this` when the block's context is null (Handlebars' nullContext). */
export const NULL_CONTEXT: object = Object.seal({});

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * A property as Handlebars reads it: own properties only (a prototype's own `constructor`
 * excepted), so a template can never reach a constructor or a prototype method. (Handlebars
 * also logs a warning for an inherited property; here it is just undefined.)
 */
export function lookup(parent: unknown, name: string): unknown {
  const result = (parent as Record<string, unknown>)[name];
  if (result == null) return result;
  if (hasOwn.call(parent, name) && !(name === 'constructor' && typeof result === 'function' && parent === result.prototype)) return result;
  return undefined;
}

/** The last part of a path that must exist (a `{{path}}` in strict mode). */
export function strict(parent: unknown, name: string, loc: Loc): unknown {
  // `+`, not a template literal: the value is turned into text exactly as Handlebars does it.
  if (!parent || !(name in (parent as object))) throw new LocatedError(`"${name}" not defined in ` + (parent as string), loc);
  return lookup(parent, name);
}

/** A function value in `{{path}}` is called with the context, as Handlebars does. */
export function lambda(value: unknown, context: unknown): unknown {
  return typeof value === 'function' ? (value as Helper).call(context) : value;
}

/** `@../x`: the data frame `depth` blocks out. */
export function dataAt(data: Frame | undefined, depth: number): Frame | undefined {
  let frame = data;
  for (let i = 0; frame && i < depth; i++) frame = frame['_parent'] as Frame | undefined;
  return frame;
}

/** A frame for a block: the outer frame's fields copied (frames have only own string keys), and the frame itself. */
export function createFrame(data: Frame): Frame {
  const frame: Frame = Object.assign({}, data);
  frame['_parent'] = data;
  return frame;
}

/** Depths for a block run with `context`: a new context goes in front, the same one does not. */
export function depthsFor(context: unknown, depths: Depths): Depths {
  // Loose comparison, as Handlebars makes it.
  // eslint-disable-next-line eqeqeq
  if (depths && context != depths[0] && !(context === NULL_CONTEXT && depths[0] === null)) return [context, ...depths];
  return depths;
}

/** `{{#if}}`'s test: false, null, undefined, "", 0, NaN and empty arrays are false. */
export function truthy(value: unknown, self: unknown): boolean {
  const v = typeof value === 'function' ? (value as Helper).call(self) : value;
  return !(!v || (Array.isArray(v) && v.length === 0));
}

/** `options.fn` / `options.inverse` handed to a block helper. */
export function program(block: Block, data: Frame | undefined, depths: Depths): (context: unknown, options?: { data?: Frame }) => string {
  return (context, options = {}) => block(context, options.data || data, depthsFor(context, depths));
}

export function noop(): string {
  return '';
}

/** Handlebars' `each`: arrays, other iterables and plain objects, with `@index`, `@key`, `@first`, `@last`. */
export function each(value: unknown, self: unknown, data: Frame | undefined, depths: Depths, fn: Block, inverse: Block | undefined): string {
  const context = typeof value === 'function' ? (value as Helper).call(self) : value;
  const frame = data ? createFrame(data) : undefined;
  let out = '';
  let count = 0;
  const run = (key: unknown, index: number, last: boolean, item: unknown) => {
    if (frame) {
      frame['key'] = key;
      frame['index'] = index;
      frame['first'] = index === 0;
      frame['last'] = last;
    }
    out += fn(item, frame || data, depthsFor(item, depths));
  };
  if (context && typeof context === 'object') {
    if (Array.isArray(context)) {
      // The common case, without the closure call per item.
      for (let j = context.length; count < j; count++) {
        if (!(count in context)) continue;
        const item: unknown = context[count];
        if (frame) {
          frame['key'] = count;
          frame['index'] = count;
          frame['first'] = count === 0;
          frame['last'] = count === context.length - 1;
        }
        out += fn(item, frame || data, depthsFor(item, depths));
      }
    } else if (typeof (context as Iterable<unknown>)[Symbol.iterator] === 'function') {
      const iterator = (context as Iterable<unknown>)[Symbol.iterator]();
      let current = iterator.next();
      while (!current.done) {
        const next = iterator.next();
        try {
          run(count, count, next.done === true, current.value);
        } catch (error) {
          if (!next.done) closeQuietly(iterator);
          throw error;
        }
        current = next;
        count++;
      }
    } else {
      const keys = Object.keys(context);
      for (; count < keys.length; count++) {
        const key = keys[count]!;
        run(key, count, count === keys.length - 1, (context as Record<string, unknown>)[key]);
      }
    }
  }
  return count === 0 && inverse ? inverse(self, data, depthsFor(self, depths)) : out;
}

function closeQuietly(iterator: Iterator<unknown>): void {
  try {
    iterator.return?.();
  } catch {
    // the block's own error is the one to report
  }
}

/** Partials by name: context and data in, text out. */
export type Partials = Readonly<Record<string, (context: unknown, data: Frame | undefined) => string>>;

/** `{{> name}}`; a standalone partial's lines get the indentation of its tag. */
export function partial(partials: Partials, name: string, context: unknown, data: Frame | undefined, indent: string): string {
  const render = hasOwn.call(partials, name) ? partials[name] : undefined;
  if (!render) throw new LocatedError(`The partial ${name} could not be found`);
  const result = render(context, data);
  if (indent === '') return result;
  const lines = result.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i] && i + 1 === lines.length) break;
    lines[i] = indent + lines[i];
  }
  return lines.join('\n');
}
