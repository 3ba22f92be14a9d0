/**
 * Templates run as code generated from them (src/render/codegen.ts); Handlebars runs them
 * otherwise. For every construct the generator covers, both must give the same text, or the
 * same error at the same place: checked here template by template against Handlebars itself,
 * with the templates' options and helpers of each kind.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { generateTemplate, UnsupportedTemplate } from '../../src/render/codegen.js';
import { COMPILE_OPTIONS } from '../../src/render/environment.js';
import * as runtime from '../../src/render/template-runtime.js';
import type { Frame, Helper } from '../../src/render/template-runtime.js';
import type { TemplateFactory } from '../../src/render/precompiled.js';

const Handlebars = createRequire(import.meta.url)('handlebars') as typeof import('handlebars');

const helpers: Record<string, Helper> = {
  up: (value: unknown) => String(value).toUpperCase(),
  join: (...args: unknown[]) => args.slice(0, -1).map(String).join('+'),
  hashy: (...args: unknown[]) => JSON.stringify((args.at(-1) as { hash: unknown }).hash),
  where: (...args: unknown[]) => {
    const { loc, name } = args.at(-1) as { loc: runtime.Loc; name: string };
    return `${name}@${loc.start.line}:${loc.start.column}-${loc.end.line}:${loc.end.column}`;
  },
  self(this: unknown) {
    return typeof this === 'object' ? JSON.stringify(this) : `${typeof this}:${String(this)}`;
  },
  // Reads two arguments, and shows whether the second was Handlebars' options.
  pair: (a: unknown, b: unknown) => `${String(a)}&${typeof b === 'object' && b !== null && 'hash' in b ? 'options' : String(b)}`,
  nothing: () => undefined,
  fail: () => {
    throw new Error('helper failed');
  },
  wrap(this: unknown, ...args: unknown[]) {
    const options = args.at(-1) as { fn: (c: unknown, o?: { data?: Frame }) => string; inverse: (c: unknown) => string; data: Frame };
    const data = { ...options.data, extra: 'E', _parent: options.data };
    return `<${options.fn(this)}|${options.inverse(this)}|${options.fn(args.length > 1 ? args[0] : this, { data })}>`;
  },
};
const names = new Set(Object.keys(helpers));
/** Helpers the generated code may call without options once given the arguments they read. */
const plain = new Map([
  ['up', 1],
  ['pair', 2],
]);

const context = {
  x: 'X',
  n: 0,
  t: true,
  f: false,
  e: '',
  nul: null,
  und: undefined,
  arr: ['a', 'b', 'c'],
  empty: [],
  obj: { k1: 'v1', k2: 'v2' },
  set: new Set(['s1', 's2']),
  nested: { inner: { deep: 'D' }, list: [{ name: 'n1', tags: ['p', 'q'] }, { name: 'n2', tags: [] }] },
  items: [{ name: 'i1', sub: ['x', 'y'] }, { name: 'i2', sub: [] }, null],
  lambda() {
    return 'L';
  },
  falsy: () => 0,
  text: 'line one\nline two\n',
};

type Outcome = { text: string } | { error: string; line: number | undefined; column: number | undefined };

function outcome(run: () => string): Outcome {
  try {
    return { text: run() };
  } catch (error) {
    const e = error as { message: string; lineNumber?: number; column?: number };
    // Handlebars appends " - line:column" to a located message.
    return { error: e.message.replace(/ - \d+:\d+$/, ''), line: e.lineNumber, column: e.column };
  }
}

function viaHandlebars(source: string, partials: Record<string, string>, ctx: unknown): Outcome {
  const hb = Handlebars.create();
  hb.registerHelper(helpers as unknown as Handlebars.HelperDeclareSpec);
  for (const [name, text] of Object.entries(partials)) hb.registerPartial(name, hb.compile(text, COMPILE_OPTIONS));
  return outcome(() => hb.compile(source, COMPILE_OPTIONS)(ctx));
}

