import { describe, expect, it } from 'vitest';
import { diagnostic, type Diagnostic } from '../../src/core/diagnostic.js';
import { annotation, escapeData, escapeProperty } from '../../src/report/github.js';
import { DIAGNOSTIC_FORMATS, DIAGNOSTIC_FORMATTERS, diagnosticReport, loadDiagnosticFormatter } from '../../src/report/diagnostics/index.js';
import { sarifValidator } from '../helpers/sarif.js';

const sources = new Map([['models/a b.yaml', 'id: x\nthreats:\n  - id: t\n    assets: [dsk]\n']]);
const diagnostics: Diagnostic[] = [
  diagnostic('unknown-asset', {
    file: 'models/a b.yaml',
    path: ['threats', 0, 'assets', 0],
    range: { start: { line: 4, column: 14 }, end: { line: 4, column: 17 } },
    message: 'threat "t" names asset "dsk", which is not defined',
    hint: 'did you mean "disk"?',
  }),
  diagnostic('unused-asset', { file: 'models/a b.yaml', path: [], range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } }, message: 'asset "disk" is affected by no threat' }),
  diagnostic('no-models', { file: 'empty', path: [], message: 'empty holds no model files' }),
];
const context = { sources, color: false, toolVersion: '0.1.0' };

describe('diagnostic formats', () => {
  it('the names --format offers are the formatters, each loadable alone', async () => {
    expect(Object.keys(DIAGNOSTIC_FORMATTERS)).toEqual([...DIAGNOSTIC_FORMATS]);
    for (const name of DIAGNOSTIC_FORMATS) expect(await loadDiagnosticFormatter(name)).toBe(DIAGNOSTIC_FORMATTERS[name]);
  });
});

describe('human', () => {
  it('prints location, frame with caret, hint and counts', () => {
    expect(DIAGNOSTIC_FORMATTERS.human(diagnosticReport(diagnostics), context)).toBe(
      [
        'models/a b.yaml:4:14 error unknown-asset threat "t" names asset "dsk", which is not defined',
        '  4 |     assets: [dsk]',
        '    |              ^^^',
        '  hint: did you mean "disk"?',
        'models/a b.yaml:1:1 warning unused-asset asset "disk" is affected by no threat',
        '  1 | id: x',
        '    | ^',
        'empty error no-models empty holds no model files',
        '',
        '3 problems (2 errors, 1 warning)',
        '',
      ].join('\n'),
    );
  });
  it('colours only when told to, and never passes control characters through', () => {
    const hostile = [diagnostic('schema-unknown-key', { file: 'a.yaml', path: [], message: 'unknown key "\u001b[2J"' })];
    expect(DIAGNOSTIC_FORMATTERS.human(diagnosticReport(hostile), context)).not.toContain('\u001b');
    expect(DIAGNOSTIC_FORMATTERS.human(diagnosticReport(hostile), { ...context, color: true })).toContain('\u001b[31m');
    expect(DIAGNOSTIC_FORMATTERS.human(diagnosticReport(hostile), { ...context, color: true })).not.toContain('\u001b[2J');
  });

  it('keeps each message, hint and file name on its one line, escaping every line break visibly', () => {
    const forged = 'models/fake.yaml:1:1 error fake-code forged';
    const breaks = ['\n', '\r', '\r\n', '\u2028', '\u2029', '\u0085'];
    const hostile = breaks.map((b) =>
      diagnostic('schema-unknown-key', { file: `x${b}${forged}`, path: [], message: `unknown key "a${b}${forged}"`, hint: `h${b}${forged}` }),
    );
    const lines = DIAGNOSTIC_FORMATTERS.human(diagnosticReport(hostile), context).split('\n');
    expect(lines.filter((line) => line.startsWith('models/fake.yaml'))).toEqual([]);
    // Per diagnostic its line and its hint, then a blank line and the summary.
    expect(lines).toHaveLength(hostile.length * 2 + 3);
    expect(lines[0]).toBe(`x\\n${forged} error schema-unknown-key unknown key "a\\n${forged}"`);
    expect(lines[1]).toBe(`  hint: h\\n${forged}`);
    expect(lines[2]).toContain('x\\r');
    expect(lines[10]).toContain('x\\u0085');
  });

  it('shows bidirectional controls escaped, so a message reads in the order it displays', () => {
    const spoof = diagnostic('schema-unknown-key', { file: 'm.yaml', path: [], message: 'unknown key "a\u202eb\u202c"', hint: 'h\u2066i\u2069' });
    const text = DIAGNOSTIC_FORMATTERS.human(diagnosticReport([spoof]), context);
    expect(text).toContain('unknown key "a\\u202eb\\u202c"');
    expect(text).toContain('hint: h\\u2066i\\u2069');
    expect(text).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  });

  it('clips a long line around the problem and keeps the caret under it', () => {
    const line = `k: [${'a, '.repeat(2000)}bad, ${'b, '.repeat(2000)}]`;
    const column = line.indexOf('bad') + 1;
    const text = DIAGNOSTIC_FORMATTERS.human(
      diagnosticReport([diagnostic('schema-invalid', { file: 'l.yaml', path: [], range: { start: { line: 1, column }, end: { line: 1, column: column + 3 } }, message: 'm' })]),
      { ...context, sources: new Map([['l.yaml', `${line}\n`]]) },
    );
    const [, frame = '', carets = ''] = text.split('\n');
    expect(frame.length).toBeLessThan(140);
    expect(frame.slice(carets.indexOf('^'), carets.indexOf('^') + 3)).toBe('bad');
    expect(carets).toMatch(/^ {4}\| +\^{3}$/);
  });

  it('cuts a long line between characters, never inside an emoji', () => {
    const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    // A prefix of 0 or 1 characters puts each cut on either half of a pair.
    for (const prefix of ['', 'k']) {
      const line = `${prefix}${'😀'.repeat(100)}bad${'😀'.repeat(100)}`;
      const column = line.indexOf('bad') + 1;
      const text = DIAGNOSTIC_FORMATTERS.human(
        diagnosticReport([diagnostic('schema-invalid', { file: 'e.yaml', path: [], range: { start: { line: 1, column }, end: { line: 1, column: column + 3 } }, message: 'm' })]),
        { ...context, sources: new Map([['e.yaml', `${line}\n`]]) },
      );
      const [, frame = '', carets = ''] = text.split('\n');
      expect(frame).not.toMatch(lone);
      expect(frame).toMatch(/^ {2}1 \| …😀.*😀…$/);
      expect(frame.slice(carets.indexOf('^'), carets.indexOf('^') + 3)).toBe('bad');
    }
  });

  it('shows control characters in the frame as "?" with the caret still aligned', () => {
    const text = DIAGNOSTIC_FORMATTERS.human(
      diagnosticReport([diagnostic('schema-invalid', { file: 'c.yaml', path: [], range: { start: { line: 1, column: 7 }, end: { line: 1, column: 8 } }, message: 'm' })]),
      { ...context, sources: new Map([['c.yaml', 'a: "\u001b[x"\n']]) },
    );
    expect(text.split('\n').slice(1, 3)).toEqual(['  1 | a: "?[x"', '    |       ^']);
  });
});

