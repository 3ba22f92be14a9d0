import type { ArtifactRelation, DefensiveTechnique } from './types.js';
import { attackUrl, explain, type Explanation, type Lookup } from './lookup.js';

/** Pads every column but the last, so rows line up in a terminal without trailing spaces. */
export function table(rows: readonly (readonly string[])[], indent = ''): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, column) => (widths[column] = Math.max(widths[column] ?? 0, cell.length)));
  return rows.map((row) => indent + row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ').trimEnd());
}

function relations(artifacts: readonly ArtifactRelation[]): string {
  return artifacts.map((artifact) => `${artifact.relation} ${artifact.artifact}`).join(', ');
}

function explanations(list: readonly Explanation[]): string {
  return list.map(explain).join('; ');
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The plain-text answer of `d3fend show`; the same for a terminal and a pipe. */
export function formatLookup(lookup: Lookup): string {
  const lines: string[] = [];
  switch (lookup.kind) {
    case 'technique': {
      const { technique, ancestors, counters } = lookup;
      lines.push(`${technique.id}  ${technique.label}`, '');
      lines.push(
        ...table(
          [
            ['Tactic', technique.tactic],
            ['Parents', ancestors.length === 0 ? '(none: a base technique)' : ancestors.map((a) => `${a.id} ${a.label}`).join(' > ')],
            ['Synonyms', technique.synonyms.length === 0 ? '(none)' : technique.synonyms.join(', ')],
            ['Artifacts', technique.artifacts.length === 0 ? '(none)' : relations(technique.artifacts)],
            ['URL', technique.url],
          ],
          '  ',
        ),
        '',
      );
      if (counters.length === 0) {
        lines.push(
          technique.artifacts.length === 0
            ? 'Counters no ATT&CK technique: links are inferred from artifacts and this technique names none.'
            : 'Counters no ATT&CK technique: no ATT&CK technique relates to its artifacts.',
        );
      } else {
        lines.push(`Counters ${plural(counters.length, 'ATT&CK technique', 'ATT&CK techniques')} (defends ← attack, through a shared artifact):`);
        lines.push(...table(counters.map(({ attack, explanations: list }) => [attack.id, attack.label, explanations(list)]), '  '));
      }
      break;
    }
    case 'attack': {
      const { attack, parent, counteredBy } = lookup;
      lines.push(`${attack.id}  ${attack.label}`, '');
      lines.push(
        ...table(
          [
            ['Parent', parent === null ? (attack.parent ?? '(none)') : `${parent.id} ${parent.label}`],
            ['Artifacts', attack.artifacts.length === 0 ? '(none)' : relations(attack.artifacts)],
            ['URL', attackUrl(attack.id)],
          ],
          '  ',
        ),
        '',
      );
      const total = counteredBy.reduce((sum, group) => sum + group.techniques.length, 0);
      if (total === 0) {
        lines.push('Countered by no D3FEND technique in this catalog.');
      } else {
        lines.push(`Countered by ${plural(total, 'D3FEND technique', 'D3FEND techniques')} (defends ← attack, through a shared artifact):`);
        // One table across all tactics so the columns line up; tactic headings sit between its rows.
        const rows = counteredBy.flatMap((group) => group.techniques.map(({ technique, explanations: list }) => [technique.id, technique.label, explanations(list)]));
        const formatted = table(rows, '    ');
        let row = 0;
        for (const group of counteredBy) {
          lines.push(`  ${group.tactic}`);
          for (let i = 0; i < group.techniques.length; i++) lines.push(formatted[row++] ?? '');
        }
      }
      break;
    }
    case 'deprecated-attack': {
      const { entry, replacement } = lookup;
      lines.push(`${entry.id}  ${entry.label}`, '', '  Deprecated in ATT&CK: do not use it in new models.');
      if (entry.replacedBy !== undefined) {
        lines.push(`  Replaced by ${entry.replacedBy}${replacement ? ` ${replacement.label}` : ''}.`);
      }
      break;
    }
    case 'retired':
    case 'unknown':
      // These are errors; formatProblem words them for stderr.
      lines.push(formatProblem(lookup));
      break;
  }
  return `${lines.join('\n')}\n`;
}

/** One line (plus suggestions) saying why an id cannot be shown; meant for stderr. */
export function formatProblem(lookup: Extract<Lookup, { kind: 'retired' | 'unknown' }>): string {
  if (lookup.kind === 'retired') {
    const { entry, replacement } = lookup;
    const what =
      entry.reason === 'analytic'
        ? `${entry.id} is an analytic technique (${entry.label}), not a countermeasure`
        : `${entry.id} (${entry.label}) is deprecated in D3FEND`;
    return replacement ? `${what}; use ${replacement.id} ${replacement.label}` : what;
  }
  // JSON quoting keeps control characters typed on the command line out of the terminal.
  const head = `unknown D3FEND or ATT&CK id ${JSON.stringify(lookup.query)}`;
  if (lookup.suggestions.length === 0) return `${head}; try: threatdoc d3fend search WORDS`;
  return `${head}; did you mean:\n${table(lookup.suggestions.map((s) => [s.id, s.label]), '  ').join('\n')}`;
}

/** The ranked table of `d3fend search`. */
export function formatSearch(results: readonly DefensiveTechnique[]): string {
  return `${table([['ID', 'LABEL', 'TACTIC'], ...results.map((t) => [t.id, t.label, t.tactic])]).join('\n')}\n`;
}

/** JSON of `d3fend show`: the lookup itself, with each explanation also spelled out. */
export function lookupToJson(lookup: Lookup): unknown {
  switch (lookup.kind) {
    case 'technique':
      return {
        kind: lookup.kind,
        technique: lookup.technique,
        ancestors: lookup.ancestors.map(({ id, label }) => ({ id, label })),
        counters: lookup.counters.map(({ attack, explanations: list }) => ({
          id: attack.id,
          label: attack.label,
          explanations: list.map((e) => ({ ...e, text: explain(e) })),
        })),
      };
    case 'attack':
      return {
        kind: lookup.kind,
        attack: { ...lookup.attack, url: attackUrl(lookup.attack.id) },
        parent: lookup.parent === null ? null : { id: lookup.parent.id, label: lookup.parent.label },
        counteredBy: lookup.counteredBy.map((group) => ({
          tactic: group.tactic,
          techniques: group.techniques.map(({ technique, explanations: list }) => ({
            id: technique.id,
            label: technique.label,
            url: technique.url,
            explanations: list.map((e) => ({ ...e, text: explain(e) })),
          })),
        })),
      };
    default:
      return lookup;
  }
}