function factory(source: string): TemplateFactory {
  return new Function(`return ${generateTemplate(Handlebars.parse(source), names, plain)}`)() as TemplateFactory;
}

function viaGenerated(source: string, partials: Record<string, string>, ctx: unknown): Outcome {
  const compiled: Record<string, (c: unknown, d: Frame | undefined) => string> = {};
  for (const [name, text] of Object.entries(partials)) compiled[name] = factory(text)(runtime, helpers, compiled);
  const page = factory(source)(runtime, helpers, compiled);
  return outcome(() => page(ctx, { root: ctx }));
}

const PARTIALS = {
  plain: '[{{x}}]',
  lines: 'one {{x}}\ntwo\n',
  rooted: '{{@root.x}}/{{@index}}/{{name}}',
  deep: '{{#each arr}}{{../x}}{{this}}{{/each}}',
  broken: 'ok\n{{missing}}',
};

const TEMPLATES: readonly (readonly [string, string])[] = [
  ['text and paths', 'a{{x}}b {{nested.inner.deep}} {{this.x}} {{./x}} {{{x}}} {{&x}}|'],
  ['values of every type', '{{n}},{{t}},{{f}},{{e}},{{nul}},{{und}},{{arr}},{{obj}},{{lambda}}|'],
  ['a missing field', 'a\n  {{nope}}'],
  ['a missing nested field', '{{nested.nope}}'],
  ['a field of a missing object', '{{nope.deep}}'],
  ['helpers with every kind of argument', '{{up x}} {{up (up x)}} {{join "s" 1 2.5 true false null undefined x nested.inner.deep}}|'],
  ['hash arguments', '{{hashy a=1 b="s" c=x d=(up x) e=nope}}|'],
  ['locations', '{{where}}\n  {{where x}} {{#wrap}}{{where}}{{/wrap}} {{join (where)}}|'],
  ['this in helpers', '{{self}} {{#each arr}}{{self}}{{/each}} {{#each items}}{{self}}{{/each}}|'],
  // Without escaping, Handlebars joins values with `+`: numbers and booleans next to each other add up.
  ['values that add up', '{{#each arr}}{{@index}}{{@index}}{{@first}};{{/each}}|'],
  ['block values that add up', '{{#if t}}{{n}}{{/if}}{{#if t}}{{t}}{{/if}}{{#each empty}}x{{else}}{{t}}{{/each}}{{t}}'],
  ['values around block helpers without arguments', '{{t}}{{t}}{{#wrap}}a{{/wrap}}{{t}}{{t}}{{#wrap}}{{t}}{{t}}{{/wrap}}{{t}}{{t}}'],
  ['a block helper without arguments alone', '{{#wrap}}{{/wrap}}'],
  ['a block helper without arguments first', '{{#wrap}}{{n}}{{/wrap}}{{n}}{{n}}'],
  ['a block helper without arguments between sums', '{{n}}{{t}}{{#wrap}}{{/wrap}}{{t}}{{t}}{{#wrap}}{{/wrap}}{{t}}{{n}}'],
  ['plain helpers with and without all their arguments', '{{pair x n}} {{pair x}} {{pair}} {{pair x n t}} {{pair x y=1}} {{up (pair x)}}|'],
  ['helpers returning nothing', '[{{nothing}}]'],
  ['a failing helper', 'x\n{{fail}}'],
  ['a helper name used as a path', '{{up}}|'],
  ['a context function', '{{lambda}} {{#if lambda}}yes{{/if}} {{#if falsy}}yes{{else}}no{{/if}}|'],
  ['if, else if, else', '{{#if n}}n{{else if e}}e{{else if arr}}arr{{else}}none{{/if}}|{{#if empty}}E{{else}}not{{/if}}|{{#if obj}}O{{/if}}|'],
  ['unless', '{{#unless f}}F{{else}}T{{/unless}}{{#unless t}}x{{/unless}}{{#unless empty}}empty{{/unless}}|'],
  ['each over arrays', '{{#each arr}}{{@index}}{{@key}}{{@first}}{{@last}}{{this}};{{/each}}|{{#each empty}}x{{else}}none{{/each}}|'],
  ['each over objects and iterables', '{{#each obj}}{{@key}}={{this}}{{#unless @last}},{{/unless}}{{/each}} {{#each set}}{{@index}}{{this}}{{/each}} {{#each x}}?{{else}}not a list{{/each}}|'],
  ['each over null and missing', '{{#each nul}}x{{else}}null{{/each}} {{#each nope}}x{{else}}missing{{/each}}|'],
  ['nested each with parent data and contexts', '{{#each nested.list}}{{#each tags}}{{@../index}}.{{@index}}:{{this}}@{{../name}}/{{@root.x}};{{/each}}{{/each}}|'],
  ['parents past the root', '{{#each arr}}{{../x}}{{../../x}}{{/each}}|'],
  ['null items', '{{#each items}}[{{#if this}}{{name}}{{else}}null:{{self}}{{/if}}]{{/each}}|'],
  ['standalone blocks and whitespace control', 'a\n{{#each arr}}\n  - {{this}}\n{{/each}}\nb {{~x~}} c\n  {{#if t}}\n  yes\n  {{/if}}\n|'],
  ['comments', 'a{{! one }}b{{!-- two }} --}}c\n{{! standalone }}\nd|'],
  ['block helpers', '{{#wrap}}in{{else}}out{{/wrap}} {{#wrap x}}[{{this}}{{join @extra @index}}]{{/wrap}} {{#each arr}}{{#wrap}}{{@index}}{{/wrap}}{{/each}}|'],
  ['partials', '{{> plain}}|{{#each nested.list}}{{> rooted}};{{/each}}|{{> deep}}|'],
  ['an indented partial', 'a\n  {{> lines}}\nb\n    {{> plain}}\n'],
  ['a missing partial', 'x {{> nosuch}}'],
  ['an error in a partial', 'a\n{{> broken}}'],
];

