/**
 * `threatdoc report` through the built CLI (npm run build first): gates and exit codes, and
 * every format's output checked by a real consumer (XML parser, SARIF schema, markdownlint,
 * our JSON schema).
 */
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { markdownlint } from '../report-coverage/lint.js';
import { coverageValidator, sarifValidator } from '../report-coverage/schemas.js';

import { countedYaml } from '../report-coverage/counted-yaml.js';
import { SHOP } from '../report-coverage/shop-yaml.js';

let dir = '';
const models = () => join(dir, 'models');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'threatdoc-report-'));
  await mkdir(models());
  await writeFile(join(models(), 'shop.yaml'), SHOP);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const report = (...args: string[]) => runCli(['report', 'models', ...args], { cwd: dir });

/** A model directory of `dir` holding countedYaml(covered, open); returns its name. */
async function countedModels(covered: number, open: number): Promise<string> {
  const name = `counted-${covered}-of-${covered + open}`;
  await mkdir(join(dir, name), { recursive: true });
  await writeFile(join(dir, name, 'counted.yaml'), countedYaml(covered, open));
  return name;
}

describe('threatdoc report gates', () => {
  it('fails under 100 % and passes at 0 %', async () => {
    const all = await report('--fail-under', '100');
    expect(all.code).toBe(1);
    expect(all.stderr).toContain('gate fail-under failed: coverage 33.3% (1 of 3 threats covered) is under the required 100%');
    const zero = await report('--fail-under', '0');
    expect(zero.stderr).toBe('');
    expect(zero.code).toBe(0);
  });

  it('takes --fail-under as a plain decimal from 0 to 100, as the config takes failUnder', async () => {
    for (const value of ['0x10', '+20', '.5', '5.', '1e1', ' 5', '50%', '-1', '101', '100.5', 'Infinity', '']) {
      const run = await report('--fail-under', value);
      expect(run.code, value).toBe(2);
      expect(run.stderr, value).toBe(`threatdoc: --fail-under must be a number from 0 to 100 (got "${value}")\n`);
    }
    for (const value of ['0', '33', '33.3', '007']) expect((await report('--fail-under', value)).code, value).toBe(0);
    await writeFile(join(dir, 'threatdoc.config.yaml'), 'report:\n  failUnder: 150\n');
    try {
      const config = await report();
      expect(config.code).toBe(2);
      expect(config.stderr).toMatch(/report\.failUnder must be a number from 0 to 100\n$/);
    } finally {
      await rm(join(dir, 'threatdoc.config.yaml'));
    }
  });

  it('shows 6 of 11 covered as 54.5 % in the summary and in the failed gate alike', async () => {
    const run = await runCli(['report', await countedModels(6, 5), '--fail-under', '54.6'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('**54.5 %** of 11 threats covered (weighted 54.5 %)');
    expect(run.stdout).toContain('` 54.5 % | 6 | 0 | 5 | 11 |');
    expect(run.stderr).toContain('gate fail-under failed: coverage 54.5% (6 of 11 threats covered) is under the required 54.6%');
  });

  it('fails 2 of 3 covered under 66.7 % with a figure that reads below it, in words and in JSON', async () => {
    const models = await countedModels(2, 1);
    const md = await runCli(['report', models, '--fail-under', '66.7'], { cwd: dir });
    expect(md.code).toBe(1);
    expect(md.stderr).toBe('threatdoc: gate fail-under failed: coverage 66.67% (2 of 3 threats covered) is under the required 66.7%\n');
    const run = await runCli(['report', models, '--fail-under', '66.67', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout);
    const validate = coverageValidator();
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    // totals.percent is rounded (66.67); the gate compared the exact figure, which JSON gives too.
    expect(json.totals.percent).toBe(66.67);
    expect(json.gates).toMatchObject({ failUnder: 66.67, exactPercent: 200 / 3, passed: false });
    expect(json.gates.failures[0].reason).toBe('coverage 66.667% (2 of 3 threats covered) is under the required 66.67%');
  });

  it('fails on open threats of a named risk and on TBD sections', async () => {
    const high = await report('--fail-on', 'open-high');
    expect(high.code).toBe(1);
    expect(high.stderr).toContain('gate open-high failed: 1 open high threat(s): shop/dos');
    expect((await report('--fail-on', 'open-critical')).code).toBe(0); // injection is critical but partial
    const tbd = await report('--fail-on', 'tbd');
    expect(tbd.code).toBe(1);
    expect(tbd.stderr).toContain('section shop/payments');
  });

  it('takes each --fail-on condition once, in the order the gates are checked', async () => {
    const json = JSON.parse((await report('--fail-on', 'tbd,open-high,open-high,tbd,open-high', '--format', 'json')).stdout);
    expect(json.gates.failOn).toEqual(['open-high', 'tbd']);
    expect(json.gates.failures.map((f: { gate: string }) => f.gate)).toEqual(['open-high', 'tbd']);
    const passed = await runCli(['report', await countedModels(2, 1), '--fail-on', 'open-high,open-critical,open-high'], { cwd: dir });
    expect(passed.code, passed.stderr).toBe(0);
    expect(passed.stdout).toContain('## Gates passed\n\n- no `open-critical`\n- no `open-high`\n');
    await writeFile(join(dir, 'threatdoc.config.yaml'), 'report:\n  failOn: [tbd, open-low, tbd]\n');
    try {
      expect(JSON.parse((await report('--format', 'json')).stdout).gates.failOn).toEqual(['open-low', 'tbd']);
    } finally {
      await rm(join(dir, 'threatdoc.config.yaml'));
    }
  });

  it('rejects an unknown condition in the config file, naming it', async () => {
    await writeFile(join(dir, 'threatdoc.config.yaml'), 'report:\n  failOn: [open-high, open-sesame]\n');
    try {
      const run = await report();
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^threatdoc: unknown condition "open-sesame" in report\.failOn of .*threatdoc\.config\.yaml \(choose from: /);
    } finally {
      await rm(join(dir, 'threatdoc.config.yaml'));
    }
  });

  it('takes gates from the config file, flags overriding', async () => {
    await writeFile(join(dir, 'threatdoc.config.yaml'), 'report:\n  failUnder: 50\n');
    try {
      expect((await report()).code).toBe(1);
      expect((await report('--fail-under', '30')).code).toBe(0);
    } finally {
      await rm(join(dir, 'threatdoc.config.yaml'));
    }
  });

  it('rejects bad options with exit 2 and one line', async () => {
    for (const args of [['--format', 'pdf'], ['--fail-on', 'open-huge'], ['--fail-under', 'lots'], ['--profile', 'nope']]) {
      const run = await report(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n'), run.stderr).toHaveLength(1);
    }
  });

  it('prints the errors of a broken model and makes no report', async () => {
    const broken = await mkdtemp(join(tmpdir(), 'threatdoc-broken-'));
    try {
      await writeFile(join(broken, 'bad.yaml'), SHOP.replace('mitigations: [tls]', 'mitigations: [tsl]'));
      const run = await runCli(['report', '.'], { cwd: broken });
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/bad\.yaml:\d+:\d+ error unknown-mitigation/);
    } finally {
      await rm(broken, { recursive: true, force: true });
    }
  });
});

describe('threatdoc report formats', () => {
  it('md has the totals and passes markdownlint', async () => {
    const run = await report('--format', 'md', '--output', 'summary.md');
    expect(run.code, run.stderr).toBe(0);
    const md = await readFile(join(dir, 'summary.md'), 'utf8');
    expect(md).toContain('**33.3 %** of 3 threats covered (weighted 50 %): 1 covered, 1 partial, 1 open.');
    expect(md).toContain('- section Payment flows (`shop`/`payments`)');
    const lint = await markdownlint(md);
    expect(lint.code, lint.output).toBe(0);
  });

  it('json validates against the published schema', async () => {
    const run = await report('--format', 'json');
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout);
    const validate = coverageValidator();
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(json.totals).toEqual({ threats: 3, covered: 1, partial: 1, open: 1, percent: 33.33, weightedPercent: 50 });
    // injection (partial, T1190) gets suggestions from the shipped catalog, D3-ITF left out (in use).
    const injection = json.suggestions.find((s: { threat: string }) => s.threat === 'injection');
    expect(injection.techniques.length).toBeGreaterThan(0);
    expect(injection.techniques.map((t: { id: string }) => t.id)).not.toContain('D3-ITF');
  });

  it('junit parses as XML with one failure for the one open threat', async () => {
    const run = await report('--format', 'junit');
    expect(XMLValidator.validate(run.stdout)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => n === 'testcase' }).parse(run.stdout);
    const cases = doc.testsuites.testsuite.testcase as { name: string; failure?: unknown }[];
    expect(cases).toHaveLength(3);
    expect(cases.filter((c) => c.failure !== undefined).map((c) => c.name)).toEqual(['dos: Denial of service']);
  });

  it('sarif validates against SARIF 2.1.0 and points at the threat lines', async () => {
    const run = await report('--format', 'sarif');
    const log = JSON.parse(run.stdout);
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const where = log.runs[0].results.map(
      (r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }) =>
        `${r.ruleId}@${r.locations[0]?.physicalLocation.artifactLocation.uri}:${r.locations[0]?.physicalLocation.region.startLine}`,
    );
    // Lines of the "- id:" entries in SHOP.
    const line = (text: string) => SHOP.split('\n').findIndex((l) => l.includes(text)) + 1;
    expect(where).toEqual([
      `threat-partial@models/shop.yaml:${line('- id: injection')}`,
      `threat-open@models/shop.yaml:${line('- id: dos')}`,
      `section-tbd@models/shop.yaml:${line('- id: payments')}`,
    ]);
  });

  it('github annotations name the file and line', async () => {
    const run = await report('--format', 'github');
    const dosLine = SHOP.split('\n').findIndex((l) => l.includes('- id: dos')) + 1;
    expect(run.stdout).toContain(`::error file=models/shop.yaml,line=${dosLine},col=5,title=threatdoc threat-open::Open high-risk threat "Denial of service" (dos)`);
    expect(run.stdout.trim().split('\n')).toHaveLength(3);
  });
});

