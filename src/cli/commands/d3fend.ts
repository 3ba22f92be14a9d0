import { Option, type Command } from 'commander';
import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { CommandContext } from '../main.js';
import { EXIT, UsageError } from '../io.js';
import type { Catalog, CatalogIndex } from '../../d3fend/types.js';

interface ImportFlags {
  version?: string;
  releaseDate?: string;
  tag?: string;
  commit?: string;
  sourcePath: string[];
  out: string;
  allowFewer?: boolean;
}

interface LookupFlags {
  json?: boolean;
  catalog?: string;
}

interface SearchFlags extends LookupFlags {
  limit: string;
}

const DEFAULT_OUT = 'd3fend/catalog.json';

export function register(program: Command, ctx: CommandContext): void {
  const d3fend = program
    .command('d3fend')
    .description('import the D3FEND catalog from the ontology, and look techniques up in it');

  d3fend
    .command('import')
    .description('derive the catalog from D3FEND ontology .ttl files and write it atomically')
    .argument('<files...>', 'ontology Turtle files (a release may split the ontology over several)')
    .option('--version <version>', "D3FEND release, e.g. 1.2.0 (default: the ontology's owl:versionInfo)")
    .option('--release-date <date>', 'release date, YYYY-MM-DD')
    .option('--tag <tag>', 'git tag of the release in d3fend/d3fend-ontology (default: the version)')
    .option('--commit <sha>', 'git commit of that tag')
    .addOption(
      new Option('--source-path <path>', "the file's path in the upstream repository, once per input file, in order")
        .argParser((value: string, previous: string[]) => [...previous, value])
        .default([], 'the file names'),
    )
    .option('--out <file>', 'catalog to write', DEFAULT_OUT)
    .option('--allow-fewer', 'write the catalog even when it has far fewer techniques than the one it replaces')
    .action(async (files: string[], flags: ImportFlags) => {
      await runImport(ctx, files, flags);
    });

  d3fend
    .command('show')
    .description('show a D3FEND technique (tactic, parents, artifacts, what it counters) or an ATT&CK technique (what counters it)')
    .argument('<id>', 'a D3FEND id such as D3-DENCR, or an ATT&CK id such as T1055.012')
    .option('--json', 'print JSON')
    .option('--catalog <file>', 'read this catalog instead of the shipped one')
    .action(async (id: string, flags: LookupFlags) => {
      await runShow(ctx, id, flags);
    });

  d3fend
    .command('search')
    .description('find D3FEND techniques by words of their label, synonyms or id')
    .argument('<words...>', 'what to look for, e.g. disk encryption')
    .option('--json', 'print JSON')
    .option('--limit <n>', 'at most this many results', '20')
    .option('--catalog <file>', 'read this catalog instead of the shipped one')
    .action(async (words: string[], flags: SearchFlags) => {
      await runSearch(ctx, words.join(' '), flags);
    });
}

async function runImport(ctx: CommandContext, files: string[], flags: ImportFlags): Promise<void> {
  if (flags.releaseDate !== undefined && !isIsoDate(flags.releaseDate)) {
    throw new UsageError(`--release-date must be a date as YYYY-MM-DD, not "${flags.releaseDate}"`);
  }
  if (flags.commit !== undefined && !/^[0-9a-f]{7,40}$/i.test(flags.commit)) {
    throw new UsageError(`--commit must be a git commit hash, not "${flags.commit}"`);
  }
  if (flags.version !== undefined && flags.version.trim() === '') throw new UsageError('--version must not be empty');
  if (flags.sourcePath.length > files.length) {
    throw new UsageError(`${flags.sourcePath.length} --source-path options for ${files.length} input files`);
  }
  const { readOntologySources, OntologyFileError } = await import('../../d3fend/files.js');
  const { writeOutput } = await import('../shared.js');
  const { importCatalog, OntologyShapeError } = await import('../../d3fend/import.js');
  const { TurtleSyntaxError } = await import('../../d3fend/triples.js');
  const { serializeCatalog } = await import('../../d3fend/serialize.js');

  const started = performance.now();
  const resolvePath = (path: string): string => resolve(ctx.io.cwd, path);
  let sources;
  try {
    sources = await readOntologySources(files, resolvePath, flags.sourcePath);
  } catch (error) {
    if (error instanceof OntologyFileError) throw new UsageError(error.message);
    throw error;
  }
  let catalog;
  try {
    catalog = importCatalog(sources, {
      ...(flags.version === undefined ? {} : { version: flags.version.trim() }),
      ...(flags.tag === undefined ? {} : { tag: flags.tag }),
      ...(flags.commit === undefined ? {} : { commit: flags.commit.toLowerCase() }),
      ...(flags.releaseDate === undefined ? {} : { releaseDate: flags.releaseDate }),
    });
  } catch (error) {
    // The ontology is not what the importer expects: say why and keep the old catalog.
    if (error instanceof TurtleSyntaxError || error instanceof OntologyShapeError) {
      ctx.io.stderr(`threatdoc: d3fend import: ${error.message}\n`);
      ctx.setExit(EXIT.problems);
      return;
    }
    throw error;
  }
  const out = resolvePath(flags.out);
  const shrunk = flags.allowFewer ? undefined : await shrinkageFrom(out, catalog);
  if (shrunk !== undefined) {
    ctx.io.stderr(
      `threatdoc: d3fend import: far fewer entries than the catalog it would replace, ${displayPath(ctx.io.cwd, out)} ` +
        `(D3FEND ${shrunk.version}): ${shrunk.reason}. Is a file cut short? Nothing written; give --allow-fewer to write it anyway\n`,
    );
    ctx.setExit(EXIT.problems);
    return;
  }
  // One way to write a named file, /dev/stdout included, for reports and the catalog alike.
  await writeOutput(ctx.io, flags.out, serializeCatalog(catalog), { createDirs: true });
  const seconds = (performance.now() - started) / 1000;
  const { counts } = catalog.provenance;
  const perTactic = catalog.tactics.map((tactic) => `${tactic.name} ${counts.perTactic[tactic.name]}`).join(', ');
  ctx.io.stdout(
    `wrote ${displayPath(ctx.io.cwd, out)}: D3FEND ${catalog.provenance.version}, ${counts.techniques} techniques (${perTactic}), ` +
      `${counts.attack} ATT&CK techniques, ${counts.links} links, in ${seconds.toFixed(2)} s\n`,
  );
}

