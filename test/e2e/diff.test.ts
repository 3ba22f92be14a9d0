/**
 * `threatdoc diff` through the built CLI on a temporary git repository holding two commits
 * of a model.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { diffValidator } from '../report-coverage/schemas.js';
import { SHOP } from '../report-coverage/shop-yaml.js';

/**
 * Commit 1: SHOP plus an unused mitigation "audit".
 * Commit 2: "audit" removed, threat "phishing" added without mitigation.
 * Coverage: 1 of 3 covered (33.33 %) → 1 of 4 (25 %); phishing is a new open threat.
 */
const AUDIT = `  - id: audit
    title: Audit log of order changes
    d3fend: [D3-FIM]
    status: implemented
`;
const PHISHING = `  - id: phishing
    title: Phishing of shop admins
    risk: { impact: high, likelihood: high }
`;
const withAudit = SHOP.replace('threats:\n', `${AUDIT}threats:\n`);
const withPhishing = SHOP.replace('sections:\n', `${PHISHING}sections:\n`);

let repo = '';
let first = '';
let empty = '';
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();

beforeAll(async () => {
  repo = await mkdtemp(join(tmpdir(), 'threatdoc-diff-e2e-'));
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'test@example.invalid');
  git('config', 'user.name', 'Test');
  await writeFile(join(repo, 'README'), 'no models yet\n');
  git('add', '.');
  git('commit', '-q', '-m', 'start');
  empty = git('rev-parse', 'HEAD');
  await mkdir(join(repo, 'models'));
  await writeFile(join(repo, 'models/shop.yaml'), withAudit);
  git('add', '.');
  git('commit', '-q', '-m', 'shop model');
  first = git('rev-parse', 'HEAD');
  await writeFile(join(repo, 'models/shop.yaml'), withPhishing);
  git('commit', '-q', '-am', 'phishing; audit dropped');
});
afterAll(async () => {
  await rm(repo, { recursive: true, force: true });
});

const diff = (...args: string[]) => runCli(['diff', ...args], { cwd: repo });

