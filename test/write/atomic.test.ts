import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDirectory } from '../../src/write/atomic.js';
import { tempDir } from '../helpers/temp.js';

describe('makeDirectory', () => {
  it('creates a directory with every missing ancestor, and accepts one that exists', () => {
    const root = tempDir('threatdoc-dirs-');
    const deep = join(root, 'a', 'b', 'c');
    makeDirectory(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    makeDirectory(deep);
    makeDirectory(root);
  });

  it('fails with the errno of the step that cannot be made', () => {
    const root = tempDir('threatdoc-dirs-');
    writeFileSync(join(root, 'file'), 'x');
    expect(() => makeDirectory(join(root, 'file', 'sub'))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
    expect(() => makeDirectory(join(root, 'file'))).toThrow(expect.objectContaining({ code: 'EEXIST' }));
  });

  // Node's recursive mkdirSync never returns here: mkdir says ENOENT though /proc exists.
  it.skipIf(process.platform !== 'linux')('fails at once where the file system refuses a directory whose parent exists', () => {
    expect(() => makeDirectory('/proc/threatdoc-x/y')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});
