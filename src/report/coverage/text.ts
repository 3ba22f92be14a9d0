/**
 * Escaping of model text for the coverage formats. User text (titles, names) must stay text:
 * never Markdown or HTML markup, never a broken table cell, never malformed XML.
 */

import { roundPercent, type Ratio } from '../../analyze/percent.js';
import { escapeMd } from '../../render/md-text.js';

/**
 * One line of Markdown text, safe inside a table cell or a list item: the pages' own escaping,
 * so a title reads the same in a page, a job summary and a pull-request comment.
 */
export const mdText: (value: string) => string = escapeMd;

/** A value for a Markdown code span whose content cannot contain a backtick or a pipe (ids, ATT&CK/D3FEND ids). */
export function mdCode(value: string): string {
  return /^[A-Za-z0-9._:-]+$/.test(value) ? `\`${value}\`` : mdText(value);
}

// XML 1.0 forbids most control characters even as character references.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlText(value: string): string {
  return value.replace(XML_INVALID, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function xmlAttr(value: string): string {
  return xmlText(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

/** A bar of `width` characters, e.g. "██████░░░░" for 60 %. */
export function textBar(share: Ratio | null, width = 10): string {
  if (share === null) return '·'.repeat(width);
  const filled = Math.max(0, Math.min(width, Math.round((width * share.part) / share.whole)));
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

/** "33.3 %", one decimal rounded from the exact ratio; "n/a" when there is nothing to measure. */
export function percentText(share: Ratio | null): string {
  return share === null ? 'n/a' : `${roundPercent(share, 1)} %`;
}
