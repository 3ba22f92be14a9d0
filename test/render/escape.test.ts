import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMd, escapeMdBlock } from '../../src/render/md-text.js';
import { escapeRst, escapeRstBlock, rstHeading, underlineWidth } from '../../src/render/rst-text.js';
import { normalizeText } from '../../src/render/text.js';
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

describe('safeUrl', () => {
  it('accepts http(s) and mailto only', () => {
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('data:text/html,x')).toBeUndefined();
    expect(safeUrl('mailto:a@b.c')).toBe('mailto:a@b.c');
  });
  it('percent-encodes what would end a link or a table cell', () => {
    expect(safeUrl('https://x/a|b<c>`d e\\f')).toBe('https://x/a%7Cb%3Cc%3E%60d%20e%5Cf');
  });
});
