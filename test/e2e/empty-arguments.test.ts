/**
 * An empty string where a path belongs is a usage error, never the working directory:
 * `threatdoc validate "$MODELS"` with the variable unset must not check everything under it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

let cwd: string;
beforeAll(() => {
  cwd = mkdtempSync(join(tmpdir(), 'threatdoc-e2e-empty-'));
  // A broken model in the working directory: checking "." by mistake would report it.
  mkdirSync(join(cwd, 'stray'));
  writeFileSync(join(cwd, 'stray', 'broken.yaml'), 'threatdoc: 1\n');
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('an empty path is a usage error (exit 2) for every command that reads models', () => {
  it.each([
    [['validate', ''], 'threatdoc: one of the paths is an empty string (is a variable unset?)\n'],
    [['validate', 'stray', ''], 'threatdoc: one of the paths is an empty string (is a variable unset?)\n'],
    [['build', ''], 'threatdoc: MODEL_DIR is an empty string (is a variable unset?)\n'],
    [['report', ''], 'threatdoc: MODEL_DIR is an empty string (is a variable unset?)\n'],
    [['diff', 'HEAD', ''], 'threatdoc: HEAD is an empty string (is a variable unset?)\n'],
    [['diff', 'HEAD~1', 'HEAD', ''], 'threatdoc: MODEL_DIR is an empty string (is a variable unset?)\n'],
  ])('%j', async (args, stderr) => {
    expect(await runCli(args, { cwd })).toEqual({ code: 2, stdout: '', stderr });
  });
});

describe('an empty file or directory option is a usage error', () => {
  it.each([
    [['validate', 'stray', '-c', ''], '--config'],
    [['validate', 'stray', '--output='], '--output'],
    [['build', 'stray', '--out', ''], '--out'],
    [['build', 'stray', '--templates', ''], '--templates'],
    [['report', 'stray', '--config='], '--config'],
    [['diff', 'HEAD', '-o', ''], '--output'],
  ])('%j', async (args, option) => {
    expect(await runCli(args, { cwd })).toEqual({ code: 2, stdout: '', stderr: `threatdoc: ${option} is an empty string (is a variable unset?)\n` });
  });
});
