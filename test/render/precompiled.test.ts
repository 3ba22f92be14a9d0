/**
 * The shipped templates run as code generated from them: generated at build time for the CLI
 * (scripts/precompile-templates.mjs), at run time in tests running from src. Either way the
 * pages must be, byte for byte, what Handlebars renders from the same templates.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../../bench/generate.mjs';
import type { Workspace } from '../../src/core/model.js';
import { loadCatalogIndex } from '../../src/d3fend/catalog.js';
import { siteView } from '../../src/render/context.js';
import { createEnvironment, type Engine } from '../../src/render/environment.js';
import { PRECOMPILED_FILE, type PrecompiledTemplates } from '../../src/render/precompiled.js';
import { renderAll } from '../../src/render/registry.js';
import { SYNTAXES } from '../../src/render/syntax.js';
import { DEFAULT_TEMPLATE_DIR, loadTemplates } from '../../src/render/templates.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { loadWorkspace } from './load.js';
import { asset, mitigation, model, threat, workspace } from './workspace.js';

const DIST_RENDER = join(REPO_ROOT, 'dist', 'render');
const GENERATED = join(DIST_RENDER, PRECOMPILED_FILE);
const catalog = loadCatalogIndex();
const templates = loadTemplates(REPO_ROOT);

/** Both formats' environments of each engine, made once: an environment renders any number of pages. */
const environments = {
  generated: Object.values(SYNTAXES).map((syntax) => createEnvironment(syntax, templates, 'generated')),
  handlebars: Object.values(SYNTAXES).map((syntax) => createEnvironment(syntax, templates, 'handlebars')),
};

/** Every page of both formats, by path, rendered by one engine. */
function pages(ws: Workspace, engine: Engine): Map<string, string> {
  const site = siteView(ws, catalog);
  const out = new Map<string, string>();
  for (const env of environments[engine]) {
    const { syntax } = env;
    out.set(`index.${syntax.extension}`, env.render('index', { site }));
    out.set(`d3fend.${syntax.extension}`, env.render('d3fend', { site }));
    for (const m of site.models) out.set(`${m.page}.${syntax.extension}`, env.render('model', { site, model: m }));
  }
  return out;
}

const benchDir = mkdtempSync(join(tmpdir(), 'threatdoc-generated-'));
afterAll(() => rmSync(benchDir, { recursive: true, force: true }));

