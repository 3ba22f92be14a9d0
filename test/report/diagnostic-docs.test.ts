import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_CODES, CODES, codeDocPath, isCode } from '../../src/core/codes.js';
import { REPO_ROOT } from '../helpers/cli.js';

describe('docs/diagnostics', () => {
  it.each(ALL_CODES)('%s has a page naming its severity, an example and a fix', (code) => {
    const path = `${REPO_ROOT}${codeDocPath(code)}`;
    expect(existsSync(path), `${codeDocPath(code)} is missing`).toBe(true);
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith(`\`\`${code}\`\``)).toBe(true);
    expect(text).toContain(`:Severity: ${CODES[code].severity}`);
    expect(text).toContain('Example\n-------');
    expect(text).toContain('How to fix it\n-------------');
  });

  it('has no page for a code that does not exist', () => {
    const pages = readdirSync(`${REPO_ROOT}docs/diagnostics`).filter((name) => name.endsWith('.rst') && name !== 'index.rst');
    expect(pages.map((name) => name.replace(/\.rst$/, '')).filter((name) => !isCode(name))).toEqual([]);
  });
});
