/**
 * The cases the pipeline properties share: each example model with the shared library, and one
 * generated model, mutated as a document (mutate.ts) and then, sometimes, as text.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { plan, readCatalog, toYaml } from '../../bench/generate.mjs';
import { applyMutation, applyTextEdit, idsOf, mutation, textEdit, toYamlText, type Json, type Mutation, type Probe, type SourceFile, type TextEdit } from './mutate.js';

export const REPO = join(import.meta.dirname, '..', '..');
export const BASE_NAMES = ['enarx-logging', 'enclaver-nitro', 'scone-nodejs', 'seng-server', 'trs-attested-containers', 'generated'] as const;
export type BaseName = (typeof BASE_NAMES)[number];

export interface FuzzCase {
  readonly base: BaseName;
  readonly mutations: readonly Mutation[];
  readonly textEdits: readonly { readonly file: number; readonly edit: TextEdit }[];
}

export const caseArb: fc.Arbitrary<FuzzCase> = fc.record({
  base: fc.constantFrom(...BASE_NAMES),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }),
  textEdits: fc.oneof(
    { weight: 4, arbitrary: fc.constant([]) },
    { weight: 1, arbitrary: fc.array(fc.record({ file: fc.nat(), edit: textEdit }), { minLength: 1, maxLength: 3 }) },
  ),
});

/** Every starting point by name, read from models/ and the generator. */
export function readBases(): Map<BaseName, SourceFile[]> {
  const examples = readTree(join(REPO, 'models'));
  const library = examples.filter((f) => f.path.startsWith('library'));
  const bases = new Map<string, SourceFile[]>(examples.filter((f) => !f.path.startsWith('library')).map((f) => [f.path.replace(/\.yaml$/, ''), [f, ...library]]));
  bases.set('generated', generatedBase());
  // The example models change; a renamed one must not silently drop out of the fuzz runs.
  if ([...bases.keys()].sort().join() !== [...BASE_NAMES].sort().join()) throw new Error(`the fuzz bases are ${[...bases.keys()].join(', ')}`);
  return bases as Map<BaseName, SourceFile[]>;
}

export interface CaseFiles {
  /** Relative path → YAML text. */
  readonly texts: readonly { readonly path: string; readonly text: string }[];
  /** Injected text still present in the documents (none once the text itself was edited). */
  readonly probes: Probe[];
}

/** The files of one case: the base's documents mutated, written out as YAML, then text-edited. */
export function caseFiles(base: readonly SourceFile[], c: FuzzCase): CaseFiles {
  const files = structuredClone(base) as SourceFile[];
  const docs = files.map((f) => f.doc);
  const pool = idsOf(docs);
  const injected = c.mutations.map((m) => applyMutation(docs, m, pool)).filter((p): p is Probe => p !== undefined);
  // A later edit may overwrite injected text; only text still in the documents is a probe.
  const finalJson = JSON.stringify(docs);
  const probes = c.textEdits.length > 0 ? [] : injected.filter((p) => finalJson.includes(JSON.stringify(p.text).slice(1, -1)));
  const texts = files.map((f, i) => ({ path: f.path, text: toYamlText(docs[i]!) }));
  for (const { file, edit } of c.textEdits) {
    const target = texts[file % texts.length]!;
    target.text = applyTextEdit(target.text, edit);
  }
  return { texts, probes };
}

export function writeFiles(dir: string, texts: CaseFiles['texts']): void {
  for (const { path, text } of texts) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

function readTree(dir: string): SourceFile[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((path) => ({ path, doc: parse(readFileSync(join(dir, path), 'utf8')) as Json }));
}

/** One generated model with the library entries it uses: realistic and small. */
function generatedBase(): SourceFile[] {
  const files = plan({ scale: 1, seed: 'fuzz', catalog: readCatalog() }).map((f) => ({ path: f.path, doc: parse(toYaml(f.doc)) as Json }));
  const model = files.find((f) => !f.path.startsWith('libraries'))!;
  const used = new Set(JSON.stringify(model.doc).match(/[a-z0-9][a-z0-9._-]*/g));
  const libraries = files
    .filter((f) => f.path.startsWith('libraries'))
    .map((f) => {
      const doc = f.doc as Record<string, Json>;
      const keep = (key: string): Json[] => ((doc[key] as Json[] | undefined) ?? []).filter((e) => used.has((e as { id: string }).id));
      const slim: Record<string, Json> = { ...doc, assets: keep('assets'), agents: keep('agents'), mitigations: keep('mitigations') };
      return { path: f.path, doc: slim };
    });
  return [model, ...libraries];
}
