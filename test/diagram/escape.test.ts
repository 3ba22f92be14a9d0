import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clip, escapeLabelBody, label, normalizeLabelText, unescapeLabelBody } from '../../src/diagram/escape.js';

/** Characters that would end the quotes, start markup, a directive, markdown or an entity. */
const FORBIDDEN_IN_BODY = ['"', '\n', '\r', '`', ':', '%', '&', '>', '\u00b6', '\ufb02'];

function bodyOf(quoted: string): string {
  expect(quoted.startsWith('"') && quoted.endsWith('"')).toBe(true);
  return quoted.slice(1, -1);
}

describe('label escaping', () => {
  it('replaces every special character with a mermaid entity', () => {
    expect(label('a "b" & <c> # 50% `d`')).toBe('"a #quot;b#quot; #amp; #lt;c#gt; #35; 50#37; #96;d#96;"');
  });

  it('puts each argument on its own line; whitespace inside one, newlines too, collapses', () => {
    expect(label('one\r\n  two\t three', '', 'four')).toBe('"one two three<br/>four"');
    expect(escapeLabelBody(normalizeLabelText('a\r\nb\rc'))).toBe('a<br/>b<br/>c');
  });

  it('gives the same lines the same label, and other lines their own, however often asked', () => {
    const asked: [string[], string][] = [
      [['a', 'b'], '"a<br/>b"'],
      [['a b'], '"a b"'],
      [['a\nb'], '"a b"'],
      [['1:a', 'b'], '"1#58;a<br/>b"'],
      [['1', 'a1:b'], '"1<br/>a1#58;b"'],
    ];
    for (let round = 0; round < 2; round++) for (const [lines, expected] of asked) expect(label(...lines)).toBe(expected);
  });

  it('keeps an init directive, an HTML tag and the word end as plain text', () => {
    expect(label('%%{init: {"theme":"dark"}}%%')).toBe('"#37;#37;{init#58; {#quot;theme#quot;#58;#quot;dark#quot;}}#37;#37;"');
    expect(label('<img src="http://127.0.0.1:1/x">')).toBe('"#lt;img src=#quot;http#58;//127.0.0.1#58;1/x#quot;#gt;"');
    expect(label('end')).toBe('"end"');
  });

  it("encodes mermaid's own entity markers and the style-line pattern", () => {
    expect(label('\ufb02\u00b0\u00b060\u00b6\u00df')).toBe('"#64258;\u2060\u00b0\u00b060#182;\u2060\u00df"');
    expect(label('style x:#f00;')).toBe('"style x#58;#35;f00#59;"');
  });

  it('drops the bidirectional controls that would show a label in another order than it reads', () => {
    expect(label('pay \u202eevil\u202c to \u2067x\u2069')).toBe('"pay evil to x"');
    // Right-to-left text itself, and the marks that only nudge neutral characters, stay.
    expect(label('\u05e9\u05dc\u05d5\u05dd \u200f!')).toBe('"\u05e9\u05dc\u05d5\u05dd \u200f!"');
  });

  it('gives empty text a visible placeholder instead of an empty label', () => {
    expect(label('  \n ')).toBe('"(untitled)"');
  });

  it('cuts long text with an ellipsis, counting code points', () => {
    expect(clip('x'.repeat(200), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(Array.from(clip('😀'.repeat(200), 10))).toHaveLength(10);
    expect(clip('short', 10)).toBe('short');
  });

  it('any string: the label body holds no character that can break out, and decodes back to the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }), (a, b) => {
        for (const text of [a, b, `${a}\n${b}`]) {
          const normalized = normalizeLabelText(text);
          const body = escapeLabelBody(normalized);
          const outsideBreaks = body.replace(/<br\/>/g, '');
          for (const c of [...FORBIDDEN_IN_BODY, '<']) expect(outsideBreaks).not.toContain(c);
          expect(body).not.toMatch(/%%/);
          expect(unescapeLabelBody(body)).toBe(normalized);
          expect(bodyOf(label(text)).length).toBeGreaterThan(0);
        }
      }),
      { numRuns: Number(process.env['FUZZ_RUNS'] ?? 500) },
    );
  });
});
