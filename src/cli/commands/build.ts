import { Option, type Command } from 'commander';
import type { Config } from '../../config.js';
import { DIAGRAM_MODES, inOutputOrder, isOutputFormat, OUTPUT_FORMATS, type DiagramMode, type OutputFormat } from '../../render/formats.js';
import type { Workspace } from '../../core/model.js';
import type { CatalogIndex } from '../../d3fend/types.js';
import type { ModelDiagram } from '../../render/context.js';
import type { Diagram } from '../../diagram/types.js';
import type { ImageFormat } from '../../diagram/digest.js';
import type { OutputFile, Plan } from '../../write/plan.js';
import type { Applied } from '../../write/apply.js';
import type { RenderedFile } from '../../render/registry.js';
import { EXIT, UsageError, type Io } from '../io.js';
import type { CommandContext } from '../main.js';
import { NO_CACHE_FLAG } from '../shared.js';


interface BuildFlags {
  readonly out?: string;
  readonly format?: string;
  readonly templates?: string;
  readonly check?: boolean;
  readonly config?: string;
  readonly diagrams?: DiagramMode;
  readonly chromium?: string;
  readonly png?: boolean;
  readonly cache: boolean;
}

/**
 * `threatdoc build [MODEL_DIR]`: renders the models to RST and/or Markdown pages in the output
 * directory; with --check, writes nothing and exits 1 when the committed pages are stale.
 */
export function register(program: Command, ctx: CommandContext): void {
  program
    .command('build')
    .description('render the threat models to RST and Markdown pages (--check: fail when the committed pages are stale)')
    .argument('[MODEL_DIR]', 'model directory (default: "models" of threatdoc.config.yaml, else ./models)')
    .option('-o, --out <dir>', 'output directory (default: "out" of the config, else docs/threat-models)')
    .option('--format <formats>', `comma-separated output formats: ${OUTPUT_FORMATS.join(', ')} (default: config, else both)`)
    .option('--templates <dir>', 'directory of templates that replace the defaults file by file')
    .option('--check', 'write nothing; exit 1 listing the files a build would create, change or remove')
    .option('-c, --config <file>', 'config file (default: threatdoc.config.yaml when present)')
    .addOption(new Option('--diagrams <mode>', 'diagrams in the pages: svg images, mermaid source, or none (default: config, else mermaid)').choices(DIAGRAM_MODES))
    .option('--chromium <path>', 'Chromium executable for --diagrams svg')
    .option('--png', 'with --diagrams svg, also write a PNG beside each SVG (default: `png` of the config)')
    .option(...NO_CACHE_FLAG)
    .action(async (modelDir: string | undefined, flags: BuildFlags) => {
      ctx.setExit(await build(ctx.io, modelDir, flags));
    });
}

/**
 * The config with the command line's choices applied; the profile comes from `report:`. The
 * browser is kept as where it was given: PUPPETEER_EXECUTABLE_PATH ranks between the two.
 */
type Settings = Omit<Config, 'file' | 'report' | 'chromium'> & {
  readonly profile: string | undefined;
  readonly chromium: { readonly option: string | undefined; readonly config: string | undefined };
};

