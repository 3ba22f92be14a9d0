import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMd, escapeMdBlock } from '../../src/render/md-text.js';
import { escapeRst, escapeRstBlock, rstHeading, underlineWidth } from '../../src/render/rst-text.js';
import { tidy } from '../../src/render/environment.js';
import { dedent } from '../../src/render/syntax.js';
import { normalizeText, oneLine, paragraphs } from '../../src/render/text.js';
import { safeUrl } from '../../src/render/urls.js';

/** What docutils does with backslash escapes in ordinary text: drop the backslash, keep the character. */
function unescapeRst(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

describe('RST escaping', () => {
  it.each([
    ['.. raw:: html', '\\.\\. raw\\:\\: html'],
    ['|x|', '\\|x\\|'],
    ['word_', 'word\\_'],
    ['`D3-ACH`_', '\\`D3\\-ACH\\`\\_'],
    ['C:\\path', 'C\\:\\\\path'],
    ['*.conf **kwargs', '\\*\\.conf \\*\\*kwargs'],
    ['<script>', '\\<script\\>'],
    ['plain words', 'plain words'],
  ])('%j → %j', (input, expected) => {
    expect(escapeRst(input)).toBe(expected);
  });

  it('keeps paragraphs and drops the indentation that would start a block quote or definition', () => {
    expect(escapeRstBlock('Term\n   definition\n\n\n- item')).toBe('Term\ndefinition\n\n\\- item');
  });

  it('round-trips any text through docutils-style unescaping (whitespace normalised)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(unescapeRst(escapeRst(text))).toBe(normalizeText(text).replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 500 },
    );
  });

  it('never leaves an ASCII punctuation character unescaped', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const out = escapeRst(text).replace(/\\./g, '');
        expect(out).not.toMatch(/[!-/:-@[-`{-~]/);
      }),
      { numRuns: 500 },
    );
  });

  it('underlines titles at least as wide as docutils measures them', () => {
    expect(rstHeading('Titel', 2)).toBe('Titel\n-----');
    expect(rstHeading('データ', 1)).toBe('======\nデータ\n======');
    expect(underlineWidth('ab')).toBe(2);
  });
});

describe('Markdown escaping', () => {
  it.each([
    ['<script>alert(1)</script>', '\\<script\\>alert\\(1\\)\\</script\\>'],
    ['a | b', 'a \\| b'],
    ['&amp;', '\\&amp;'],
    ['[x](y)', '\\[x\\]\\(y\\)'],
    ['1. not a list', '1\\. not a list'],
    ['# not a heading', '\\# not a heading'],
    ['www.example.com', 'www\\.example.com'],
    ['user@example.com', 'user\\@example.com'],
    ['https://x.y', 'https\\://x.y'],
  ])('%j → %j', (input, expected) => {
    expect(escapeMd(input)).toBe(expected);
  });

  it('escapes every line start of a block', () => {
    expect(escapeMdBlock('a\n2) b\n\n- c')).toBe('a\n2\\) b\n\n\\- c');
  });

  it('leaves no unescaped <, & or | whatever the input', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const out = escapeMd(text).replace(/\\./g, '');
        expect(out).not.toMatch(/[<&|`*_[\]]/);
      }),
      { numRuns: 500 },
    );
  });
});

describe('text clean-up', () => {
  it('turns every line break docutils knows into a newline and controls into U+FFFD', () => {
    expect(normalizeText('a\r\nb\fc\u2028d\u0085e\0f\tg')).toBe('a\nb\nc\nd\ne\uFFFDf    g');
  });
});

/**
 * The clean-up functions skip work when a test shows there is none to do, or do it in one pass;
 * on any text they must give what their plain definitions give (written out here as they were
 * before).
 */
describe('bidirectional controls (Trojan Source)', () => {
  it('become U+FFFD in both formats, so text reads in the order it displays', () => {
    const title = 'refund \u202e0001\u202c EUR';
    expect(escapeRst(title)).toBe('refund \uFFFD0001\uFFFD EUR');
    expect(escapeMd(title)).toBe('refund \uFFFD0001\uFFFD EUR');
    expect(escapeMdBlock('a \u2066b\u2069')).toBe('a \uFFFDb\uFFFD');
    expect(escapeRst('\u05e9\u05dc\u05d5\u05dd')).toBe('\u05e9\u05dc\u05d5\u05dd');
  });
});

