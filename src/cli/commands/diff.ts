import type { Command } from 'commander';
import type { Workspace } from '../../core/model.js';
import type { Repository, Revision } from '../../diff/git.js';
import type { ParseMemo } from '../../load/parse-cache.js';
import { EXIT, UsageError, type Io } from '../io.js';
import type { CommandContext } from '../main.js';
import { DIFF_FORMATS, isDiffFormat } from '../../diff/formats.js';
import { NO_CACHE_FLAG } from '../shared.js';

interface DiffFlags {
  format: string;
  output?: string;
  config?: string;
  cache: boolean;
}

export function register(program: Command, ctx: CommandContext): void {
  program
    .command('diff')
    .description('what changed in the threat models between two git revisions (HEAD: the working tree by default)')
    .argument('<BASE>', 'git revision to compare from (branch, tag, commit)')
    .argument('[HEAD]', 'git revision to compare to (default: the working tree); a directory here is taken as MODEL_DIR')
    .argument('[MODEL_DIR]', 'model directory (default: config "models", else ./models)')
    .option('-f, --format <format>', `output format: ${DIFF_FORMATS.join(', ')}`, 'md')
    .option('-o, --output <file>', 'write to FILE instead of stdout')
    .option('-c, --config <file>', 'config file (default: threatdoc.config.yaml when present)')
    .option(...NO_CACHE_FLAG)
    .action(async (base: string, second: string | undefined, third: string | undefined, flags: DiffFlags) => {
      ctx.setExit(await runDiff(ctx.io, base, second, third, flags));
    });
}

/**
 * The models on one side of the diff. Empty: the directory is missing there or holds no
 * model file, so everything on the other side counts as added or removed.
 */
type SideModels = { readonly empty: true } | { readonly empty: false; readonly workspace: Workspace; readonly errors: number };
const NO_MODELS: SideModels = { empty: true };

async function runDiff(io: Io, baseName: string, second: string | undefined, third: string | undefined, flags: DiffFlags): Promise<number> {
  if (!isDiffFormat(flags.format)) throw new UsageError(`unknown --format "${flags.format}" (choose one of: ${DIFF_FORMATS.join(', ')})`);
  const format = flags.format;
  const git = await import('../../diff/git.js');
  const { readConfig, checkDir, holdsNoModels, printErrors, refuseFile, writeOutput } = await import('../shared.js');
  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof git.GitError) throw new UsageError(error.message);
      throw error;
    }
  };

  const repo = await guard(() => git.openRepository(io.cwd));
  const base = await guard(() => git.resolveRevision(repo, baseName));
  const { headName, modelArg } = await guard(() => splitArguments(repo, second, third, git.isRevision));
  const head = headName === undefined ? null : await guard(() => git.resolveRevision(repo, headName));
  const config = await readConfig(io, flags.config);
  const modelDir = modelArg ?? config.models;
  // Before any revision is read: a snapshot of a file would be one file, as for report.
  await refuseFile(modelDir, io.cwd);

  const { loadCatalogIndex } = await import('../../d3fend/catalog.js');
  const catalog = loadCatalogIndex();
  const { withParseCache } = await import('../cache.js');
  const atRevision = async (revision: Revision, memo: ParseMemo | undefined): Promise<SideModels> => {
    const snapshot = await guard(() => git.snapshotAt(repo, revision, io.cwd, modelDir));
    try {
      if (snapshot.files === 0) return NO_MODELS;
      const result = await checkDir(snapshot.modelDir, snapshot.cwd, catalog, memo);
      if (holdsNoModels(result)) return NO_MODELS;
      if (result.errors.length > 0) {
        io.stderr(`threatdoc: the models at ${revision.name} have errors:\n`);
        await printErrors(io, result);
      }
      return { empty: false, workspace: result.workspace, errors: result.errors.length };
    } finally {
      await snapshot.dispose();
    }
  };
  const atWorkingTree = async (memo: ParseMemo | undefined): Promise<SideModels> => {
    // A change that deletes the model directory, or every model file in it, removes everything.
    const { existsSync } = await import('node:fs');
    const { resolve } = await import('node:path');
    if (!existsSync(resolve(io.cwd, modelDir))) return NO_MODELS;
    const result = await checkDir(modelDir, io.cwd, catalog, memo);
    if (holdsNoModels(result)) return NO_MODELS;
    if (result.errors.length > 0) await printErrors(io, result);
    return { empty: false, workspace: result.workspace, errors: result.errors.length };
  };
  // One cache for both sides: the files a change left alone are read once for the two.
  const [before, after] = await withParseCache(io, flags.cache, [modelDir], async (memo) => {
    const first = await atRevision(base, memo);
    return [first, head === null ? await atWorkingTree(memo) : await atRevision(head, memo)] as const;
  });
  if (before.empty && after.empty) {
    // Nothing to compare on either side: most likely a mistyped directory, which must not pass CI as "nothing changed".
    const [{ displayPath }, { resolve }] = await Promise.all([import('../../load/files.js'), import('node:path')]);
    const shown = displayPath(resolve(io.cwd, modelDir), io.cwd);
    throw new UsageError(`no model files under ${shown} at ${base.name} or ${head === null ? 'in the working tree' : `at ${head.name}`}; give the model directory`);
  }
  if (!after.empty && after.errors > 0) {
    io.stderr(`threatdoc: ${after.errors} error(s) in the models at ${head?.name ?? 'the working tree'}; no diff made\n`);
    return EXIT.problems;
  }
  if (!before.empty && before.errors > 0) {
    // The base is history: its errors are shown, and what did resolve is compared.
    io.stderr(`threatdoc: warning: ${before.errors} error(s) in the models at ${base.name}; compared what resolved\n`);
  }

  const [{ analyzeCoverage }, { diffWorkspaces }, { formatDiff }] = await Promise.all([
    import('../../analyze/coverage.js'),
    import('../../diff/compare.js'),
    import('../../diff/format.js'),
  ]);
  const side = (workspace: Workspace) => ({ workspace, coverage: analyzeCoverage(workspace, catalog) });
  const workspaceOf = (models: SideModels): Workspace => (models.empty ? { root: modelDir, models: [], libraries: [] } : models.workspace);
  const diff = diffWorkspaces(side(workspaceOf(before)), side(workspaceOf(after)));
  const text = formatDiff(format, diff, { base: { name: base.name, commit: base.commit }, head: head === null ? null : { name: head.name, commit: head.commit } });
  if (flags.output === undefined) io.stdout(text);
  else await writeOutput(io, flags.output, text);
  return EXIT.ok;
}

/**
 * `diff BASE X`: X is HEAD when git knows it as a revision, else the model directory.
 * `diff BASE X Y`: X is HEAD and Y the model directory.
 */
async function splitArguments(
  repo: Repository,
  second: string | undefined,
  third: string | undefined,
  isRevision: (repo: Repository, name: string) => Promise<boolean>,
): Promise<{ headName: string | undefined; modelArg: string | undefined }> {
  if (second === undefined) return { headName: undefined, modelArg: undefined };
  if (third !== undefined) return { headName: second, modelArg: third };
  return (await isRevision(repo, second)) ? { headName: second, modelArg: undefined } : { headName: undefined, modelArg: second };
}
