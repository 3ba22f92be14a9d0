import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitError, openRepository, resolveRevision, snapshotAt } from '../../src/diff/git.js';
import { readModelFiles } from '../../src/load/files.js';

let repo = '';
let outside = '';
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'threatdoc-git-'));
  outside = mkdtempSync(join(tmpdir(), 'threatdoc-nogit-'));
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'test@example.invalid');
  git('config', 'user.name', 'Test');
  mkdirSync(join(repo, 'models/sub'), { recursive: true });
  writeFileSync(join(repo, 'models/a.yaml'), 'first: 1\n');
  writeFileSync(join(repo, 'models/notes.txt'), 'not a model\n');
  git('add', '.');
  git('commit', '-q', '-m', 'one');
  writeFileSync(join(repo, 'models/a.yaml'), 'second: 2\n');
  writeFileSync(join(repo, 'models/sub/b.yml'), 'b: 1\n');
  symlinkSync('models', join(repo, 'linked'));
  git('add', '.');
  git('commit', '-q', '-m', 'two');
  git('tag', 'v2');
});

afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('git snapshots', () => {
  it('copies the model files of a revision at their repository paths', async () => {
    const r = await openRepository(join(repo, 'models'));
    const first = await snapshotAt(r, await resolveRevision(r, 'HEAD~1'), repo, 'models');
    const second = await snapshotAt(r, await resolveRevision(r, 'v2'), join(repo, 'models'), '.');
    try {
      expect(first.files).toBe(1); // notes.txt is not a model file
      expect(readFileSync(join(first.modelDir, 'a.yaml'), 'utf8')).toBe('first: 1\n');
      expect(existsSync(join(first.modelDir, 'notes.txt'))).toBe(false);
      expect(second.files).toBe(2);
      expect(readFileSync(join(second.modelDir, 'sub/b.yml'), 'utf8')).toBe('b: 1\n');
      // The snapshot's cwd stands for the user's: models/ is at the same relative place.
      expect(join(second.cwd, '.')).toBe(second.modelDir);
    } finally {
      await first.dispose();
      await second.dispose();
    }
    expect(existsSync(first.modelDir)).toBe(false);
  });

  it('treats a directory absent at the revision as empty', async () => {
    const r = await openRepository(repo);
    const snap = await snapshotAt(r, await resolveRevision(r, 'HEAD~1'), repo, 'models/sub');
    expect(snap.files).toBe(0);
    await snap.dispose();
  });

  it('refuses a path that is a file or a link at the revision', async () => {
    const r = await openRepository(repo);
    const rev = await resolveRevision(r, 'HEAD');
    await expect(snapshotAt(r, rev, repo, 'models/a.yaml')).rejects.toThrow(new GitError('models/a.yaml is a file at HEAD; give the model directory that holds it (only validate checks single files)'));
    await expect(snapshotAt(r, rev, join(repo, 'models'), 'a.yaml')).rejects.toThrow(/^a\.yaml is a file at HEAD;/);
    // An absolute path (as the config gives) is named as the working-tree refusal names it.
    await expect(snapshotAt(r, rev, repo, join(repo, 'models/a.yaml'))).rejects.toThrow(/^models\/a\.yaml is a file at HEAD;/);
    await expect(snapshotAt(r, rev, repo, 'linked')).rejects.toThrow(new GitError('linked is not a directory at HEAD (a symbolic link); give the model directory itself'));
  });

  it('says clearly when a revision is unknown or the directory is not a repository', async () => {
    const r = await openRepository(repo);
    await expect(resolveRevision(r, 'no-such-branch')).rejects.toThrow(/unknown revision "no-such-branch"/);
    await expect(resolveRevision(r, '--output=/tmp/x')).rejects.toThrow(GitError);
    await expect(openRepository(outside)).rejects.toThrow(/not inside a git repository/);
  });
});

