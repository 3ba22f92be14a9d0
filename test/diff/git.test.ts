import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitError, openRepository, resolveRevision, snapshotAt } from '../../src/diff/git.js';

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