/**
 * In profile prod: t1's only mitigation is required in dev alone, so t1 is open; t2 is
 * partial through m-plan, its dev-only mitigation not counting either.
 */
const PROFILED = `threatdoc: 1
id: profiled
title: Profiled
status: reviewed
profiles:
  - id: prod
    title: Production
  - id: dev
    title: Development
assets:
  - id: data
    name: Data
mitigations:
  - id: m-impl-dev
    title: Implemented in dev only
    d3fend: [D3-MENCR]
    status: implemented
    profiles: [dev]
  - id: m-plan
    title: Planned everywhere
    d3fend: [D3-ITF]
    status: planned
threats:
  - id: t1
    title: Threat one
    assets: [data]
    risk: { impact: medium, likelihood: medium }
    mitigations: [m-impl-dev]
  - id: t2
    title: Threat two
    assets: [data]
    mitigations: [m-impl-dev, m-plan]
`;

describe('a report for one profile', () => {
  const profiled = async (format: string) => {
    await mkdir(join(dir, 'profiled'), { recursive: true });
    await writeFile(join(dir, 'profiled', 'profiled.yaml'), PROFILED);
    return runCli(['report', 'profiled', '--profile', 'prod', '--format', format], { cwd: dir });
  };

  it('marks in JSON the mitigations the profile does not require', async () => {
    const run = await profiled('json');
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout);
    const validate = coverageValidator();
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    const threats = json.models[0].threats.map((t: { id: string; state: string; mitigations: unknown }) => [t.id, t.state, t.mitigations]);
    expect(threats).toEqual([
      ['t1', 'open', [{ id: 'm-impl-dev', status: 'implemented', applies: false }]],
      ['t2', 'partial', [{ id: 'm-impl-dev', status: 'implemented', applies: false }, { id: 'm-plan', status: 'planned', applies: true }]],
    ]);
  });

  it('says in JUnit why a threat with an implemented mitigation is open', async () => {
    const run = await profiled('junit');
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => n === 'testcase' }).parse(run.stdout);
    const [t1, t2] = doc.testsuites.testsuite.testcase as { failure?: { message: string; '#text': string }; 'system-out'?: string }[];
    expect(t1?.failure?.message).toBe('open medium-risk threat: no implemented, partial or planned mitigation in profile prod');
    expect(t1?.failure?.['#text']).toMatch(/\nmitigations: m-impl-dev \(implemented; not in profile prod\)$/);
    expect(t2?.['system-out']).toBe('partial: no mitigation implemented yet in profile prod: m-impl-dev (implemented; not in profile prod), m-plan (planned)');
  });

  it('says the same in SARIF and GitHub annotations', async () => {
    const open = 'Open medium-risk threat "Threat one" (t1) has no mitigation in place or planned in profile prod. Not in profile prod: m-impl-dev (implemented).';
    const partial = 'Threat "Threat two" (t2) is only partly mitigated in profile prod: m-plan is planned. Not in profile prod: m-impl-dev (implemented).';
    const sarif = JSON.parse((await profiled('sarif')).stdout);
    expect(sarif.runs[0].results.map((r: { message: { text: string } }) => r.message.text)).toEqual([open, partial]);
    const github = (await profiled('github')).stdout;
    expect(github).toContain(`::${open}\n`);
    expect(github).toContain(`::${partial}\n`);
  });
});

