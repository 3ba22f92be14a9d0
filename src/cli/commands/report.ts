import type { Command } from 'commander';
import type { Config } from '../../config.js';
import type { Gates } from '../../analyze/gates.js';
import { EXIT, UsageError, type Io } from '../io.js';
import { VERSION, type CommandContext } from '../main.js';

import { FAIL_ON, inGateOrder, isFailOn, type FailOn } from '../../analyze/fail-on.js';
import { FAIL_UNDER_RULE, parseFailUnder } from '../../analyze/fail-under.js';
import { checkModels, NO_CACHE_FLAG, readConfig, writeOutput } from '../shared.js';
import { COVERAGE_FORMATS, isCoverageFormat } from '../../report/coverage/formats.js';

interface ReportFlags {
  format: string;
  output?: string;
  failUnder?: string;
  failOn?: string;
  profile?: string;
  config?: string;
  cache: boolean;
}

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('report')
    .description('coverage and gap report of the threat models, with CI gates')
    .argument('[MODEL_DIR]', 'model directory (default: config "models", else ./models)')
    .option('-f, --format <format>', `output format: ${COVERAGE_FORMATS.join(', ')}`, 'md')
    .option('-o, --output <file>', 'write the report to FILE instead of stdout')
    .option('--fail-under <percent>', 'exit 1 when fewer than PERCENT % (0 to 100) of the threats are covered')
    .option('--fail-on <conditions>', `exit 1 on any of (comma-separated): ${FAIL_ON.join(', ')}`)
    .option('--profile <id>', 'count only the mitigations this deployment profile requires')
    .option('-c, --config <file>', 'config file (default: threatdoc.config.yaml when present)')
    .option(...NO_CACHE_FLAG)
    .action(async (modelDir: string | undefined, flags: ReportFlags) => {
      ctx.setExit(await runReport(ctx.io, modelDir, flags));
    });
}

async function runReport(io: Io, modelDir: string | undefined, flags: ReportFlags): Promise<number> {
  if (!isCoverageFormat(flags.format)) throw new UsageError(`unknown --format "${flags.format}" (choose one of: ${COVERAGE_FORMATS.join(', ')})`);
  const config = await readConfig(io, flags.config);
  const gates = mergeGates(config, flags);
  const profile = flags.profile ?? config.report.profile;

  const loaded = await checkModels(io, modelDir ?? config.models, 'no report made', flags.cache);
  if (!loaded.ok) return EXIT.problems;
  const { workspaceProfileIds } = await import('../../analyze/coverage.js');
  const known = workspaceProfileIds(loaded.workspace);
  if (profile !== undefined && !known.includes(profile)) {
    throw new UsageError(`unknown profile "${profile}" (${known.length > 0 ? `the models define: ${known.join(', ')}` : 'the models define no profile'})`);
  }

  const { buildCoverageReport } = await import('../../analyze/report.js');
  const report = buildCoverageReport(loaded.workspace, loaded.catalog, { gates, ...(profile === undefined ? {} : { profile }) });
  const { COVERAGE_FORMATTERS } = await import('../../report/coverage/index.js');
  const text = COVERAGE_FORMATTERS[flags.format](report, { toolVersion: VERSION, cwd: io.cwd });
  if (flags.output === undefined) io.stdout(text);
  else await writeOutput(io, flags.output, text);

  for (const failure of report.failures) io.stderr(`threatdoc: gate ${failure.gate} failed: ${failure.reason}\n`);
  return report.failures.length > 0 ? EXIT.problems : EXIT.ok;
}

function mergeGates(config: Config, flags: ReportFlags): Gates {
  const failUnder = flags.failUnder === undefined ? config.report.failUnder : parsePercent(flags.failUnder);
  const written = flags.failOn === undefined ? config.report.failOn : flags.failOn.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const source = flags.failOn === undefined ? `report.failOn of ${config.file ?? 'the config'}` : '--fail-on';
  return {
    ...(failUnder === undefined ? {} : { failUnder }),
    ...(written === undefined ? {} : { failOn: inGateOrder(written.map((v) => checkFailOn(v, source))) }),
  };
}

function parsePercent(value: string): number {
  const percent = parseFailUnder(value);
  if (percent === undefined) throw new UsageError(`--fail-under must be ${FAIL_UNDER_RULE} (got "${value}")`);
  return percent;
}

function checkFailOn(value: string, source: string): FailOn {
  if (isFailOn(value)) return value;
  throw new UsageError(`unknown condition "${value}" in ${source} (choose from: ${FAIL_ON.join(', ')})`);
}
