/**
 * The coverage report as compact GitHub Markdown, for $GITHUB_STEP_SUMMARY or a PR comment.
 * Sections with nothing to say are left out so the summary stays short.
 */
import type { CoverageReport } from '../../analyze/report.js';
import { coverageRatio, RISK_BUCKETS, weightedRatio, type ThreatCoverage } from '../../analyze/coverage.js';
import { mdCode, mdText, percentText, textBar } from './text.js';

export function table(header: readonly string[], align: readonly ('l' | 'r')[], rows: readonly (readonly string[])[]): string[] {
  const rule = align.map((a) => (a === 'r' ? '---:' : '---'));
  return [header, rule, ...rows].map((cells) => `| ${cells.join(' | ')} |`);
}

/** Blocks joined by one blank line: what markdownlint wants around headings, lists and tables. */
export function blocks(parts: readonly (readonly string[])[]): string {
  return `${parts.filter((p) => p.length > 0).map((p) => p.join('\n')).join('\n\n')}\n`;
}

export function formatMarkdown(report: CoverageReport): string {
  const { coverage } = report;
  const t = coverage.tally;
  const out: string[][] = [['# Threat model coverage']];
  out.push([
    `**${percentText(coverageRatio(t))}** of ${t.threats} threats covered (weighted ${percentText(weightedRatio(t))}): ` +
      `${t.covered} covered, ${t.partial} partial, ${t.open} open` +
      (coverage.profile === undefined ? '.' : `, in profile ${mdCode(coverage.profile)}.`),
  ]);
  out.push(
    table(
      ['Model', 'Coverage', 'Covered', 'Partial', 'Open', 'Threats'],
      ['l', 'l', 'r', 'r', 'r', 'r'],
      coverage.models.map((m) => [
        `${mdText(m.title)} (${mdCode(m.id)})${m.status === 'reviewed' ? '' : ` *${m.status}*`}`,
        `\`${textBar(coverageRatio(m.tally))}\` ${percentText(coverageRatio(m.tally))}`,
        String(m.tally.covered),
        String(m.tally.partial),
        String(m.tally.open),
        String(m.tally.threats),
      ]),
    ),
  );

  const open = coverage.models.flatMap((m) => m.threats).filter((th) => th.state === 'open');
  if (open.length > 0) {
    out.push(['## Open threats by risk']);
    out.push(
      table(
        ['Risk', 'Open', 'Partial'],
        ['l', 'r', 'r'],
        RISK_BUCKETS.map((r) => [r, String(coverage.openByRisk[r]), String(coverage.partialByRisk[r])]),
      ),
    );
    out.push(table(['Risk', 'Threat', 'Model'], ['l', 'l', 'l'], byRisk(open).map((th) => [th.risk, `${mdText(th.title)} (${mdCode(th.id)})`, mdCode(th.model)])));
  }

  // Compact: what to do about open threats in full; partly mitigated ones only counted.
  const forOpen = report.suggestions.filter((s) => s.state === 'open');
  const forPartial = report.suggestions.length - forOpen.length;
  if (report.suggestions.length > 0) {
    out.push(['## Suggestions from D3FEND']);
    out.push([
      ...forOpen.map((s) => {
        const techniques = s.suggestions.map(
          (g) => `${mdCode(g.technique)} ${mdText(g.label)} (${g.tactic}: ${g.reasons.map((r) => `${mdCode(r.attack)} ${mdText(r.explanation)}`).join('; ')})`,
        );
        return `- ${mdText(s.title)} (${mdCode(s.model)}/${mdCode(s.threat)}): ${techniques.join(', ')}`;
      }),
      ...(forPartial === 0 ? [] : [`- ${forPartial} partly mitigated threat(s) have suggestions too: see the JSON report.`]),
    ]);
  }

  const tbd = [
    ...coverage.tbdModels.map((m) => `- model ${mdText(m.title)} (${mdCode(m.id)})`),
    ...coverage.tbdSections.map((s) => `- section ${mdText(s.title)} (${mdCode(s.model)}/${mdCode(s.id)})`),
  ];
  if (tbd.length > 0) out.push(['## Still to be written (TBD)'], tbd);

  out.push(['## D3FEND tactic coverage']);
  out.push(
    table(
      ['Tactic', 'Implemented', 'Planned only'],
      ['l', 'l', 'l'],
      coverage.tactics.map((row) => [row.tactic, techniqueList(row.implemented), techniqueList(row.planned)]),
    ),
  );

  const gaps = [
    gapLine('Assets with no threat', coverage.assetsWithoutThreat.map((a) => a.id)),
    gapLine('Mitigations with no D3FEND id', coverage.mitigationsWithoutD3fend.map((m) => m.id)),
    gapLine('Mitigations used by no threat', coverage.unusedMitigations.map((m) => m.id)),
  ].filter((line): line is string => line !== undefined);
  if (gaps.length > 0) out.push(['## Other gaps'], gaps);

  if (coverage.profiles.length > 0 && coverage.profile === undefined) {
    out.push(['## Coverage per profile']);
    out.push(
      table(
        ['Profile', 'Coverage', 'Covered', 'Partial', 'Open'],
        ['l', 'l', 'r', 'r', 'r'],
        coverage.profiles.map((p) => [mdCode(p.profile), percentText(coverageRatio(p.tally)), String(p.tally.covered), String(p.tally.partial), String(p.tally.open)]),
      ),
    );
  }

  if (report.failures.length > 0) {
    out.push(['## Gates failed'], report.failures.map((f) => `- ${mdCode(f.gate)}: ${mdText(f.reason)}`));
  } else if (report.gates.failUnder !== undefined || (report.gates.failOn ?? []).length > 0) {
    out.push(['## Gates passed'], gateList(report.gates).map((g) => `- ${g}`));
  }
  return blocks(out);
}

function gateList(gates: CoverageReport['gates']): string[] {
  return [
    ...(gates.failUnder === undefined ? [] : [`coverage at least ${gates.failUnder} %`]),
    ...(gates.failOn ?? []).map((g) => `no ${mdCode(g)}`),
  ];
}

function byRisk(threats: readonly ThreatCoverage[]): ThreatCoverage[] {
  return [...threats].sort((a, b) => RISK_BUCKETS.indexOf(a.risk) - RISK_BUCKETS.indexOf(b.risk));
}

function techniqueList(ids: readonly string[]): string {
  return ids.length === 0 ? '0' : `${ids.length}: ${ids.map(mdCode).join(', ')}`;
}

function gapLine(label: string, ids: readonly string[]): string | undefined {
  return ids.length === 0 ? undefined : `- ${label} (${ids.length}): ${ids.map(mdCode).join(', ')}`;
}