describe('the example models', () => {
  it('name the TRS sections still marked TBD', async () => {
    const run = await runCli(['report', 'models', '--format', 'md'], { cwd: REPO_ROOT });
    expect(run.stderr).toBe('');
    expect(run.code, run.stderr).toBe(0);
    const tbd = run.stdout.slice(run.stdout.indexOf('## Still to be written (TBD)'));
    for (const section of ['OP\\-TEE threat model', 'TPM threat model', 'Firmware TPM threat model']) {
      expect(tbd).toContain(`- section ${section} (\`trs-attested-containers\``);
    }
    const lint = await markdownlint(run.stdout);
    expect(lint.code, lint.output).toBe(0);
  });

  it('give a JSON report that validates, with the same TBD sections', async () => {
    const run = await runCli(['report', 'models', '--format', 'json'], { cwd: REPO_ROOT });
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout);
    const validate = coverageValidator();
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    const trs = json.tbdSections.filter((s: { model: string }) => s.model === 'trs-attested-containers').map((s: { id: string }) => s.id);
    expect(trs).toEqual(expect.arrayContaining(['optee-threat-model', 'tpm-threat-model', 'ftpm-threat-model']));
  });

  it("compute a --profile report whose totals are that profile's figures in the full report", async () => {
    const full = JSON.parse((await runCli(['report', 'models', '--format', 'json'], { cwd: REPO_ROOT })).stdout);
    const production = full.profiles.find((p: { profile: string }) => p.profile === 'production');
    expect(production).toBeDefined();
    const run = await runCli(['report', 'models', '--format', 'json', '--profile', 'production'], { cwd: REPO_ROOT });
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.profile).toBe('production');
    expect(json.totals).toEqual(production.totals);
  });
});

describe('a reader that closes the pipe early', () => {
  it('ends the run quietly with exit 0, not with an EPIPE stack trace', async () => {
    const { spawnSync } = await import('node:child_process');
    // The examples' JSON report (~100 KB) is larger than a pipe's buffer, so writing it
    // after `head` has exited fails with EPIPE.
    const run = spawnSync('bash', ['-o', 'pipefail', '-c', `node dist/cli/bin.js report models --format json | head -c 10 >/dev/null`], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