describe('the shipped templates as generated code', () => {
  it('are generated at build time, every one, from its current text', () => {
    expect(existsSync(GENERATED), `${GENERATED} is missing: run npm run build`).toBe(true);
    const generated = createRequire(import.meta.url)(GENERATED) as PrecompiledTemplates;
    const shipped = loadTemplates(DEFAULT_TEMPLATE_DIR).files;
    expect(Object.keys(generated).sort()).toEqual([...shipped.keys()]);
    for (const [rel, t] of shipped) expect(generated[rel]?.source, rel).toBe(t.source);
  });

  it.each(['models', 'test/fixtures/hostile', 'the 1x benchmark model'])('render %s as Handlebars does', async (dir) => {
    if (dir.startsWith('the ')) generate({ out: benchDir, scale: 1 });
    const ws = await loadWorkspace(dir.startsWith('the ') ? benchDir : dir);
    const expected = pages(ws, 'handlebars');
    expect(pages(ws, 'generated')).toEqual(expected);
    // The CLI's renderer, with the code generated at build time.
    const built = (await import(pathToFileURL(join(DIST_RENDER, 'registry.js')).href)) as typeof import('../../src/render/registry.js');
    const files = built.renderAll(ws, catalog, ['rst', 'md'], { templates });
    expect(files.length).toBe(expected.size);
    expect(files).toEqual(renderAll(ws, catalog, ['rst', 'md'], { templates }));
  });

  it('render any workspace as Handlebars does', () => {
    const text = fc.oneof(fc.string(), fc.constantFrom('', ' ', 'a|b', '*x* `y`', '1. z', 'www.example.com', 'two\n\nparagraphs', 'C:\\p'));
    const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
    const threatArb = fc.record({
      title: text,
      description: maybe(text),
      notes: maybe(text),
      stride: fc.subarray(['spoofing', 'tampering', 'denial-of-service']),
      d3fend: fc.subarray(['D3-DENCR', 'D3-ACH', 'D3-NOSUCH']),
      attack: fc.subarray(['T1078', 'T1110']),
      risk: maybe(fc.record({ impact: fc.constantFrom('low', 'critical' as const), likelihood: fc.constantFrom('low', 'high' as const) })),
      mitigations: fc.subarray([0, 1, 2]),
      assets: fc.subarray([0, 1]),
    });
    const arb = fc.record({
      title: text,
      description: maybe(text),
      assumptions: fc.array(text, { maxLength: 2 }),
      mitigations: fc.array(
        fc.record({ title: text, status: fc.constantFrom('implemented', 'partial', 'none' as const), d3fend: fc.subarray(['D3-ACH', 'D3-NOSUCH']), library: fc.boolean() }),
        { minLength: 3, maxLength: 3 },
      ),
      assets: fc.array(fc.record({ name: text, description: maybe(text) }), { minLength: 2, maxLength: 2 }),
      threats: fc.array(threatArb, { maxLength: 4 }),
    });
    fc.assert(
      fc.property(arb, (m) => {
        const mitigations = m.mitigations.map((x, i) => mitigation(`m${i}`, x.title, { status: x.status, d3fend: x.d3fend, ...(x.library ? { definedIn: 'lib' } : {}) }));
        const assets = m.assets.map((a, i) => asset(`a${i}`, a.name, a.description === undefined ? {} : { description: a.description }));
        const threats = m.threats.map((t, i) =>
          threat(`t${i}`, t.title, {
            ...(t.description === undefined ? {} : { description: t.description }),
            ...(t.notes === undefined ? {} : { notes: t.notes }),
            stride: t.stride as never,
            d3fend: t.d3fend,
            attack: t.attack,
            ...(t.risk ?? {}),
            mitigations: t.mitigations.map((j) => mitigations[j]!),
            assets: t.assets.map((j) => assets[j]!),
          }),
        );
        const ws = workspace(
          model('random', m.title, { ...(m.description === undefined ? {} : { description: m.description }), assumptions: m.assumptions, mitigations, assets, threats }),
        );
        const outcome = (engine: Engine) => {
          try {
            return pages(ws, engine);
          } catch (error) {
            return (error as Error).message;
          }
        };
        expect(outcome('generated')).toEqual(outcome('handlebars'));
      }),
      { numRuns: 200 },
    );
  });
});

describe('parent paths inside the block helpers of an override', () => {
  // table, row, cell, list and item run their block with the same data and context frames,
  // so `@../index` and `../name` reach the enclosing each, as under Handlebars.
  const source = [
    '{{#each site.groups}}{{#each items}}',
    '{{#list}}{{#item}}{{@../index}}.{{@index}} {{this}} of {{../name}}{{/item}}{{/list}}',
    '{{#table}}{{#row}}{{#cell}}head{{/cell}}{{/row}}{{#row}}{{#cell}}{{@../index}}/{{@index}} {{../name}}{{/cell}}{{/row}}{{/table}}',
    '{{/each}}{{/each}}',
  ].join('');
  const overrides = { files: new Map([['md/index.hbs', { file: 'md/index.hbs', source }]]) };
  const site = { groups: [{ name: 'g0', items: ['a', 'b'] }, { name: 'g1', items: ['c'] }] };

  it('resolve to the enclosing each, with generated code as with Handlebars', () => {
    const render = (engine: Engine) => createEnvironment(SYNTAXES.md, overrides, engine).render('index', { site });
    const page = render('generated');
    expect(page).toBe(render('handlebars'));
    for (const line of ['- 0.0 a of g0', '- 0.1 b of g0', '- 1.0 c of g1', '| 0/0 g0 |', '| 0/1 g0 |', '| 1/0 g1 |']) expect(page).toContain(line);
  });
});
