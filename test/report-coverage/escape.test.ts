import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { mdText, textBar, xmlAttr, xmlText } from '../../src/report/coverage/text.js';

/** How often `char` appears not escaped: a pipe so ends a GFM table cell, a "<" opens HTML. */
function unescaped(text: string, char: string): number {
  return [...text.matchAll(/(\\*)([|<`$])/g)].filter((m) => m[2] === char && (m[1] ?? '').length % 2 === 0).length;
}

const anyText = fc.string({ unit: 'binary', maxLength: 200 });

describe('escaping of model text', () => {
  it('Markdown text stays one line of text: no tag, no cell break, no line break', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const out = mdText(s);
        expect(out).not.toMatch(/[\n\r]/);
        // A pipe would end the cell, "<" open HTML, a backtick a code span, "$" GitHub's math.
        for (const char of ['|', '<', '`', '$']) expect(unescaped(out, char)).toBe(0);
      }),
    );
  });

  it('keeps URLs and addresses from becoming GitHub autolinks', () => {
    expect(mdText('see https://evil.example/x or www.evil.example, mail a@evil.example')).toBe(
      'see https\\://evil.example/x or www\\.evil.example, mail a\\@evil.example',
    );
  });

  it('escapes what GitHub would read as math, HTML or an entity', () => {
    expect(mdText('costs $5 to $10 <b>&amp;</b>')).toBe('costs \\$5 to \\$10 \\<b\\>\\&amp;\\</b\\>');
  });

  it('XML text and attributes parse back to the text, invalid characters replaced', () => {
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', htmlEntities: true, trimValues: false, parseTagValue: false, parseAttributeValue: false });
    fc.assert(
      fc.property(anyText, (s) => {
        const xml = `<a v="${xmlAttr(s)}"><b>${xmlText(s)}</b></a>`;
        expect(XMLValidator.validate(xml)).toBe(true);
        const expected = s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD');
        const parsed = parser.parse(xml) as { a: { v: string; b?: string } };
        expect(parsed.a.v).toBe(expected);
      }),
    );
  });

  it('draws coverage bars of a fixed width', () => {
    expect(textBar({ part: 0, whole: 3 })).toBe('░░░░░░░░░░');
    expect(textBar({ part: 1, whole: 3 })).toBe('███░░░░░░░');
    expect(textBar({ part: 1, whole: 4 })).toBe('███░░░░░░░'); // 2.5 cells, half up
    expect(textBar({ part: 3, whole: 3 })).toBe('██████████');
    expect(textBar(null)).toBe('··········');
  });
});