/**
 * Links committed under models/, each named as a model file:
 *   s.yaml       → ../shared/s.yaml               a file elsewhere in the repository
 *   chain.yaml   → ../links/hop.yml → ../shared/t.yaml   a chain of two links
 *   via.yaml     → ../alias/s.yaml, alias → shared      through a linked directory
 *   dangling.yaml → ../nowhere.yaml; loop.yaml → loop.yaml; dir.yaml → ../shared;
 *   notdir.yaml → own.yaml/x
 *   outside.yaml → a file beside the repository; absolute.yaml → the same by absolute path
 */
describe('git snapshots of linked model files', () => {
  let linked = '';
  let beside = '';
  const gitIn = (...args: string[]) => execFileSync('git', args, { cwd: linked, encoding: 'utf8' });
  const link = (target: string, path: string) => symlinkSync(target, join(linked, path));

  beforeAll(() => {
    linked = mkdtempSync(join(tmpdir(), 'threatdoc-git-links-'));
    beside = mkdtempSync(join(tmpdir(), 'threatdoc-beside-'));
    writeFileSync(join(beside, 'o.yaml'), 'outside: 1\n');
    gitIn('init', '-q', '-b', 'main');
    gitIn('config', 'user.email', 'test@example.invalid');
    gitIn('config', 'user.name', 'Test');
    for (const dir of ['models', 'shared', 'links']) mkdirSync(join(linked, dir));
    writeFileSync(join(linked, 'models/own.yaml'), 'own: 1\n');
    writeFileSync(join(linked, 'shared/s.yaml'), 's: 1\n');
    writeFileSync(join(linked, 'shared/t.yaml'), 't: 1\n');
    link('../shared/t.yaml', 'links/hop.yml');
    link('shared', 'alias');
    link('../shared/s.yaml', 'models/s.yaml');
    link('../links/hop.yml', 'models/chain.yaml');
    link('../alias/s.yaml', 'models/via.yaml');
    link('../nowhere.yaml', 'models/dangling.yaml');
    link('loop.yaml', 'models/loop.yaml');
    link('../shared', 'models/dir.yaml');
    link('own.yaml/x', 'models/notdir.yaml');
    link(join('..', relative(linked, beside), 'o.yaml'), 'models/outside.yaml');
    link(join(beside, 'o.yaml'), 'models/absolute.yaml');
    gitIn('add', '.');
    gitIn('commit', '-q', '-m', 'links');
  });

  afterAll(() => {
    rmSync(linked, { recursive: true, force: true });
    rmSync(beside, { recursive: true, force: true });
  });

  const read = async (dir: string, cwd: string) => (await readModelFiles([dir], cwd)).value.map((s) => [s.file, s.text]);

  it('copies the file a link leads to at the revision, at the link’s path', async () => {
    const r = await openRepository(linked);
    const snap = await snapshotAt(r, await resolveRevision(r, 'HEAD'), linked, 'models');
    try {
      expect(await read('models', snap.cwd)).toEqual([
        ['models/chain.yaml', 't: 1\n'],
        ['models/own.yaml', 'own: 1\n'],
        ['models/s.yaml', 's: 1\n'],
      ]);
      // via.yaml leads to the same file as s.yaml: read once, as in the working tree.
      expect(snap.files).toBe(3);
    } finally {
      await snap.dispose();
    }
  });

  it('reads what the working tree reads, except a link that leaves the repository', async () => {
    // The working tree follows a link out of the repository; what it leads to is no part of
    // the revision, so at the revision such a link is skipped (and a diff against the
    // working tree lists its model as added). Links to a directory are skipped on both
    // sides; dangling links and loops at the revision, while the working tree reports them.
    const r = await openRepository(linked);
    const snap = await snapshotAt(r, await resolveRevision(r, 'HEAD'), linked, 'models');
    try {
      // outside.yaml leads to the same file as absolute.yaml, which the working tree reads once.
      const outside = [['models/absolute.yaml', 'outside: 1\n']];
      const inTree = Object.fromEntries(await read('models', linked));
      expect(inTree).toEqual(Object.fromEntries([...outside, ...(await read('models', snap.cwd))]));
    } finally {
      await snap.dispose();
    }
  });
});