describe('generated template code', () => {
  it.each(TEMPLATES)('does what Handlebars does: %s', (_, source) => {
    const expected = viaHandlebars(source, PARTIALS, context);
    expect(viaGenerated(source, PARTIALS, context)).toEqual(expected);
  });

  it('calls a plain helper without options only when given what it reads', () => {
    const code = (source: string) => generateTemplate(Handlebars.parse(source), names, plain);
    expect(code('{{pair x n}}')).not.toContain('lookupProperty');
    for (const source of ['{{pair x}}', '{{pair x n h=1}}', '{{#up x}}{{/up}}']) expect(code(source)).toContain('lookupProperty');
  });

  it.each([
    ['{{#with obj}}{{k1}}{{/with}}', 'with'],
    ['{{lookup obj "k1"}}', 'lookup'],
    ['{{log x}}', 'log'],
    ['{{#each arr as |v i|}}{{v}}{{/each}}', 'block parameters'],
    ['{{> (up "x")}}', 'a computed partial name'],
    ['{{> plain obj}}', 'a partial with a context'],
    ['{{> plain a=1}}', 'a partial with a hash'],
    ['{{#> plain}}fallback{{/plain}}', 'a partial block'],
    ['{{#*inline "p"}}x{{/inline}}', 'an inline partial'],
    ['{{"literal"}}', 'a literal mustache'],
    ['{{shout x}}', 'an unknown helper'],
    ['{{up.x y}}', 'a path with arguments'],
    ['{{#if}}x{{/if}}', '#if without an argument'],
    ['{{#if t f}}x{{/if}}', '#if with two arguments'],
    ['{{#if n includeZero=true}}x{{/if}}', '#if with a hash'],
    ['{{#nested}}x{{/nested}}', 'a block that is not a helper'],
    ['{{{{raw}}}} {{x}} {{{{/raw}}}}', 'a raw block'],
  ])('leaves %j (%s) to Handlebars', (source) => {
    expect(() => generateTemplate(Handlebars.parse(source), names)).toThrow(UnsupportedTemplate);
  });
});
