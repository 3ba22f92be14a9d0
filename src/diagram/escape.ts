/**
 * Turns user text into the inside of a quoted mermaid label that shows exactly that text.
 *
 * Mermaid decodes `#name;` / `#123;` entities in labels and renders labels as HTML, so every
 * character that could end the quotes, start markup, start a directive (`%%`), switch the label
 * to markdown (a backtick) or form an entity is replaced by a numeric entity. Mermaid's own
 * entity pass uses `ﬂ°°`, `ﬂ°` and `¶ß` as temporary markers and also rewrites lines matching
 * `style…:…#…;`, so those marker characters and `:` are encoded too. Mermaid also runs its
 * marker decoding once more on text it has already decoded, so a marker written by the user
 * would still turn into `&#`; normalizeLabelText puts an invisible word joiner inside such
 * sequences (they never occur in real prose) so they show as written.
 */
import { BIDI_CONTROLS } from '../core/bidi.js';

const ENTITY: Readonly<Record<string, string>> = {
  '#': '#35;',
  '"': '#quot;',
  '&': '#amp;',
  '<': '#lt;',
  '>': '#gt;',
  '%': '#37;',
  '`': '#96;',
  ':': '#58;',
  ';': '#59;',
  '\u00b6': '#182;',
  '\ufb02': '#64258;',
};

const SPECIAL = /[#"&<>%`:;\u00b6\ufb02]/g;
/**
 * C0/C1 controls other than newline (tabs become spaces): invisible and parser-hostile; and the
 * bidirectional embedding, override and isolate controls, which make a label display in another
 * order than it reads.
 */
const CONTROL = new RegExp(`[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u2028\\u2029${BIDI_CONTROLS}]`, 'g');

/** The longest label text kept, in characters; longer text is cut and ends with an ellipsis. */
export const MAX_LABEL_CHARS = 120;

/** Text as it should appear, cut to `max` characters (code points) with an ellipsis. */
export function clip(text: string, max = MAX_LABEL_CHARS): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/** Newlines kept as line breaks, other whitespace runs collapsed (HTML would collapse them anyway). */
export function normalizeLabelText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(CONTROL, '')
    .replace(/\ufb02\u00b0/g, '\ufb02\u2060\u00b0')
    .replace(/\u00b6\u00df/g, '\u00b6\u2060\u00df')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** The escaped label body (without the surrounding quotes) for already-normalized text. */
export function escapeLabelBody(text: string): string {
  return text.replace(SPECIAL, (c) => ENTITY[c] ?? c).replace(/\n/g, '<br/>');
}

/**
 * A complete quoted label, `"…"`, for the given lines of user text. Empty text gets a
 * placeholder because mermaid renders `""` as the node id.
 */
export function label(...lines: readonly string[]): string {
  // Length-prefixed, so no two lists of lines share a key whatever the lines hold.
  let key = '';
  for (const line of lines) key += `${line.length}:${line}`;
  let quoted = labels.get(key);
  if (quoted === undefined) {
    const text = normalizeLabelText(lines.map((l) => clip(normalizeLabelText(l).replace(/\n/g, ' '))).join('\n'));
    quoted = `"${text === '' ? '(untitled)' : escapeLabelBody(text)}"`;
    // A bound, not a policy: a run labels each title, status and group a few times over.
    if (labels.size >= MAX_REMEMBERED_LABELS) labels.clear();
    labels.set(key, quoted);
  }
  return quoted;
}

/**
 * Labels already made: charts are printed again while a model is cut into charts, and the
 * same assets, mitigations and techniques appear in every chart of a model.
 */
const labels = new Map<string, string>();
const MAX_REMEMBERED_LABELS = 100_000;

/**
 * What mermaid shows for an escaped label body: entities decoded, `<br/>` as a newline.
 * Used by tests to prove the escaping round-trips; it mirrors mermaid's decoding only for
 * the forms escapeLabelBody produces.
 */
export function unescapeLabelBody(body: string): string {
  const named: Readonly<Record<string, string>> = { quot: '"', amp: '&', lt: '<', gt: '>' };
  return body.replace(/<br\/>|#(\d+|quot|amp|lt|gt);/g, (match, entity: string | undefined) => {
    if (entity === undefined) return '\n';
    return /^\d+$/.test(entity) ? String.fromCodePoint(Number(entity)) : (named[entity] ?? match);
  });
}