describe('threatdoc diff', () => {
  it('reports exactly the added threat, the removed mitigation and the coverage change (JSON)', async () => {
    const run = await diff('HEAD~1', 'HEAD', 'models', '--format', 'json');
    expect(run.stderr).toBe('');
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.base).toEqual({ revision: 'HEAD~1', commit: first });
    expect(json.threats).toEqual({ added: [{ id: 'phishing', title: 'Phishing of shop admins', model: 'shop' }], removed: [], changed: [] });
    expect(json.mitigations).toEqual({ added: [], removed: [{ id: 'audit', title: 'Audit log of order changes' }], changed: [] });
    expect(json.assets).toEqual({ added: [], removed: [], changed: [] });
    expect(json.models).toEqual({ added: [], removed: [], changed: [] });
    expect(json.statusChanges).toEqual([]);
    expect([json.coverage.before.percent, json.coverage.after.percent]).toEqual([33.33, 25]);
    expect(json.newOpenThreats.map((t: { id: string }) => t.id)).toEqual(['phishing']);
  });

  it('says the same in Markdown for a pull-request comment', async () => {
    const run = await diff('HEAD~1', 'HEAD');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Coverage: **33.3 % → 25 %** (−8.3 points); covered threats 1 of 3 → 1 of 4.');
    expect(run.stdout).toContain('## New open threats\n\n- Phishing of shop admins (`shop`/`phishing`, critical risk, new)');
    expect(run.stdout).toContain('## Threats\n\n- added: Phishing of shop admins (`shop`/`phishing`)\n');
    expect(run.stdout).toContain('## Mitigations\n\n- removed: Audit log of order changes (`audit`)\n');
  });

  it('compares against the working tree by default', async () => {
    await writeFile(join(repo, 'models/shop.yaml'), withPhishing.replace('status: planned', 'status: implemented'));
    try {
      const run = await diff('HEAD', '--format', 'json');
      expect(run.code, run.stderr).toBe(0);
      const json = JSON.parse(run.stdout);
      expect(json.head).toBeNull();
      expect(json.statusChanges).toEqual([{ id: 'waf', title: 'Web application firewall', before: 'planned', after: 'implemented' }]);
      expect(json.coverage.after.covered).toBe(2);
    } finally {
      git('checkout', '--', 'models/shop.yaml');
    }
  });

  it('writes JSON that schema/model-diff.schema.json accepts, for every kind of change', async () => {
    // From commit 1 to a working tree that, besides commit 2's changes (audit removed,
    // phishing added), retitles the model, renames the asset, adds an agent, makes waf
    // implemented and takes tls off eavesdrop (covered → open).
    const edited = withPhishing
      .replace('title: Web shop', 'title: Web shop (v2)')
      .replace('mitigations:\n', 'agents:\n  - id: insider\n    name: Insider\nmitigations:\n')
      .replace('name: Orders', 'name: Customer orders')
      .replace('status: planned', 'status: implemented')
      .replace('    mitigations: [tls]\n', '');
    await writeFile(join(repo, 'models/shop.yaml'), edited);
    try {
      const validate = diffValidator();
      const run = await diff('HEAD~1', '--format', 'json');
      expect(run.code, run.stderr).toBe(0);
      const json = JSON.parse(run.stdout);
      expect(validate(json), JSON.stringify(validate.errors, null, 1)).toBe(true);
      // Each part of the diff has something in it, so the schema was checked against all of them.
      expect(json.head).toBeNull();
      expect(json.models.changed).toEqual([{ id: 'shop', title: 'Web shop (v2)', fields: [{ field: 'title', before: 'Web shop', after: 'Web shop (v2)' }] }]);
      expect(json.threats.added.map((t: { id: string }) => t.id)).toEqual(['phishing']);
      expect(json.threats.changed.map((t: { id: string }) => t.id)).toEqual(['eavesdrop']);
      expect(json.mitigations.removed.map((m: { id: string }) => m.id)).toEqual(['audit']);
      expect(json.assets.changed.map((a: { id: string }) => a.id)).toEqual(['orders']);
      expect(json.agents.added).toEqual([{ id: 'insider', title: 'Insider' }]);
      expect(json.statusChanges).toEqual([{ id: 'waf', title: 'Web application firewall', before: 'planned', after: 'implemented' }]);
      expect(json.coverage.models).toHaveLength(1);
      expect([json.coverage.before.covered, json.coverage.after.covered]).toEqual([1, 1]);
      expect([json.coverage.before.partial, json.coverage.after.partial]).toEqual([1, 0]);
      expect(json.newOpenThreats.map((t: { id: string; before: string | null }) => [t.id, t.before])).toEqual([
        ['eavesdrop', 'covered'],
        ['phishing', null],
      ]);
      // Between two commits, head is an object: accepted too.
      const committed = await diff('HEAD~1', 'HEAD', 'models', '--format', 'json');
      expect(committed.code, committed.stderr).toBe(0);
      const between = JSON.parse(committed.stdout);
      expect(validate(between), JSON.stringify(validate.errors, null, 1)).toBe(true);
      // The schema refuses an undocumented key and another format's name.
      expect(validate({ ...json, extra: true })).toBe(false);
      expect(validate({ ...json, format: 'threatdoc-coverage' })).toBe(false);
    } finally {
      git('checkout', '--', 'models/shop.yaml');
    }
  });

  it('counts everything as added when the model directory did not exist at BASE', async () => {
    const run = await diff(empty, 'HEAD', 'models', '--format', 'json');
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.models.added.map((m: { id: string }) => m.id)).toEqual(['shop']);
    expect(json.threats.added.map((t: { id: string }) => t.id)).toEqual(['dos', 'eavesdrop', 'injection', 'phishing']);
    expect(json.coverage.before.percent).toBeNull();
  });

  it('refuses a model directory that exists at neither revision, so a typo cannot pass', async () => {
    const run = await diff(empty, 'HEAD', 'no-such-dir', '--format', 'json');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`threatdoc: no model files under no-such-dir at ${empty} or at HEAD; give the model directory\n`);
  });

  it('takes a directory in place of HEAD, from a subdirectory of the repository', async () => {
    const run = await runCli(['diff', first, '.', '--format', 'json'], { cwd: join(repo, 'models') });
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.head).toBeNull();
    expect(json.threats.added.map((t: { id: string }) => t.id)).toEqual(['phishing']);
  });

  it('counts everything as removed when the working tree deletes the model directory', async () => {
    await rm(join(repo, 'models'), { recursive: true });
    try {
      const run = await diff('HEAD', 'models', '--format', 'json');
      expect(run.code, run.stderr).toBe(0);
      const json = JSON.parse(run.stdout);
      expect(json.models.removed.map((m: { id: string }) => m.id)).toEqual(['shop']);
      expect(json.coverage.after.percent).toBeNull();
      const nowhere = await diff('HEAD', 'no-such-dir');
      expect(nowhere.code).toBe(2);
    } finally {
      git('checkout', '--', 'models');
    }
  });

  it('refuses a model file as report does, in the working tree or only at a revision', async () => {
    const refusal = 'threatdoc: models/shop.yaml is a file; give the model directory that holds it (only validate checks single files)\n';
    for (const args of [['HEAD', 'models/shop.yaml'], ['HEAD~1', 'HEAD', 'models/shop.yaml']]) {
      const run = await diff(...args);
      expect([run.code, run.stderr, run.stdout]).toEqual([2, refusal, '']);
    }
    // Gone from the working tree, the path is still a file at both revisions.
    await rm(join(repo, 'models/shop.yaml'));
    try {
      const run = await diff('HEAD~1', 'HEAD', 'models/shop.yaml');
      expect(run.code).toBe(2);
      expect(run.stderr).toBe('threatdoc: models/shop.yaml is a file at HEAD~1; give the model directory that holds it (only validate checks single files)\n');
    } finally {
      git('checkout', '--', 'models/shop.yaml');
    }
  });

  it('counts everything as removed when the working tree keeps the directory but no model file', async () => {
    // README first: git rm would remove the directory it empties.
    await writeFile(join(repo, 'models/README.md'), '# docs\n');
    git('rm', '-q', 'models/shop.yaml');
    try {
      const run = await diff('HEAD', '--format', 'json');
      expect(run.code, run.stderr).toBe(0);
      const json = JSON.parse(run.stdout);
      expect(json.models.removed.map((m: { id: string }) => m.id)).toEqual(['shop']);
      expect(json.threats.removed.map((t: { id: string }) => t.id)).toEqual(['dos', 'eavesdrop', 'injection', 'phishing']);
      expect(json.coverage.after.percent).toBeNull();
      // No model file at the base either: nothing to compare, as for a directory at neither revision.
      const neither = await diff(empty);
      expect(neither.code).toBe(2);
      expect(neither.stderr).toBe(`threatdoc: no model files under models at ${empty} or in the working tree; give the model directory\n`);
    } finally {
      await rm(join(repo, 'models/README.md'));
      git('checkout', 'HEAD', '--', 'models/shop.yaml');
    }
  });

  it('prints the errors of the models at HEAD and exits 1', async () => {
    await writeFile(join(repo, 'models/shop.yaml'), withPhishing.replace('mitigations: [tls]', 'mitigations: [tsl]'));
    try {
      const run = await diff('HEAD~1');
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/models\/shop\.yaml:\d+:\d+ error unknown-mitigation/);
    } finally {
      git('checkout', '--', 'models/shop.yaml');
    }
  });

  it('gives one clear line for a bad revision or outside a repository', async () => {
    const bad = await diff('no-such-branch');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`threatdoc: unknown revision "no-such-branch" (not a commit, branch or tag of ${repo})\n`);
    const outside = await mkdtemp(join(tmpdir(), 'threatdoc-nogit-'));
    try {
      const run = await runCli(['diff', 'HEAD'], { cwd: outside });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^threatdoc: .* is not inside a git repository/);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});