async function build(io: Io, modelDir: string | undefined, flags: BuildFlags): Promise<number> {
  const { resolve } = await import('node:path');
  const { readConfig, checkModels } = await import('../shared.js');
  const { displayPath } = await import('../../load/files.js');
  const config = await readConfig(io, flags.config);
  const settings = merge(config, modelDir, flags, (p) => resolve(io.cwd, p));
  // Relative inside the working directory; outside it, "../../proc/x" would hide where it is.
  const shown = (p: string) => displayPath(p, io.cwd);

  const checked = await checkModels(io, settings.models, 'nothing rendered', flags.cache);
  if (!checked.ok) return EXIT.problems;
  const { catalog } = checked;

  const diagrams = await prepareDiagrams(checked.workspace, catalog, settings);
  const pages = await render(io, checked.workspace, catalog, settings, diagrams);
  // Images are first planned by digest alone: only those whose digest differs are drawn, so a
  // build or --check with nothing changed starts no browser.
  const undrawn: OutputFile[] = diagrams.images.map((job) => ({ path: job.path, digest: job.digest }));

  const { planOutput, PlanError, staleActions } = await import('../../write/plan.js');
  const out = shown(settings.out);
  const { blockedActions } = await import('../../write/apply.js');
  const plan = (files: readonly OutputFile[]) => {
    try {
      return planOutput(settings.out, files);
    } catch (error) {
      if (error instanceof PlanError) throw new UsageError(`cannot write to ${out}: ${error.message}`);
      throw error;
    }
  };
  let planned = plan([...pages, ...undrawn]);
  const blocked = blockedActions(planned);
  if (blocked.length > 0) {
    for (const b of blocked) io.stderr(`threatdoc: ${out}/${b.path} ${b.reason}; not overwritten\n`);
    io.stderr(`threatdoc: nothing written; move ${blocked.length === 1 ? 'that file' : 'those files'} or choose another --out\n`);
    return EXIT.problems;
  }

  if (flags.check === true) {
    const stale = staleActions(planned);
    if (stale.length === 0) {
      io.stdout(`threatdoc: ${planned.actions.length} files in ${out} are up to date\n`);
      return EXIT.ok;
    }
    const verb = { create: 'missing', update: 'stale', remove: 'no longer generated' } as const;
    for (const a of stale) if (a.kind in verb) io.stdout(`${verb[a.kind as keyof typeof verb]}: ${out}/${a.path}\n`);
    const count = stale.length === 1 ? '1 generated file is' : `${stale.length} generated files are`;
    io.stderr(`threatdoc: ${count} out of date; run threatdoc build\n`);
    return EXIT.problems;
  }

  const toDraw = new Set(planned.actions.filter((a) => a.kind === 'create' || a.kind === 'update').map((a) => a.path));
  const jobs = diagrams.images.filter((job) => toDraw.has(job.path));
  if (jobs.length > 0) {
    const drawn = await drawImages(io, jobs, settings);
    planned = plan([...pages, ...undrawn.map((file) => drawn.get(file.path) ?? file)]);
  }
  const applied = await apply(planned, out);
  for (const path of applied.written) io.stdout(`wrote ${out}/${path}\n`);
  for (const path of applied.removed) io.stdout(`removed ${out}/${path}\n`);
  io.stdout(`threatdoc: ${applied.written.length} written, ${applied.removed.length} removed, ${applied.unchanged} unchanged in ${out}\n`);
  return EXIT.ok;
}

/** Writes the plan; a file-system refusal is said in words, with the output directory. */
async function apply(plan: Plan, out: string): Promise<Applied> {
  const { applyPlan } = await import('../../write/apply.js');
  const { describeErrno, errnoCode } = await import('../../core/errno.js');
  try {
    return applyPlan(plan);
  } catch (error) {
    if (errnoCode(error) === undefined) throw error;
    // mkdir's ENOENT under a parent that exists: the file system takes no directory there (/proc).
    throw new UsageError(`cannot write to ${out}: ${describeErrno(error, { ENOENT: 'a directory cannot be created there' })}`);
  }
}

function merge(config: Config, modelDir: string | undefined, flags: BuildFlags, abs: (p: string) => string): Settings {
  const diagrams = flags.diagrams ?? config.diagrams;
  // PNGs are drawn beside SVGs. The config's `png` stays set while a run skips drawing.
  if (flags.png === true && diagrams !== 'svg') throw new UsageError('--png needs --diagrams svg (a PNG is drawn beside each SVG)');
  return {
    models: modelDir === undefined ? config.models : abs(modelDir),
    out: flags.out === undefined ? config.out : abs(flags.out),
    formats: flags.format === undefined ? config.formats : parseFormats(flags.format),
    templates: flags.templates === undefined ? config.templates : abs(flags.templates),
    diagrams,
    png: diagrams === 'svg' && (flags.png ?? config.png),
    chromium: { option: flags.chromium === undefined ? undefined : abs(flags.chromium), config: config.chromium },
    profile: config.report.profile,
  };
}

function parseFormats(value: string): OutputFormat[] {
  const names = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (names.length === 0) throw new UsageError('--format needs at least one format');
  for (const name of names) {
    if (!isOutputFormat(name)) throw new UsageError(`unknown --format "${name}" (choose from: ${OUTPUT_FORMATS.join(', ')})`);
  }
  return inOutputOrder(names);
}

