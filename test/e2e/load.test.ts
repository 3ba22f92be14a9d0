/**
 * Reading model files as users meet it: the built CLI on files and directories that are
 * awkward to read (aliases, links, encodings, sizes), checked by exit code and output.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/** A valid model; `extra` lines go under its one threat. */
const model = (id: string, extra = ''): string => `threatdoc: 1
id: ${id}
title: Alias
status: draft
assets:
  - id: disk
    name: Disk
threats:
  - id: t1
    title: T1
    assets: [disk]
${extra}`;

let cwd: string;
beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'threatdoc-e2e-load-'));
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('aliases', () => {
  it('reports a mistyped alias where it is written, not as an alias bomb', async () => {
    writeFileSync(join(cwd, 'alias3.yaml'), model('alias3', '    stride: [*tamper]\n'));
    const run = await runCli(['validate', 'alias3.yaml'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('alias3.yaml:12:14 error yaml-syntax alias *tamper has no anchor &tamper before it');
    expect(run.stdout).not.toContain('alias bomb');
    expect(run.stderr).toBe('');
  });
});

describe('aliases in a real model', () => {
  it('passes 150 threats that share one list of assets through an alias', async () => {
    const threats = Array.from({ length: 150 }, (_, i) => `  - { id: t${i}, title: T${i}, assets: *all }`).join('\n');
    const text = `threatdoc: 1\nid: shared\ntitle: Shared\nstatus: draft\nassets:\n  - { id: disk, name: Disk }\nthreats:\n  - { id: first, title: First, assets: &all [disk] }\n${threats}\n`;
    writeFileSync(join(cwd, 'shared.yaml'), text);
    const run = await runCli(['validate', 'shared.yaml'], { cwd });
    expect(run).toMatchObject({ code: 0, stdout: 'no problems found in 1 file\n', stderr: '' });
  });
});

describe('links', () => {
  it('checks a file named twice through a link once, by the first name', async () => {
    const dir = join(cwd, 'linked');
    mkdirSync(join(dir, 'd'), { recursive: true });
    writeFileSync(join(dir, 'x.yaml'), model('x'));
    symlinkSync('../x.yaml', join(dir, 'd', 'link.yaml'));
    const named = await runCli(['validate', 'x.yaml', 'd/link.yaml'], { cwd: dir });
    expect(named).toMatchObject({ code: 0, stdout: 'no problems found in 1 file\n', stderr: '' });
    const walked = await runCli(['validate', '.'], { cwd: dir });
    expect(walked).toMatchObject({ code: 0, stdout: 'no problems found in 1 file\n', stderr: '' });
  });

  it('reports a link in a model directory that leads nowhere, naming it and why', async () => {
    const dir = join(cwd, 'dangling');
    mkdirSync(join(dir, 'models'), { recursive: true });
    writeFileSync(join(dir, 'models', 'x.yaml'), model('x'));
    symlinkSync('../../gone/shared.yaml', join(dir, 'models', 'shared.yaml'));
    symlinkSync('loop.yaml', join(dir, 'models', 'loop.yaml'));
    const run = await runCli(['validate', 'models'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('models/shared.yaml error file-unreadable cannot read models/shared.yaml: it is a link to ../../gone/shared.yaml, which does not exist');
    expect(run.stdout).toContain('models/loop.yaml error file-unreadable cannot read models/loop.yaml: it is a link in a loop of links');
    expect(run.stderr).toBe('');
  });
});

describe('the config file', () => {
  it('is refused when it is not UTF-8, with the position of the bad byte (exit 2)', async () => {
    writeFileSync(join(cwd, 'latin1.config.yaml'), Buffer.concat([Buffer.from('models: '), Buffer.from([0xe9]), Buffer.from('\n')]));
    const run = await runCli(['validate', '-c', 'latin1.config.yaml'], { cwd });
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'threatdoc: latin1.config.yaml:1:9: not valid UTF-8 (byte 0xe9); save the file as UTF-8\n' });
  });
});

describe('messages', () => {
  it('gives a file one byte over the size limit a size that differs from the limit', async () => {
    writeFileSync(join(cwd, 'over.yaml'), Buffer.alloc(5 * 1024 * 1024 + 1, 0x61));
    const run = await runCli(['validate', 'over.yaml'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('over.yaml error file-too-large over.yaml is 5,242,881 bytes; model files may be at most 5,242,880 bytes (5 MiB)\n');
  });

  it('says a file that holds only null holds null, not that it is empty', async () => {
    writeFileSync(join(cwd, 'null.yaml'), 'null\n');
    const run = await runCli(['validate', 'null.yaml'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('null.yaml:1:1 error schema-type the file holds only null ("null"), not a mapping\n');
  });

  it('hints at the line ends of a file whose lines end in lone carriage returns', async () => {
    writeFileSync(join(cwd, 'mac.yaml'), model('mac').replace(/\n/g, '\r'));
    const run = await runCli(['validate', 'mac.yaml'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('mac.yaml:1:12 error yaml-syntax ');
    expect(run.stdout).toContain('  hint: this file ends lines with a lone carriage return (CR, as classic Mac OS did), which is not read as a line break; save it with LF line endings\n');
  });

  it('refuses a title of blanks', async () => {
    writeFileSync(join(cwd, 'blank.yaml'), model('blank').replace('title: T1', 'title: "\\t "'));
    const run = await runCli(['validate', 'blank.yaml'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('blank.yaml:10:12 error schema-invalid "title" of threat "t1" must not be blank (it holds only spaces, tabs or line breaks)\n');
  });

  it('accepts a link whose scheme is in capitals, and renders it as a link', async () => {
    const dir = join(cwd, 'caps');
    mkdirSync(join(dir, 'models'), { recursive: true });
    const links = 'references:\n  - { title: Vendor, url: "HTTPS://EXAMPLE.COM/Guide" }\n  - { title: Team, url: "MailTo:sec@example.com" }\n';
    writeFileSync(join(dir, 'models', 'caps.yaml'), model('caps').replace('status: draft\n', `status: draft\n${links}`));
    const run = await runCli(['validate', 'models'], { cwd: dir });
    expect(run).toMatchObject({ code: 0, stdout: 'no problems found in 1 file\n' });
    const build = await runCli(['build', 'models', '--out', 'out', '--format', 'md'], { cwd: dir });
    expect(build.code).toBe(0);
    const page = readFileSync(join(dir, 'out', 'caps.md'), 'utf8');
    expect(page).toContain('[Vendor](<HTTPS://EXAMPLE.COM/Guide>)');
    expect(page).toContain('[Team](<MailTo:sec@example.com>)');
  });
});
