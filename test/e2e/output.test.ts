/**
 * `--output FILE` through the built CLI (npm run build first): the report goes where the name
 * leads, as with a shell's `>`: through links, into pipes and /dev/stdout, and an existing
 * file keeps its permissions. Only a regular file is replaced whole.
 */
import { spawn } from 'node:child_process';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.js';
import { SHOP } from '../report-coverage/shop-yaml.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'threatdoc-output-'));
  mkdirSync(join(dir, 'models'));
  writeFileSync(join(dir, 'models', 'shop.yaml'), SHOP);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const report = (...args: string[]) => runCli(['report', 'models', '--format', 'json', ...args], { cwd: dir });
const isReport = (text: string) => (JSON.parse(text) as { format?: string }).format === 'threatdoc-coverage';

describe('--output', () => {
  it('writes through a link to its target, and the link stays a link', async () => {
    writeFileSync(join(dir, 'target.json'), 'old');
    symlinkSync('target.json', join(dir, 'link.json'));
    expect((await report('--output', 'link.json')).code).toBe(0);
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(isReport(readFileSync(join(dir, 'target.json'), 'utf8'))).toBe(true);
  });

  it('creates the file a dangling link names, when its directory exists', async () => {
    symlinkSync('later/made.json', join(dir, 'dangling.json'));
    const missingDir = await report('--output', 'dangling.json');
    expect(missingDir).toMatchObject({ code: 2, stderr: 'threatdoc: cannot write dangling.json: its directory does not exist\n' });
    mkdirSync(join(dir, 'later'));
    expect((await report('--output', 'dangling.json')).code).toBe(0);
    expect(readlinkSync(join(dir, 'dangling.json'))).toBe('later/made.json');
    expect(isReport(readFileSync(join(dir, 'later', 'made.json'), 'utf8'))).toBe(true);
  });

  it('refuses a link loop in words', async () => {
    symlinkSync('loop-b', join(dir, 'loop-a'));
    symlinkSync('loop-a', join(dir, 'loop-b'));
    expect(await report('--output', 'loop-a')).toMatchObject({ code: 2, stderr: 'threatdoc: cannot write loop-a: too many levels of symbolic links\n' });
  });

  it('keeps the permissions of a file it replaces', async () => {
    const file = join(dir, 'private.json');
    writeFileSync(file, 'old');
    chmodSync(file, 0o600);
    expect((await report('--output', 'private.json')).code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(isReport(readFileSync(file, 'utf8'))).toBe(true);
  });

  it('writes into /dev/stdout rather than replacing it', async () => {
    const run = await report('--output', '/dev/stdout');
    expect(run.code).toBe(0);
    expect(isReport(run.stdout)).toBe(true);
    expect(lstatSync('/dev/stdout').isSymbolicLink()).toBe(true);
  });

  it('appends to what a shell opened with >> for /dev/stdout', async () => {
    const file = join(dir, 'log.txt');
    writeFileSync(file, 'kept\n');
    // The shell's `>>`: the child's stdout is the file, opened for appending.
    const { openSync, closeSync } = await import('node:fs');
    const fd = openSync(file, 'a');
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'report', 'models', '--format', 'json', '--output', '/dev/stdout'], { cwd: dir, stdio: ['ignore', fd, 'ignore'] });
      child.on('close', resolve);
    });
    closeSync(fd);
    expect(code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('kept\n')).toBe(true);
    expect(isReport(text.slice('kept\n'.length))).toBe(true);
  });

  it('feeds a named pipe instead of replacing it', async () => {
    const fifo = join(dir, 'pipe');
    const made = spawn('mkfifo', [fifo]);
    await new Promise((resolve) => made.on('close', resolve));
    // A reader must hold the pipe open, or the writer waits for one.
    const reader = spawn('cat', [fifo]);
    let read = '';
    reader.stdout.on('data', (chunk: Buffer) => (read += chunk.toString('utf8')));
    const done = new Promise((resolve) => reader.on('close', resolve));
    expect((await report('--output', 'pipe')).code).toBe(0);
    await done;
    expect(isReport(read)).toBe(true);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });
});
