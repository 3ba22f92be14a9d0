import { describe, expect, it } from 'vitest';
import { countCellPipes, markdownRawHtml, markdownTableProblems, rstListTableProblems } from './wellformed.js';

const table = (rows: string): string => `Intro.\n\n.. list-table:: Threats\n   :widths: 20 80\n   :header-rows: 1\n\n${rows}\nAfter.\n`;

describe('rstListTableProblems', () => {
  it('accepts rows of equal cells with bullet lists and continuation lines', () => {
    const rst = table(
      ['   * - Threat', '     - Mitigation', '   * - **Disk \\*theft\\***', '       continues here', '     - - one', '       - two', ''].join('\n'),
    );
    expect(rstListTableProblems(rst)).toEqual([]);
  });

  it('reports a row with a missing cell, a stray line and widths that do not match', () => {
    const rst = table(['   * - A', '     - B', '   * - C', '   stray', '     - D', '     - E', ''].join('\n'));
    expect(rstListTableProblems(rst)).toEqual([
      'list-table at line 3: line 10 at row level is not a "* -" row',
      'list-table at line 3: row 2 has 3 cells, the first row 2',
    ]);
    const narrow = table(['   * - A', '     - B', '     - C', ''].join('\n'));
    expect(rstListTableProblems(narrow)).toEqual(['list-table at line 3: 2 widths for 3 columns']);
  });

  it('reports cell text that falls out of its cell and options with no blank line after them', () => {
    const rst = '.. list-table::\n   :header-rows: 1\n   * - A\n     - B\n    x\n';
    expect(rstListTableProblems(rst)).toEqual([
      'list-table at line 1: no blank line after the options (line 3)',
      'list-table at line 1: line 5 is indented 4, outside its cell (needs 7)',
    ]);
  });
});

describe('markdown checks', () => {
  it('counts only unescaped pipes', () => {
    expect(countCellPipes('| a \\| b | c \\\\| d |')).toBe(4);
  });

  it('finds rows whose pipes differ from the header and a missing blank line', () => {
    const md = '| A | B |\n| --- | --- |\n| x \\| y | z |\n| x | y | z |\ntext\n';
    expect(markdownTableProblems(md)).toEqual([
      'table at line 1: row at line 4 has 4 pipes, the header 3',
      'table at line 1: no blank line after it (line 5)',
    ]);
    expect(markdownTableProblems('| A |\n|:--|\n| \\<b\\> |\n\nafter\n')).toEqual([]);
  });

  it('finds raw HTML outside code and escapes, and skips allowed constructs', () => {
    const md = '<!-- generated -->\nText \\<img src=x> and `<b>` and <img src=x onerror=1>\n```\n<script>\n```\n';
    expect(markdownRawHtml(md, [/^<!-- generated -->$/])).toEqual(['line 2: raw HTML "<img src=x onerror=1"']);
  });
});
