import { Command, CommanderError } from 'commander';
import { EXIT, UsageError, type Io } from './io.js';
import { register as registerValidate } from './commands/validate.js';
import { register as registerBuild } from './commands/build.js';
import { register as registerReport } from './commands/report.js';
import { register as registerDiff } from './commands/diff.js';
import { register as registerD3fend } from './commands/d3fend.js';
import { register as registerSchema } from './commands/schema.js';
import { refuseEmptyArguments } from './shared.js';

/** Lets a command's action hand its exit code back to main. */
export interface CommandContext {
  readonly io: Io;
  /** Whether --verbose was given (stack traces on crashes). */
  verbose(): boolean;
  setExit(code: number): void;
}

export const VERSION = '0.1.0';

/**
 * Runs one threatdoc command. Commands import their heavy modules lazily inside their
 * actions so `--help` and small runs start fast.
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let exitCode: number = EXIT.ok;
  const { args, verbose } = takeVerbose(argv);
  const program = new Command('threatdoc');
  const ctx: CommandContext = {
    io,
    verbose: () => verbose,
    setExit: (code) => {
      exitCode = code;
    },
  };
  program
    .description('Threat models as code, mapped to MITRE D3FEND: validate, render, report.')
    .version(VERSION, '-V, --version')
    .option('--verbose', 'print stack traces of internal errors')
    .showHelpAfterError('(run threatdoc --help for usage)')
    // Program options only before the command name: `d3fend import --version 1.2.0` is the
    // import's own option, not a request for threatdoc's version.
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
    })
    .hook('preAction', (_program, command) => refuseEmptyArguments(command));
  for (const register of [registerValidate, registerBuild, registerReport, registerDiff, registerD3fend, registerSchema]) {
    register(program, ctx);
  }
  try {
    await program.parseAsync(args, { from: 'user' });
    return exitCode;
  } catch (error) {
    return handleError(error, io, ctx.verbose());
  }
}

/**
 * --verbose is accepted anywhere on the line (before a `--`): positional options would
 * otherwise reject it after the command name, where people type it when a run goes wrong.
 */
function takeVerbose(argv: readonly string[]): { args: string[]; verbose: boolean } {
  const end = argv.indexOf('--');
  const head = end === -1 ? argv : argv.slice(0, end);
  const tail = end === -1 ? [] : argv.slice(end);
  const args = head.filter((a) => a !== '--verbose');
  return { args: [...args, ...tail], verbose: args.length !== head.length };
}

function handleError(error: unknown, io: Io, verbose: boolean): number {
  if (error instanceof CommanderError) {
    // --help and --version end here with exit code 0; parse errors were already printed.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof UsageError) {
    io.stderr(`threatdoc: ${error.message}\n`);
    return EXIT.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`threatdoc: internal error: ${message}\n`);
  if (verbose && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  else io.stderr('(run again with --verbose for the stack trace)\n');
  return EXIT.usage;
}
