import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from '../../src/config.js';
import { tempDir } from '../helpers/temp.js';

const base = '/repo';

function errorOf(text: string): ConfigError {
  try {
    parseConfig(text, 'threatdoc.config.yaml', base);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('reads every key and resolves paths against the config directory', () => {
    const config = parseConfig(
      [
        'models: threat-models',
        'out: site/generated',
        'formats: [md]',
        'templates: my-templates',
        'diagrams: mermaid',
        'chromium: /usr/bin/chromium',
        'png: true',
        'report:',
        '  failUnder: 80',
        '  failOn: [open-critical]',
        '  profile: production',
      ].join('\n'),
      'threatdoc.config.yaml',
      base,
    );
    expect(config).toMatchObject({
      models: '/repo/threat-models',
      out: '/repo/site/generated',
      formats: ['md'],
      templates: '/repo/my-templates',
      diagrams: 'mermaid',
      chromium: '/usr/bin/chromium',
      png: true,
      report: { failUnder: 80, failOn: ['open-critical'], profile: 'production' },
    });
  });

  it('uses defaults for an empty file', () => {
    const config = parseConfig('', 'threatdoc.config.yaml', base);
    expect(config).toMatchObject({
      models: '/repo/models',
      out: '/repo/docs/threat-models',
      formats: ['rst', 'md'],
      templates: undefined,
      diagrams: 'mermaid',
      png: false,
      report: {},
    });
  });

  it('keeps formats in canonical order whatever order they are written in', () => {
    expect(parseConfig('formats: [md, rst]', 'c.yaml', base).formats).toEqual(['rst', 'md']);
  });

  it.each([
    ['formats: [rst, pdf]', 1, 16, 'formats must be one of rst, md; got "pdf"'],
    ['out: docs\nmodle: x', 2, 1, 'unknown key "modle"'],
    ['diagrams: png', 1, 11, 'diagrams must be one of svg, mermaid, none'],
    ['png: yes please', 1, 6, 'png must be true or false'],
    ['report:\n  failUnder: 120', 2, 14, 'report.failUnder must be a number from 0 to 100'],
    ['report:\n  fail_on: [x]', 2, 3, 'unknown key "report.fail_on"'],
    ['- a\n- b', 1, 1, 'must be a mapping'],
    ['out: [a', 1, 8, 'not valid YAML'],
    ['out: a\nout: b', 2, 1, 'not valid YAML'],
    ['models: ""', 1, 9, 'models must be a non-empty string'],
    ['formats: [rst]\nout:', 2, 5, 'out must be a non-empty string'],
    ['report:\n  failOn: [open, 3]', 2, 18, 'report.failOn must be a non-empty string'],
  ])('%j fails at %i:%i', (text, line, column, reason) => {
    const error = errorOf(text);
    expect(error.line).toBe(line);
    expect(error.column).toBe(column);
    expect(error.message).toContain(`threatdoc.config.yaml:${line}:${column}: `);
    expect(error.reason).toContain(reason);
  });
});

describe('loadConfig', () => {
  it('falls back to defaults when no config file exists', () => {
    const dir = tempDir('threatdoc-config-');
    const config = loadConfig(dir);
    expect(config.file).toBeUndefined();
    expect(config.out).toBe(join(dir, 'docs/threat-models'));
  });

  it('reads threatdoc.config.yaml from the working directory', () => {
    const dir = tempDir('threatdoc-config-');
    writeFileSync(join(dir, 'threatdoc.config.yaml'), 'out: build/tm\n');
    expect(loadConfig(dir)).toMatchObject({ file: join(dir, 'threatdoc.config.yaml'), out: join(dir, 'build/tm') });
  });

  it('rejects an explicit path that does not exist, naming it', () => {
    const dir = tempDir('threatdoc-config-');
    expect(() => loadConfig(dir, 'nope.yaml')).toThrow(/^nope\.yaml:1:1: cannot read the config file: no such file or directory$/);
  });

  it('refuses a file that is not UTF-8 at its first bad byte, as model files are refused', () => {
    const dir = tempDir('threatdoc-config-');
    writeFileSync(join(dir, 'threatdoc.config.yaml'), Buffer.concat([Buffer.from('out: build\nmodels: caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    expect(() => loadConfig(dir)).toThrow(/^threatdoc\.config\.yaml:2:12: not valid UTF-8 \(byte 0xe9\); save the file as UTF-8$/);
  });

  it('resolves paths of an explicit config against its own directory', () => {
    const dir = tempDir('threatdoc-config-');
    writeFileSync(join(dir, 'other.yaml'), 'models: m\n');
    expect(loadConfig('/', join(dir, 'other.yaml')).models).toBe(join(dir, 'm'));
  });
});