async function openCatalog(ctx: CommandContext, path: string | undefined): Promise<CatalogIndex> {
  const { createCatalogIndex, loadCatalogIndex, readCatalogFile, CatalogLoadError } = await import('../../d3fend/catalog.js');
  if (path === undefined) return loadCatalogIndex();
  try {
    return createCatalogIndex(readCatalogFile(resolve(ctx.io.cwd, path)));
  } catch (error) {
    if (error instanceof CatalogLoadError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * How the new catalog falls short of the one at `out`, when there is one to compare: a
 * missing file, or one that is not a catalog, is simply replaced.
 */
async function shrinkageFrom(out: string, catalog: Catalog): Promise<{ reason: string; version: string } | undefined> {
  const { readCatalogFile, CatalogLoadError } = await import('../../d3fend/catalog.js');
  const { shrinkage } = await import('../../d3fend/shrink.js');
  // Only a regular file is read back: /dev/stdout, say, would wait for the terminal's input.
  if (!isFile(out)) return undefined;
  let previous: Catalog;
  try {
    previous = readCatalogFile(out);
  } catch (error) {
    if (error instanceof CatalogLoadError) return undefined;
    throw error;
  }
  const reason = shrinkage(previous, catalog);
  return reason === undefined ? undefined : { reason, version: previous.provenance.version };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

async function runShow(ctx: CommandContext, id: string, flags: LookupFlags): Promise<void> {
  const index = await openCatalog(ctx, flags.catalog);
  const { lookUp } = await import('../../d3fend/lookup.js');
  const { formatLookup, formatProblem, lookupToJson } = await import('../../d3fend/present.js');
  const found = lookUp(index, id);
  if (found.kind === 'unknown' || found.kind === 'retired') {
    ctx.io.stderr(`threatdoc: ${formatProblem(found)}\n`);
    ctx.setExit(EXIT.problems);
    return;
  }
  ctx.io.stdout(flags.json ? `${JSON.stringify(lookupToJson(found), null, 2)}\n` : formatLookup(found));
}

async function runSearch(ctx: CommandContext, text: string, flags: SearchFlags): Promise<void> {
  // Digits only: Number() would also take "0x2", "1e3" and " 2".
  const limit = /^\d+$/.test(flags.limit) ? Number(flags.limit) : 0;
  if (limit < 1) throw new UsageError(`--limit must be a whole number of at least 1, not "${flags.limit}"`);
  // "" is refused before this; words of blanks only are the same mistake, not a search for nothing.
  if (text.trim() === '') throw new UsageError('the words are blank (is a variable unset?)');
  const index = await openCatalog(ctx, flags.catalog);
  const { formatSearch, table } = await import('../../d3fend/present.js');
  const results = index.search(text, limit);
  if (flags.json) {
    ctx.io.stdout(`${JSON.stringify(results.map(({ id, label, tactic, url }) => ({ id, label, tactic, url })), null, 2)}\n`);
  } else if (results.length > 0) {
    ctx.io.stdout(formatSearch(results));
  }
  if (results.length === 0) {
    const hint = searchHint(text, index, table);
    ctx.io.stderr(`threatdoc: no D3FEND technique matches ${JSON.stringify(text)}${hint}\n`);
    ctx.setExit(EXIT.problems);
  }
}

/** Search finds D3FEND techniques only; an ATT&CK id is looked up with show. */
const ATTACK_ID = /^T\d{4}(?:\.\d{3})?$/i;

function searchHint(text: string, index: CatalogIndex, table: (rows: readonly (readonly string[])[], indent?: string) => string[]): string {
  const query = text.trim();
  if (ATTACK_ID.test(query)) {
    return `; for the ATT&CK technique and what counters it, run: threatdoc d3fend show ${query.toUpperCase()}`;
  }
  const guesses = index.suggestTechniques(text);
  return guesses.length === 0 ? '' : `; did you mean:\n${table(guesses.map((t) => [t.id, t.label]), '  ').join('\n')}`;
}

function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
