import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { COVERAGE_FORMATS, COVERAGE_FORMATTERS } from '../../src/report/coverage/index.js';
import { coverageJson } from '../../src/report/coverage/json.js';
import { HOSTILE, sampleReport } from './fixture.js';
import { markdownlint } from './lint.js';
import { coverageValidator, sarifValidator } from './schemas.js';


/*
 * Figures of the sample (hostile + pending + shop):
 *   hostile: evil open (critical × high = critical), later partial → 0 covered of 2
 *   pending: no threat
 *   shop:    2 covered, 2 partial, 2 open of 6 (see test/analyze/coverage.test.ts)
 *   total:   2 covered, 3 partial, 3 open of 8 → 100 × 2 / 8 = 25 %; weighted (2 + 1.5) / 8 = 43.75 %
 */
const ctx = { toolVersion: '0.0.0-test' };
const report = sampleReport({ gates: { failUnder: 30, failOn: ['open-critical'] } });

describe('coverage report formats', () => {
  it('offers md, json, junit, sarif and github', () => {
    expect(COVERAGE_FORMATS).toEqual(['md', 'json', 'junit', 'sarif', 'github']);
  });

  it('totals the sample as worked out by hand', () => {
    expect(report.coverage.tally).toEqual({ threats: 8, covered: 2, partial: 3, open: 3 });
    expect(report.failures.map((f) => f.gate)).toEqual(['fail-under', 'open-critical']);
  });

  describe('md', () => {
    const md = COVERAGE_FORMATTERS.md(report, ctx);

    it('renders the expected summary', async () => {
      await expect(md).toMatchFileSnapshot('__snapshots__/report.md');
      expect(md).toContain('**25 %** of 8 threats covered (weighted 43.8 %): 2 covered, 3 partial, 3 open.');
      expect(md).toContain('| Model shop (`shop`) *draft* | `███░░░░░░░` 33.3 % | 2 | 2 | 2 | 6 |');
      expect(md).toContain('## Gates failed');
    });

    it('lists the gates that passed', () => {
      const passed = COVERAGE_FORMATTERS.md(sampleReport({ gates: { failUnder: 10, failOn: ['open-unrated'] } }), ctx);
      expect(passed).toContain('## Gates passed\n\n- coverage at least 10 %\n- no `open-unrated`\n');
      expect(passed).not.toContain('## Gates failed');
      expect(COVERAGE_FORMATTERS.md(sampleReport(), ctx)).not.toContain('## Gates');
    });

    it('never lets model text become markup', () => {
      // Every "<" and "*" of the title comes escaped: no tag opens, no emphasis starts.
      expect(md).not.toMatch(/(?<!\\)<img/);
      expect(md).not.toContain('**bold**');
      expect(md).toContain('Pipe \\| \\<img src\\=x onerror\\=alert\\(1\\)\\> \\*\\*bold\\*\\*');
    });

    it('passes markdownlint', async () => {
      const lint = await markdownlint(md);
      expect(lint.code, lint.output).toBe(0);
    });
  });

  it('json validates against schema/coverage-report.schema.json', async () => {
    const validate = coverageValidator();
    const parsed: unknown = JSON.parse(COVERAGE_FORMATTERS.json(report, ctx));
    expect(validate.errors ?? []).toEqual([]);
    expect(validate(parsed), JSON.stringify(validate.errors, null, 1)).toBe(true);
    expect(parsed).toEqual(JSON.parse(JSON.stringify(coverageJson(report))));
    // The schema rejects what it does not document.
    expect(validate({ ...(parsed as object), extra: 1 })).toBe(false);
    await expect(COVERAGE_FORMATTERS.json(report, ctx)).toMatchFileSnapshot('__snapshots__/report.json');
  });

  it('junit is well-formed XML with one failure per open threat', () => {
    const xml = COVERAGE_FORMATTERS.junit(report, ctx);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, htmlEntities: true, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(xml);
    const suites = doc.testsuites.testsuite as { name: string; testcase?: { name: string; failure?: unknown }[] }[];
    expect(suites.map((s) => s.name)).toEqual(['hostile', 'pending', 'shop']);
    const cases = suites.flatMap((s) => s.testcase ?? []);
    expect(cases).toHaveLength(8);
    expect(cases.filter((c) => c.failure !== undefined)).toHaveLength(3);
    expect(doc.testsuites.failures).toBe('3');
    // The hostile title comes back as text (the bell character replaced, the newline kept).
    expect(cases[0]?.name).toBe(`evil: ${HOSTILE.replace('\u0007', '\uFFFD')}`);
  });

  it('sarif validates against the SARIF 2.1.0 schema and locates each gap', async () => {
    const validate = sarifValidator();
    const log = JSON.parse(COVERAGE_FORMATTERS.sarif(report, ctx));
    expect(validate(log), JSON.stringify(validate.errors, null, 1)).toBe(true);
    const results = log.runs[0].results as { ruleId: string; level: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[];
    // 3 open + 3 partial threats, 1 mitigation without D3FEND (m-none), 1 TBD model, 1 TBD section.
    expect(results.map((r) => r.ruleId).sort()).toEqual([
      'mitigation-no-d3fend',
      'model-tbd',
      'section-tbd',
      'threat-open',
      'threat-open',
      'threat-open',
      'threat-partial',
      'threat-partial',
      'threat-partial',
    ]);
    const evil = report.coverage.models[0]?.threats[0];
    const evilResult = results.find((r) => r.ruleId === 'threat-open' && r.level === 'error');
    expect(evilResult?.locations[0]?.physicalLocation.region.startLine).toBe(evil?.origin.line);
  });

  it('github annotations escape data and properties', () => {
    const lines = COVERAGE_FORMATTERS.github(report, ctx).trimEnd().split('\n');
    expect(lines).toHaveLength(9);
    const evil = report.coverage.models[0]?.threats[0];
    const line = lines.find((l) => l.startsWith('::error '));
    expect(line).toBe(
      `::error file=models/test.yaml,line=${evil?.origin.line},col=5,title=threatdoc threat-open::` +
        'Open critical-risk threat "Pipe | <img src=x onerror=alert(1)> **bold** & "quote" ]]> \\u0007bell%0Anext `tick`" (evil) has no mitigation in place or planned. D3FEND counters to consider: D3-FE File Encryption.',
    );
  });
});