describe('threatdoc diff with a model file committed as a link', () => {
  // Commit 1: models/own.yaml and shared/shop.yaml; commit 2: models/shop.yaml → ../shared/shop.yaml.
  let linked = '';
  const gitIn = (...args: string[]) => execFileSync('git', args, { cwd: linked, encoding: 'utf8' }).trim();
  const diffIn = (...args: string[]) => runCli(['diff', ...args, '--format', 'json'], { cwd: linked });

  beforeAll(async () => {
    linked = await mkdtemp(join(tmpdir(), 'threatdoc-diff-links-'));
    gitIn('init', '-q', '-b', 'main');
    gitIn('config', 'user.email', 'test@example.invalid');
    gitIn('config', 'user.name', 'Test');
    await mkdir(join(linked, 'models'));
    await mkdir(join(linked, 'shared'));
    await writeFile(join(linked, 'models/own.yaml'), 'threatdoc: 1\nid: own\ntitle: Own model\nstatus: draft\n');
    await writeFile(join(linked, 'shared/shop.yaml'), SHOP);
    gitIn('add', '.');
    gitIn('commit', '-q', '-m', 'own model');
    await symlink('../shared/shop.yaml', join(linked, 'models/shop.yaml'));
    gitIn('add', '.');
    gitIn('commit', '-q', '-m', 'shop model, linked');
  });
  afterAll(async () => {
    await rm(linked, { recursive: true, force: true });
  });

  it('reads the linked model at the revision as the working tree does', async () => {
    const run = await diffIn('HEAD');
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout);
    for (const kind of ['models', 'threats', 'mitigations', 'assets']) expect(json[kind], kind).toEqual({ added: [], removed: [], changed: [] });
  });

  it('shows the linked model as added by the commit that added the link', async () => {
    const run = await diffIn('HEAD~1', 'HEAD');
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).models.added).toEqual([{ id: 'shop', title: 'Web shop' }]);
  });
});
