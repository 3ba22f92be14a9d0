/**
 * The coverage report as JUnit XML, so any CI shows gaps as tests: one testsuite per model,
 * one testcase per threat. An open threat fails. A partial threat passes, with what is still
 * pending in <system-out>: work is under way, and failing it would make the suite red for
 * every planned mitigation. (The --fail-under and --fail-on gates decide the job's verdict.)
 */
import { coverageRatio, type ModelCoverage, type ThreatCoverage } from '../../analyze/coverage.js';
import type { CoverageReport } from '../../analyze/report.js';
import { jsonPercent } from './json.js';
import { xmlAttr, xmlText } from './text.js';
import { inProfile, mitigationLabel } from './threat-text.js';

export function formatJunit(report: CoverageReport): string {
  const { models, tally, profile } = report.coverage;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="threatdoc coverage" tests="${tally.threats}" failures="${tally.open}" errors="0" skipped="0">`,
    ...models.flatMap((m) => suite(m, profile)),
    '</testsuites>',
  ];
  return `${lines.join('\n')}\n`;
}

function suite(model: ModelCoverage, profile: string | undefined): string[] {
  const head = `  <testsuite name="${xmlAttr(model.id)}" tests="${model.tally.threats}" failures="${model.tally.open}" errors="0" skipped="0" file="${xmlAttr(model.origin.file)}">`;
  const properties = [
    '    <properties>',
    `      <property name="title" value="${xmlAttr(model.title)}"/>`,
    `      <property name="status" value="${model.status}"/>`,
    `      <property name="percent" value="${jsonPercent(coverageRatio(model.tally)) ?? ''}"/>`,
    '    </properties>',
  ];
  return [head, ...properties, ...model.threats.flatMap((t) => testcase(model.id, t, profile)), '  </testsuite>'];
}

function testcase(model: string, threat: ThreatCoverage, profile: string | undefined): string[] {
  const open = `    <testcase classname="${xmlAttr(model)}" name="${xmlAttr(`${threat.id}: ${threat.title}`)}" file="${xmlAttr(threat.origin.file)}" line="${threat.origin.line}"`;
  const mitigations = threat.mitigations.map((m) => mitigationLabel(m, profile)).join(', ') || 'none';
  switch (threat.state) {
    case 'covered':
      return [`${open}/>`];
    case 'partial':
      return [`${open}>`, `      <system-out>${xmlText(`partial: no mitigation implemented yet${inProfile(profile)}: ${mitigations}`)}</system-out>`, '    </testcase>'];
    case 'open': {
      const message = `open ${threat.risk === 'unrated' ? 'unrated' : `${threat.risk}-risk`} threat: no implemented, partial or planned mitigation${inProfile(profile)}`;
      const detail = `${threat.origin.file}:${threat.origin.line}:${threat.origin.column}: ${threat.title}\nmitigations: ${mitigations}`;
      return [`${open}>`, `      <failure message="${xmlAttr(message)}" type="open-threat">${xmlText(detail)}</failure>`, '    </testcase>'];
    }
  }
}
