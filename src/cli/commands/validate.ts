import { resolve, sep } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { DIAGNOSTIC_FORMATS, loadDiagnosticFormatter, type DiagnosticFormat } from '../../report/diagnostics/names.js';
import { diagnosticReport, plural } from '../../report/diagnostics/report.js';
import { EXIT, UsageError } from '../io.js';
import type { CommandContext } from '../main.js';
import { VERSION } from '../main.js';
import { NO_CACHE_FLAG } from '../shared.js';

interface ValidateOptions {
  readonly format: DiagnosticFormat;
  readonly maxWarnings?: number;
  readonly quiet?: boolean;
  readonly config?: string;
  readonly output?: string;
  readonly cache: boolean;
}

/**
 * `threatdoc validate [paths...]`: every problem of the models at once, located.
 * Exit 0 clean, 1 errors (or more warnings than --max-warnings), 2 usage error or crash.
 */
export function register(program: Command, ctx: CommandContext): void {
  program
    .command('validate')
    .description('check model files: YAML, the model format, references between entries, D3FEND and ATT&CK ids')
    .argument('[paths...]', 'model files or directories (default: "models" of threatdoc.config.yaml, else ./models)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(DIAGNOSTIC_FORMATS).default('human'))
    .option('--max-warnings <count>', 'exit 1 when there are more warnings than this', parseCount)
    .option('-q, --quiet', 'report errors only')
    .option('-o, --output <file>', 'write the report to FILE instead of stdout (e.g. SARIF for upload)')
    .option('-c, --config <file>', 'config file (default: threatdoc.config.yaml when present)')
    .option(...NO_CACHE_FLAG)
    .action(async (paths: string[], options: ValidateOptions) => {
      ctx.setExit(await validate(paths, options, ctx));
    });
}

async function validate(paths: readonly string[], options: ValidateOptions, ctx: CommandContext): Promise<number> {
  const { io } = ctx;
  const { readConfig, writeOutput } = await import('../shared.js');
  const modelsDir = (await readConfig(io, options.config)).models;
  const targets = paths.length > 0 ? paths : [modelsDir];
  const [{ checkFiles, missingPath }, { withParseCache }] = await Promise.all([import('../../pipeline.js'), import('../cache.js')]);
  const directory = contextFor(targets, modelsDir, io.cwd);
  const result = await withParseCache(io, options.cache, targets, (memo) => checkFiles(targets, { cwd: io.cwd, directory, memo }));
  const missing = missingPath(result);
  if (missing) throw new UsageError(missing.message);

  const report = diagnosticReport(result.diagnostics, { scope: options.quiet ? 'errors' : 'all' });
  const format = await loadDiagnosticFormatter(options.format);
  const text = format(report, {
    sources: result.sources,
    color: options.output === undefined && io.stdoutIsTTY && !io.env['NO_COLOR'],
    toolVersion: VERSION,
    cwd: io.cwd,
    fileCount: result.named,
  });
  if (options.output === undefined) io.stdout(text);
  else await writeOutput(io, options.output, text);

  // Every problem found counts, whether or not --quiet or the per-file limit left it out.
  const counts = report.found;
  if (counts.error > 0) return EXIT.problems;
  if (options.maxWarnings !== undefined && counts.warning > options.maxWarnings) {
    // On stderr in every format: a JSON or SARIF report (empty under --quiet) cannot say why the run failed.
    io.stderr(`threatdoc: ${plural(counts.warning, 'warning')}, more than --max-warnings ${options.maxWarnings}\n`);
    return EXIT.problems;
  }
  return EXIT.ok;
}

/**
 * The model directory of paths that lie inside it (a file, or a subdirectory): their references
 * resolve against the whole directory, as they do when it is checked at once.
 */
function contextFor(paths: readonly string[], modelsDir: string, cwd: string): string | undefined {
  return paths.some((p) => resolve(cwd, p).startsWith(modelsDir + sep)) ? modelsDir : undefined;
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}
