/**
 * Reading a model directory as it was at a git revision. The diff's load step: the files are
 * listed with `git ls-tree` and read with `git cat-file`, then written under a temporary
 * directory at the same repository-relative paths, so the ordinary pipeline (which reads
 * paths) checks them and reports the same file names as for the working tree. A model file
 * committed as a symbolic link is copied from the file it leads to, as the working tree reads it,
 * and once: a second link to the same file is dropped, as the working tree reads such a file once.
 * git runs through execFile with an argument list: no shell, so revisions cannot inject commands.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { compareText } from '../core/order.js';
import { displayPath, fileRefusal } from '../load/files.js';

/** A problem with the repository or a revision: one line for the user, no stack. */
export class GitError extends Error {
  override readonly name = 'GitError';
}

const MAX_OUTPUT = 64 * 1024 * 1024;

/** Runs git; `input`, when given, is its whole standard input. */
function git(cwd: string, args: readonly string[], input?: string, maxBuffer = MAX_OUTPUT): Promise<Buffer> {
  return new Promise((ok, fail) => {
    const child = execFile('git', args, { cwd, encoding: 'buffer', maxBuffer }, (error, stdout, stderr) => {
      if (!error) return ok(stdout);
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return fail(new GitError('git is not installed or not on PATH'));
      const text = stderr.toString('utf8').trim().split('\n')[0] ?? '';
      fail(Object.assign(new GitError(text || error.message), { exitCode: typeof code === 'number' ? code : undefined }));
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

export interface Repository {
  /** Absolute path of the work tree's top directory. */
  readonly root: string;
}

export async function openRepository(cwd: string): Promise<Repository> {
  try {
    const out = await git(cwd, ['rev-parse', '--show-toplevel']);
    return { root: resolve(out.toString('utf8').trim()) };
  } catch (error) {
    if (error instanceof GitError && /not a git repository/i.test(error.message)) {
      throw new GitError(`${cwd} is not inside a git repository (threatdoc diff compares git revisions)`);
    }
    throw error;
  }
}

export interface Revision {
  /** As the user wrote it. */
  readonly name: string;
  readonly commit: string;
}

/** The commit a revision names, or a clear error for a name git does not know. */
export async function resolveRevision(repo: Repository, name: string): Promise<Revision> {
  // A leading "-" would be read as an option by git.
  if (name.startsWith('-')) throw new GitError(`"${name}" is not a revision`);
  try {
    const out = await git(repo.root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${name}^{commit}`]);
    return { name, commit: out.toString('utf8').trim() };
  } catch (error) {
    if (error instanceof GitError) throw new GitError(`unknown revision "${name}" (not a commit, branch or tag of ${repo.root})`);
    throw error;
  }
}

export async function isRevision(repo: Repository, name: string): Promise<boolean> {
  return resolveRevision(repo, name).then(
    () => true,
    () => false,
  );
}

export interface Snapshot {
  /** Directory to run the pipeline in (stands for the user's working directory). */
  readonly cwd: string;
  /** The model directory inside the snapshot. */
  readonly modelDir: string;
  /** How many model files the revision holds under the directory (0: the directory did not exist). */
  readonly files: number;
  /** Removes the temporary copy. */
  dispose(): Promise<void>;
}

const MODEL_FILE = /\.ya?ml$/i;
/** git's mode for a symbolic link: a blob whose content is the link's text. */
const LINK_MODE = '120000';

interface TreeEntry {
  readonly mode: string;
  readonly type: string;
  readonly object: string;
  readonly path: string;
}

/** Files (not directories) under `gitPath` at `commit`, all the way down. */
async function listTree(repo: Repository, commit: string, gitPath: string): Promise<TreeEntry[]> {
  const listing = await git(repo.root, ['ls-tree', '-r', '-z', '--full-tree', commit, '--', gitPath === '' ? '.' : gitPath]);
  // Entries: "<mode> <type> <object>\t<path>\0".
  return listing
    .toString('utf8')
    .split('\0')
    .filter((e) => e !== '')
    .map((entry) => {
      const tab = entry.indexOf('\t');
      const [mode = '', type = '', object = ''] = entry.slice(0, tab).split(' ');
      return { mode, type, object, path: entry.slice(tab + 1) };
    });
}

/** A blob to copy into the snapshot, at the path the model reader will see. */
interface BlobAt {
  readonly path: string;
  readonly object: string;
}

/**
 * The blobs model-named links lead to at `commit`, each copied at the link's own path: the
 * working tree's reader (load/files.ts walk) follows a link to a file. git does the resolving,
 * in one process for all links: link text relative to the link's directory, links in any
 * component of the path, at most 40 links in a chain, never out of the commit's tree.
 * Skipped: links to a directory, as the walk skips them; links that lead nowhere at the
 * commit (dangling, a loop, through a file), which the walk reports as unreadable, since a
 * revision is history to compare with rather than to fix; and links out of the repository
 * (absolute, or with too many ".."), which the walk follows, but which lead to no part of the
 * revision, so a diff against the working tree lists such a model as added.
 */
async function followLinks(repo: Repository, commit: string, links: readonly TreeEntry[]): Promise<BlobAt[]> {
  // One name a line: a path with a line break cannot be asked for, so such a link is skipped.
  const asked = links.filter((l) => !l.path.includes('\n'));
  if (asked.length === 0) return [];
  const names = asked.map((l) => `${commit}:${l.path}\n`).join('');
  const found = parseBatchCheck(await git(repo.root, ['cat-file', '--batch-check', '--follow-symlinks'], names));
  // One answer a name, or no answer can be matched to its link.
  if (found.length !== asked.length) throw new GitError(`git cat-file gave ${found.length} answers for ${asked.length} links at ${commit}`);
  return asked.flatMap((link, i) => {
    const object = found[i];
    return object ? [{ path: link.path, object }] : [];
  });
}

/**
 * The working tree's reader reads a file reached by several names once, under the file's own
 * name or else the first link's (load/files.ts). At a revision, a link is known by the blob
 * it leads to, so a link leading to a blob already taken is dropped: files come first, then
 * links in name order. Two distinct files with the same bytes are both kept, being no links.
 */
function onceEach(files: readonly BlobAt[], links: readonly BlobAt[]): BlobAt[] {
  const taken = new Set(files.map((f) => f.object));
  const kept = [...files];
  for (const link of [...links].sort((a, b) => compareText(a.path, b.path))) {
    if (taken.has(link.object)) continue;
    taken.add(link.object);
    kept.push(link);
  }
  return kept;
}

/** "<object> <type> <size>": a name resolved to an object. */
const FOUND = /^([0-9a-f]{40}|[0-9a-f]{64}) ([a-z]+) (\d+)$/;
/** Answers of --follow-symlinks that carry a second line: "<word> <size>\n<size bytes>\n". */
const UNRESOLVED = new Set(['symlink', 'dangling', 'loop', 'notdir']);

/**
 * The blob found for each name asked of `cat-file --batch-check --follow-symlinks`, in order;
 * null where git found nothing, a directory, or a link out of the tree.
 */
function parseBatchCheck(out: Buffer): (string | null)[] {
  const found: (string | null)[] = [];
  let at = 0;
  while (at < out.length) {
    const end = out.indexOf(0x0a, at);
    const header = out.toString('utf8', at, end < 0 ? out.length : end);
    at = end < 0 ? out.length : end + 1;
    const [word = '', size = ''] = header.split(' ');
    if (UNRESOLVED.has(word)) {
      // Sized in bytes, so a second line holding a line break is skipped whole.
      at += Number(size) + 1;
      found.push(null);
      continue;
    }
    const match = FOUND.exec(header);
    found.push(match && match[2] === 'blob' ? (match[1] ?? null) : null);
  }
  return found;
}

/** Blobs read per git process: one process per file made a diff of 200 models start 400. */
const BLOBS_PER_BATCH = 200;

/**
 * The contents of `objects`, in order, read by `git cat-file --batch` (a header
 * "<object> <type> <size>" then exactly <size> bytes and a line feed per object).
 */
async function readBlobs(repo: Repository, objects: readonly string[]): Promise<Buffer[]> {
  const contents: Buffer[] = [];
  for (let from = 0; from < objects.length; from += BLOBS_PER_BATCH) {
    const batch = objects.slice(from, from + BLOBS_PER_BATCH);
    const out = await git(repo.root, ['cat-file', '--batch'], batch.map((o) => `${o}\n`).join(''), MAX_OUTPUT * batch.length);
    let at = 0;
    for (const object of batch) {
      const end = out.indexOf(0x0a, at);
      const match = FOUND.exec(out.toString('utf8', at, end < 0 ? out.length : end));
      if (end < 0 || !match || match[1] !== object) throw new GitError(`git cat-file gave no contents for ${object}`);
      const size = Number(match[3]);
      contents.push(out.subarray(end + 1, end + 1 + size));
      at = end + 1 + size + 1;
    }
  }
  return contents;
}

/** The working-tree refusal (cli/shared.ts refuseFile), at the revision. */
function notADirectory(shown: string, revision: string, entry: TreeEntry): string {
  if (entry.type === 'blob' && entry.mode !== LINK_MODE) return fileRefusal(shown, revision);
  return `${shown} is not a directory at ${revision} (a ${entry.mode === LINK_MODE ? 'symbolic link' : 'submodule'}); give the model directory itself`;
}

/**
 * Copies the *.yaml/*.yml files under `modelDir` (a path as the user gave it, relative to
 * `cwd`) at `revision` into a fresh temporary directory.
 */
export async function snapshotAt(repo: Repository, revision: Revision, cwd: string, modelDir: string): Promise<Snapshot> {
  const absolute = resolve(cwd, modelDir);
  const inRepo = relative(repo.root, absolute);
  if (inRepo.startsWith('..') || resolve(repo.root, inRepo) !== absolute) {
    throw new GitError(`${modelDir} is outside the git repository ${repo.root}`);
  }
  const gitPath = inRepo.split(sep).join('/');
  const entries = await listTree(repo, revision.commit, gitPath);
  // ls-tree -r lists no directories: an entry at the path itself means the path is not one.
  const itself = entries.find((e) => e.path === gitPath);
  if (itself) throw new GitError(notADirectory(displayPath(absolute, cwd), revision.name, itself));
  const models = entries.filter((e) => e.type === 'blob' && MODEL_FILE.test(e.path));
  const links = models.filter((e) => e.mode === LINK_MODE);
  const blobs = onceEach(
    models.filter((e) => e.mode !== LINK_MODE),
    await followLinks(repo, revision.commit, links),
  );

  const root = await mkdtemp(join(tmpdir(), 'threatdoc-diff-'));
  const dispose = (): Promise<void> => rm(root, { recursive: true, force: true });
  try {
    const contents = await readBlobs(repo, blobs.map((b) => b.object));
    for (const [i, blob] of blobs.entries()) {
      const target = join(root, ...blob.path.split('/'));
      // ls-tree paths come from the repository; refuse anything that would leave the copy.
      if (relative(root, target).startsWith('..')) throw new GitError(`refusing path ${blob.path} from ${revision.name}`);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, contents[i] as Buffer);
    }
    await mkdir(join(root, inRepo), { recursive: true });
  } catch (error) {
    await dispose();
    throw error;
  }
  const snapshotCwd = join(root, relative(repo.root, resolve(cwd)));
  return { cwd: snapshotCwd, modelDir: join(root, inRepo), files: blobs.length, dispose };
}