describe('github', () => {
  it('escapes data and properties as the runner decodes them', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeData('title \u001b[2J\u0007 and\ttab')).toBe('title \\u001b[2J\\u0007 and\ttab');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
    expect(annotation({ level: 'warning', message: 'm', file: 'x,y.yaml', line: 2, title: 'threatdoc: x' })).toBe(
      '::warning file=x%2Cy.yaml,line=2,title=threatdoc%3A x::m',
    );
  });
  it('passes no control character from a model into a message, and keeps the hint on its own line', () => {
    const hostile = diagnostic('schema-unknown-key', { file: 'a.yaml', path: [], message: 'unknown key "\u001b[31mred\nforged\u0085"', hint: 'h\u0007' });
    const text = DIAGNOSTIC_FORMATTERS.github(diagnosticReport([hostile]), context);
    expect(text).toBe('::error file=a.yaml,title=threatdoc schema-unknown-key::unknown key "\\u001b[31mred\\nforged\\u0085"%0Ahint: h\\u0007\n');
  });

  it('annotates each diagnostic on its line', () => {
    expect(DIAGNOSTIC_FORMATTERS.github(diagnosticReport(diagnostics), context).split('\n')).toEqual([
      '::error file=models/a b.yaml,line=4,col=14,title=threatdoc unknown-asset::threat "t" names asset "dsk", which is not defined%0Ahint: did you mean "disk"?',
      '::warning file=models/a b.yaml,line=1,col=1,title=threatdoc unused-asset::asset "disk" is affected by no threat',
      '::error file=empty,title=threatdoc no-models::empty holds no model files',
      '',
    ]);
  });
});

describe('json', () => {
  it('flattens positions and counts', () => {
    const report = JSON.parse(DIAGNOSTIC_FORMATTERS.json(diagnosticReport(diagnostics), context));
    expect(report.summary).toEqual({ errors: 2, warnings: 1, notes: 0, shown: 3 });
    expect(report.diagnostics[0]).toMatchObject({ file: 'models/a b.yaml', line: 4, column: 14, code: 'unknown-asset', hint: 'did you mean "disk"?' });
    expect(report.diagnostics[2]).toMatchObject({ line: null, column: null });
  });
});

describe('sarif', () => {
  const validate = sarifValidator();

  it('is valid SARIF 2.1.0 with rules from the code table and relative locations', () => {
    expect(validate({ version: '2.1.0', runs: [{ results: [] }] }), 'the schema must reject a run without a tool').toBe(false);
    const log = JSON.parse(DIAGNOSTIC_FORMATTERS.sarif(diagnosticReport(diagnostics), context));
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toContain('unknown-asset');
    expect(run.results[0]).toMatchObject({
      ruleId: 'unknown-asset',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'models/a%20b.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 4, startColumn: 14 } } }],
    });
    expect(run.results[1].level).toBe('warning');
  });
});