async function render(
  io: Io,
  workspace: Workspace,
  catalog: CatalogIndex,
  settings: Settings,
  diagrams: PreparedDiagrams,
): Promise<RenderedFile[]> {
  const { loadTemplates, TemplateDirError } = await import('../../render/templates.js');
  const { renderAll } = await import('../../render/registry.js');
  const { TemplateError } = await import('../../render/environment.js');
  try {
    const templates = loadTemplates(io.cwd, settings.templates);
    return renderAll(workspace, catalog, settings.formats, {
      templates,
      diagrams: diagrams.byModel,
      siteDiagrams: diagrams.site,
      ...(settings.profile === undefined ? {} : { profile: settings.profile }),
    });
  } catch (error) {
    // A broken template is the user's to fix: one located line, no stack.
    if (error instanceof TemplateError || error instanceof TemplateDirError) throw new UsageError(`template error: ${error.message}`);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------
// Diagrams hook: what the pages show for each model, and the image files to write beside them.

/** An image file the build produces, identified by the digest of what it is drawn from. */
interface ImageJob {
  readonly diagram: Diagram;
  readonly format: ImageFormat;
  readonly path: string;
  readonly digest: string;
}

interface PreparedDiagrams {
  readonly byModel: ReadonlyMap<string, readonly ModelDiagram[]>;
  /** The overview across models, for the index page. */
  readonly site: readonly ModelDiagram[];
  readonly images: readonly ImageJob[];
}

async function prepareDiagrams(workspace: Workspace, catalog: CatalogIndex, settings: Settings): Promise<PreparedDiagrams> {
  if (settings.diagrams === 'none') return { byModel: new Map(), site: [], images: [] };
  const { workspaceDiagrams } = await import('../../diagram/index.js');
  const options = settings.profile === undefined ? {} : { profile: settings.profile };
  const diagrams = workspaceDiagrams(workspace, catalog, options);
  const byModel = new Map<string, ModelDiagram[]>();
  const site: ModelDiagram[] = [];
  const add = (modelId: string | undefined, d: ModelDiagram) => {
    if (modelId === undefined) site.push(d);
    else byModel.set(modelId, [...(byModel.get(modelId) ?? []), d]);
  };
  if (settings.diagrams === 'mermaid') {
    for (const d of diagrams) add(d.modelId, { id: d.name, title: d.title, source: d.source });
    return { byModel, site, images: [] };
  }
  const { imageDigest } = await import('../../diagram/digest.js');
  const images: ImageJob[] = [];
  for (const diagram of diagrams) {
    const image = `diagrams/${diagram.name}.svg`;
    add(diagram.modelId, { id: diagram.name, title: diagram.title, source: diagram.source, image });
    images.push({ diagram, format: 'svg', path: image, digest: imageDigest(diagram, 'svg') });
    if (settings.png) images.push({ diagram, format: 'png', path: `diagrams/${diagram.name}.png`, digest: imageDigest(diagram, 'png') });
  }
  return { byModel, site, images };
}

/** Draws the images whose digest differs, with one browser: output files by path. */
async function drawImages(io: Io, jobs: readonly ImageJob[], settings: Settings): Promise<Map<string, OutputFile>> {
  const { drawDiagrams } = await import('../../diagram/draw.js');
  const { sandboxOff } = await import('../../diagram/browser.js');
  const { digestMarker } = await import('../../write/plan.js');
  const { progressDisplay } = await import('../../diagram/progress.js');
  const { withTextChunk } = await import('../../diagram/png.js');
  const diagrams = [...new Map(jobs.map((job) => [job.diagram.name, job.diagram])).values()];
  const progress = progressDisplay({ write: io.stderr, isTTY: io.stderrIsTTY, env: io.env });
  let drawn;
  try {
    drawn = await drawDiagrams(diagrams, {
      ...settings.chromium,
      env: io.env,
      noSandbox: sandboxOff(process.getuid?.(), io.env),
      onProgress: progress.onProgress,
      png: jobs.some((job) => job.format === 'png'),
    });
  } catch (error) {
    const { BrowserNotFoundError, BrowserLaunchError } = await import('../../diagram/browser.js');
    const { DiagramDrawError } = await import('../../diagram/draw.js');
    const said = error instanceof BrowserNotFoundError || error instanceof BrowserLaunchError || error instanceof DiagramDrawError;
    if (said) throw new UsageError(error.message);
    throw error;
  } finally {
    progress.done();
  }
  const byName = new Map(drawn.map((d) => [d.diagram.name, d]));
  const files = new Map<string, OutputFile>();
  for (const job of jobs) {
    const result = byName.get(job.diagram.name);
    if (result === undefined) continue;
    // The marker with the digest lets later builds recognise the image as their own and current.
    const marker = digestMarker(job.digest);
    if (job.format === 'svg') {
      files.set(job.path, { path: job.path, digest: job.digest, content: `<!-- ${marker} -->\n${result.svg.replace(/^<\?xml[^>]*\?>\s*/, '')}\n` });
    } else {
      if (result.png === undefined) throw new Error(`no PNG was drawn for ${job.diagram.name}`);
      // PNG has no comments: the marker travels in a text chunk near the start of the file.
      files.set(job.path, { path: job.path, digest: job.digest, content: withTextChunk(result.png, 'threatdoc', marker) });
    }
  }
  return files;
}
