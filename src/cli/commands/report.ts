import type { Command } from 'commander';
import type { Diagnostic } from '../../core/diagnostic.js';
import type { Config } from '../../config.js';
import type { FailOn, Gates } from '../../analyze/gates.js';
import type { Workspace } from '../../core/model.js';
import type { CatalogIndex } from '../../d3fend/types.js';
import { EXIT, UsageError, type Io } from '../io.js';
import { VERSION, type CommandContext } from '../main.js';

import { FAIL_ON, isFailOn } from '../../analyze/gates.js';
import { COVERAGE_FORMATS, isCoverageFormat } from '../../report/coverage/formats.js';

interface ReportFlags {
  format: string;
  output?: string;
  failUnder?: string;
  failOn?: string;
  profile?: string;
  config?: string;
}

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('report')
    .description('coverage and gap report of the threat models, with CI gates')
    .argument('[MODEL_DIR]', 'model directory (default: config "models", else ./models)')
    .option('-f, --format <format>', `output format: ${COVERAGE_FORMATS.join(', ')}`, 'md')
    .option('-o, --output <file>', 'write the report to FILE instead of stdout')
    .option('--fail-under <percent>', 'exit 1 when fewer than PERCENT % of the threats are covered')
    .option('--fail-on <conditions>', `exit 1 on any of (comma-separated): ${FAIL_ON.join(', ')}`)
    .option('--profile <id>', 'count only the mitigations this deployment profile requires')
    .option('-c, --config <file>', 'config file (default: threatdoc.config.yaml when present)')
    .action(async (modelDir: string | undefined, flags: ReportFlags) => {
      ctx.setExit(await runReport(ctx.io, modelDir, flags));
    });
}

async function runReport(io: Io, modelDir: string | undefined, flags: ReportFlags): Promise<number> {
  if (!isCoverageFormat(flags.format)) throw new UsageError(`unknown --format "${flags.format}" (choose one of: ${COVERAGE_FORMATS.join(', ')})`);
  const config = await readConfig(io, flags.config);
  const gates = mergeGates(config, flags);
  const profile = flags.profile ?? config.report.profile;

  const loaded = await checkModels(io, modelDir ?? config.models);
  if (!loaded.ok) return EXIT.problems;
  const { models, libraries } = loaded.workspace;
  const known = [...new Set([...models, ...libraries].flatMap((m) => m.profiles.map((p) => p.id)))].sort();
  if (profile !== undefined && !known.includes(profile)) {
    throw new UsageError(`unknown profile "${profile}" (${known.length > 0 ? `the models define: ${known.join(', ')}` : 'the models define no profile'})`);
  }

  const { buildCoverageReport } = await import('../../analyze/report.js');
  const report = buildCoverageReport(loaded.workspace, loaded.catalog, { gates, ...(profile === undefined ? {} : { profile }) });
  const { COVERAGE_FORMATTERS } = await import('../../report/coverage/index.js');
  const text = COVERAGE_FORMATTERS[flags.format](report, { toolVersion: VERSION });
  if (flags.output === undefined) io.stdout(text);
  else await writeOutput(io, flags.output, text);

  for (const failure of report.failures) io.stderr(`threatdoc: gate ${failure.gate} failed: ${failure.reason}\n`);
  return report.failures.length > 0 ? EXIT.problems : EXIT.ok;
}

/** The config file, or its defaults; a broken config is a usage problem, reported at its line. */
export async function readConfig(io: Io, explicit: string | undefined): Promise<Config> {
  const { loadConfig, ConfigError } = await import('../../config.js');
  try {
    return loadConfig(io.cwd, explicit);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

function mergeGates(config: Config, flags: ReportFlags): Gates {
  const failUnder = flags.failUnder === undefined ? config.report.failUnder : parsePercent(flags.failUnder);
  const failOn = flags.failOn === undefined ? config.report.failOn : flags.failOn.split(',').map((s) => s.trim()).filter((s) => s !== '');
  return {
    ...(failUnder === undefined ? {} : { failUnder }),
    ...(failOn === undefined ? {} : { failOn: failOn.map((v) => checkFailOn(v, flags.failOn === undefined ? `report.failOn of ${config.file ?? 'the config'}` : '--fail-on')) }),
  };
}

function parsePercent(value: string): number {
  const n = Number(value);
  // Above 100 is allowed: it always fails, which is how a pipeline proves the gate works.
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError(`--fail-under must be a number of percent, 0 or more (got "${value}")`);
  return n;
}

function checkFailOn(value: string, source: string): FailOn {
  if (isFailOn(value)) return value;
  throw new UsageError(`unknown condition "${value}" in ${source} (choose from: ${FAIL_ON.join(', ')})`);
}

type Loaded =
  | { readonly ok: true; readonly workspace: Workspace; readonly catalog: CatalogIndex }
  | { readonly ok: false };

/**
 * Runs the validation pipeline on the model directory. A report on a model with errors would
 * count what was dropped, so errors are printed and no report is made.
 */
export async function checkModels(io: Io, dir: string): Promise<Loaded> {
  const { loadCatalogIndex } = await import('../../d3fend/catalog.js');
  const catalog = loadCatalogIndex();
  const checked = await checkDir(dir, io.cwd, catalog);
  if (checked.errors.length === 0) return { ok: true, workspace: checked.workspace, catalog };
  await printErrors(io, checked);
  io.stderr(`threatdoc: the models have errors; no report made\n`);
  return { ok: false };
}

export interface Checked {
  readonly workspace: Workspace;
  readonly errors: readonly Diagnostic[];
  readonly sources: ReadonlyMap<string, string>;
}

/** The resolved workspace of a directory and the errors found on the way. */
export async function checkDir(dir: string, cwd: string, catalog: CatalogIndex): Promise<Checked> {
  const { checkWorkspace, missingPath } = await import('../../pipeline.js');
  const result = await checkWorkspace([dir], { cwd, catalog });
  const missing = missingPath(result);
  if (missing) throw new UsageError(missing.message);
  return { workspace: result.workspace, errors: result.diagnostics.filter((d) => d.severity === 'error'), sources: result.sources };
}

/** Errors as `threatdoc validate` prints them, with the line of YAML at fault, on stderr. */
export async function printErrors(io: Io, checked: Checked): Promise<void> {
  const { DIAGNOSTIC_FORMATTERS } = await import('../../report/diagnostics/index.js');
  io.stderr(DIAGNOSTIC_FORMATTERS.human(checked.errors, { sources: checked.sources, color: io.stderrIsTTY && !io.env['NO_COLOR'], toolVersion: VERSION }));
}

/** Whole file or nothing: written beside the target, then renamed over it. */
export async function writeOutput(io: Io, file: string, text: string): Promise<void> {
  const { writeFile, rename, rm } = await import('node:fs/promises');
  const { resolve, dirname, basename, join } = await import('node:path');
  const { randomBytes } = await import('node:crypto');
  const target = resolve(io.cwd, file);
  const temp = join(dirname(target), `.threatdoc-tmp-${basename(target)}-${randomBytes(4).toString('hex')}`);
  try {
    await writeFile(temp, text, 'utf8');
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError(`cannot write ${file} (${code})`);
  }
}