describe('text clean-up shortcuts', () => {
  const plainNormalize = (t: string) =>
    t
      .replace(/\r\n?|[\v\f\x1c-\x1e\x85\u2028\u2029]/g, '\n')
      .replace(/[\0-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]/g, '\uFFFD')
      .replace(/\t/g, '    ');
  const plainOneLine = (t: string) => plainNormalize(t).replace(/\s+/g, ' ').trim();
  const plainParagraphs = (t: string) =>
    plainNormalize(t)
      .split(/\n[ \t]*\n/)
      .map((p) => p.split('\n').map((l) => l.trim()).filter((l) => l !== ''))
      .filter((p) => p.length > 0);
  const plainDedent = (t: string) => {
    const lines = t.trimEnd().split('\n');
    while (lines.length > 0 && lines[0]?.trim() === '') lines.shift();
    const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)?.[0].length ?? 0);
    const cut = indents.length > 0 ? Math.min(...indents) : 0;
    return lines.map((l) => l.slice(cut).trimEnd());
  };
  const plainTidy = (t: string) =>
    `${t
      .split('\n')
      .map((l) => l.trimEnd())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()}\n`;
  // Mostly whitespace, line breaks and controls of every kind, where the shortcuts could go wrong.
  const text = fc.oneof(
    fc.array(fc.constantFrom(' ', '  ', '\n', '\n\n', '\t', '\r', '\r\n', '\v', '\f', '\x1c', '\x85', '\u2028', '\u00a0', '\u3000', '\0', '\x7f', '\u202e', '\u2067', '\u200f', 'a', 'b c', '-', '*')).map((a) => a.join('')),
    fc.array(fc.constantFrom('www.', 'WwW.', 'awww.', '0.', '1.', '22)', '9)', '|', '\\', '\\\\', '•', '‣ ', '`', '<', '.', ':', 'é', ' ', '\n', 'x')).map((a) => a.join('')),
    fc.string({ unit: 'binary' }),
  );

  it('agree with the plain definitions on any text', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(normalizeText(t)).toBe(plainNormalize(t));
        expect(oneLine(t)).toBe(plainOneLine(t));
        expect(paragraphs(t)).toEqual(plainParagraphs(t));
        expect(dedent(t)).toEqual(plainDedent(t));
        expect(tidy(t)).toBe(plainTidy(t));
        const plainRst = plainOneLine(t).replace(/[!-/:-@[-`{-~]/g, '\\$&');
        expect(escapeRst(t)).toBe(/^(?:[•‣⁃](?:\s|$)|\\+$)/.test(plainRst) ? `\\ ${plainRst}` : plainRst);
        const plainMd = (line: string) =>
          line
            .replace(/[\\`*_{}[\]()<>#+!|~&=$^:@-]/g, '\\$&')
            .replace(/^(\d+)([.)])/, '$1\\$2')
            .replace(/\b(www)\./gi, '$1\\.');
        expect(escapeMd(t)).toBe(plainMd(plainOneLine(t)));
        expect(escapeMdBlock(t)).toBe(plainParagraphs(t).map((p) => p.map(plainMd).join('\n')).join('\n\n'));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('safeUrl', () => {
  it('accepts http(s) and mailto only', () => {
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('data:text/html,x')).toBeUndefined();
    expect(safeUrl('mailto:a@b.c')).toBe('mailto:a@b.c');
  });
  it('takes the scheme in any case, as the schema does', () => {
    expect(safeUrl('HTTPS://EXAMPLE.COM')).toBe('HTTPS://EXAMPLE.COM');
    expect(safeUrl('Http://x')).toBe('Http://x');
    expect(safeUrl('MAILTO:a@b.c')).toBe('MAILTO:a@b.c');
    expect(safeUrl('JavaScript:alert(1)')).toBeUndefined();
  });
  it('percent-encodes what would end a link or a table cell', () => {
    expect(safeUrl('https://x/a|b<c>`d e\\f')).toBe('https://x/a%7Cb%3Cc%3E%60d%20e%5Cf');
  });
});
