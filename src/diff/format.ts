/**
 * A workspace diff as Markdown for a pull-request comment, and as JSON (in the shape
 * schema/model-diff.schema.json documents). Entries are listed by id; unchanged parts are left out.
 */
import { coverageRatio, type Tally } from '../analyze/coverage.js';
import { roundPercent } from '../analyze/percent.js';
import { blocks, table } from '../report/coverage/markdown.js';
import { tally } from '../report/coverage/json.js';
import { mdCode, mdText, percentText } from '../report/coverage/text.js';
import { isEmptyDiff, type EntryChanges, type EntryRef, type WorkspaceDiff } from './compare.js';
import type { DiffFormat } from './formats.js';

export interface DiffSides {
  /** Revision names as the user gave them and the commits they name; head null: the working tree. */
  readonly base: { readonly name: string; readonly commit: string };
  readonly head: { readonly name: string; readonly commit: string } | null;
}

export function formatDiff(format: DiffFormat, diff: WorkspaceDiff, sides: DiffSides): string {
  return format === 'json' ? `${JSON.stringify(diffJson(diff, sides), null, 2)}\n` : diffMarkdown(diff, sides);
}

/**
 * Field by field, as schema/model-diff.schema.json documents them: a field added to the
 * compared types does not reach the published shape unless it is written here.
 */
export function diffJson(diff: WorkspaceDiff, sides: DiffSides): object {
  return {
    format: 'threatdoc-diff',
    version: 1,
    base: { revision: sides.base.name, commit: sides.base.commit },
    head: sides.head === null ? null : { revision: sides.head.name, commit: sides.head.commit },
    coverage: {
      before: tally(diff.coverage.before),
      after: tally(diff.coverage.after),
      models: diff.coverage.models.map((m) => ({ id: m.id, before: m.before && tally(m.before), after: m.after && tally(m.after) })),
    },
    newOpenThreats: diff.newOpenThreats.map((t) => ({ id: t.id, title: t.title, model: t.model, before: t.before, after: t.after, risk: t.risk })),
    models: changesJson(diff.models),
    threats: changesJson(diff.threats),
    mitigations: changesJson(diff.mitigations),
    assets: changesJson(diff.assets),
    agents: changesJson(diff.agents),
    statusChanges: diff.statusChanges.map((s) => ({ id: s.id, title: s.title, before: s.before, after: s.after })),
  };
}

function changesJson(changes: EntryChanges): object {
  return {
    added: changes.added.map(refJson),
    removed: changes.removed.map(refJson),
    changed: changes.changed.map((e) => ({ ...refJson(e), fields: e.fields.map((f) => ({ field: f.field, before: f.before, after: f.after })) })),
  };
}

/** A threat is named with its model; the other kinds carry none. */
function refJson(e: EntryRef): object {
  return e.model === undefined ? { id: e.id, title: e.title } : { id: e.id, title: e.title, model: e.model };
}

export function diffMarkdown(diff: WorkspaceDiff, sides: DiffSides): string {
  const head = sides.head === null ? 'the working tree' : `${mdCode(sides.head.name)} (${mdCode(short(sides.head.commit))})`;
  const out: string[][] = [['# Threat model changes'], [`From ${mdCode(sides.base.name)} (${mdCode(short(sides.base.commit))}) to ${head}.`]];
  const c = diff.coverage;
  out.push([`Coverage: **${percentText(coverageRatio(c.before))} → ${percentText(coverageRatio(c.after))}**${points(c.before, c.after)}; covered threats ${c.before.covered} of ${c.before.threats} → ${c.after.covered} of ${c.after.threats}.`]);
  const movedModels = c.models.filter((m) => !sameTally(m.before, m.after));
  if (movedModels.length > 0) {
    out.push(
      table(
        ['Model', 'Before', 'After', 'Open before', 'Open after'],
        ['l', 'l', 'l', 'r', 'r'],
        movedModels.map((m) => [mdCode(m.id), tallyText(m.before), tallyText(m.after), String(m.before?.open ?? 0), String(m.after?.open ?? 0)]),
      ),
    );
  }
  if (isEmptyDiff(diff)) {
    out.push(['No threat, mitigation, asset, agent or model was added, removed or changed.']);
    return blocks(out);
  }
  if (diff.newOpenThreats.length > 0) {
    out.push(['## New open threats']);
    out.push(diff.newOpenThreats.map((t) => `- ${mdText(t.title)} (${mdCode(t.model)}/${mdCode(t.id)}, ${t.risk} risk${t.before === null ? ', new' : `, was ${t.before}`})`));
  }
  if (diff.statusChanges.length > 0) {
    out.push(['## Mitigation status changes']);
    out.push(table(['Mitigation', 'Before', 'After'], ['l', 'l', 'l'], diff.statusChanges.map((s) => [`${mdText(s.title)} (${mdCode(s.id)})`, s.before, s.after])));
  }
  section(out, 'Models', diff.models);
  section(out, 'Threats', diff.threats);
  section(out, 'Mitigations', diff.mitigations);
  section(out, 'Assets', diff.assets);
  section(out, 'Agents', diff.agents);
  return blocks(out);
}

function section(out: string[][], heading: string, changes: EntryChanges): void {
  const lines = [
    ...changes.added.map((e) => `- added: ${ref(e)}`),
    ...changes.removed.map((e) => `- removed: ${ref(e)}`),
    ...changes.changed.map((e) => `- changed: ${ref(e)}: ${e.fields.map((f) => mdText(f.field)).join(', ')}`),
  ];
  if (lines.length > 0) out.push([`## ${heading}`], lines);
}

function ref(e: EntryRef): string {
  return `${mdText(e.title)} (${e.model === undefined ? '' : `${mdCode(e.model)}/`}${mdCode(e.id)})`;
}

function tallyText(t: Tally | null): string {
  return t === null ? 'absent' : `${percentText(coverageRatio(t))} (${t.covered}/${t.threats})`;
}

function sameTally(a: Tally | null, b: Tally | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The change in points, rounded once from the exact difference of the two ratios. */
function points(before: Tally, after: Tally): string {
  if (before.threats === 0 || after.threats === 0) return '';
  // covered₁ / threats₁ − covered₀ / threats₀ over one denominator, in whole numbers.
  const change = after.covered * before.threats - before.covered * after.threats;
  const size = roundPercent({ part: Math.abs(change), whole: before.threats * after.threats }, 1);
  return size === 0 ? ' (unchanged)' : ` (${change > 0 ? '+' : '−'}${size} points)`;
}

function short(commit: string): string {
  return commit.slice(0, 12);
}
