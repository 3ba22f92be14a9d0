/**
 * Structural checks of rendered output that run in-process on every fuzz case: cheap
 * re-parses of exactly the constructs that break silently (list-table cells, GFM table pipes,
 * raw HTML). Each returns a list of problems, empty when the text is well-formed.
 */

const indentOf = (line: string): number => line.length - line.trimStart().length;

/**
 * Every `.. list-table::` of an RST document: options then a blank line, rows as `* -` items,
 * each row with as many `-` cells as the first row and as `:widths:` names, cell text
 * indented under its bullet (a line that falls out of its cell starts a new list or a quote).
 */
export function rstListTableProblems(rst: string): string[] {
  const problems: string[] = [];
  const lines = rst.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const head = /^( *)\.\. list-table::/.exec(lines[i] ?? '');
    if (!head) continue;
    const where = `list-table at line ${i + 1}`;
    const base = head[1]?.length ?? 0;
    const block: { text: string; n: number }[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j] ?? '';
      if (line.trim() !== '' && indentOf(line) <= base) break;
      block.push({ text: line, n: j + 1 });
    }
    i = j - 1;
    const first = block.find((l) => l.text.trim() !== '');
    if (!first) {
      problems.push(`${where}: empty`);
      continue;
    }
    const c = indentOf(first.text);
    let k = block.indexOf(first);
    let widths: number | undefined;
    let headerRows = 0;
    for (; k < block.length && block[k]!.text.trim().startsWith(':'); k++) {
      const option = /^:([a-z-]+):\s*(.*)$/.exec(block[k]!.text.trim());
      if (!option || indentOf(block[k]!.text) !== c) problems.push(`${where}: malformed option at line ${block[k]!.n}`);
      else if (option[1] === 'widths') widths = option[2]!.trim().split(/[\s,]+/).length;
      else if (option[1] === 'header-rows') headerRows = Number(option[2]);
    }
    if (k < block.length && block[k]!.text.trim() !== '' && k > block.indexOf(first)) {
      problems.push(`${where}: no blank line after the options (line ${block[k]!.n})`);
    }
    const rows: number[] = [];
    for (; k < block.length; k++) {
      const { text, n } = block[k]!;
      if (text.trim() === '') continue;
      const indent = indentOf(text);
      const body = text.slice(indent);
      if (indent === c) {
        if (/^\* - /.test(body) || body === '* -') rows.push(1);
        else problems.push(`${where}: line ${n} at row level is not a "* -" row`);
      } else if (indent === c + 2) {
        if (rows.length === 0) problems.push(`${where}: cell before any row at line ${n}`);
        else if (/^- /.test(body) || body === '-') rows[rows.length - 1]!++;
        else problems.push(`${where}: line ${n} at cell level is not a "-" cell`);
      } else if (indent < c + 4) {
        problems.push(`${where}: line ${n} is indented ${indent}, outside its cell (needs ${c + 4})`);
      }
    }
    if (rows.length === 0) problems.push(`${where}: no rows`);
    const cells = rows[0];
    rows.forEach((count, r) => {
      if (count !== cells) problems.push(`${where}: row ${r + 1} has ${count} cells, the first row ${cells}`);
    });
    if (widths !== undefined && cells !== undefined && widths !== cells) problems.push(`${where}: ${widths} widths for ${cells} columns`);
    if (headerRows > rows.length) problems.push(`${where}: ${headerRows} header rows of ${rows.length}`);
  }
  return problems;
}

/** Pipes that split a GFM table row: not backslash-escaped (an even run of backslashes escapes nothing). */
export function countCellPipes(line: string): number {
  let count = 0;
  let backslashes = 0;
  for (const ch of line) {
    if (ch === '|' && backslashes % 2 === 0) count++;
    backslashes = ch === '\\' ? backslashes + 1 : 0;
  }
  return count;
}

/**
 * Every GFM table (a `|` line followed by a delimiter row): each row has the header's number
 * of cell pipes, and a blank line (or the end) follows the table.
 */
export function markdownTableProblems(md: string): string[] {
  const problems: string[] = [];
  const lines = md.split('\n');
  for (let i = 0; i + 1 < lines.length; i++) {
    const header = lines[i]!;
    if (!header.startsWith('|') || !/^\|(\s*:?-+:?\s*\|)+\s*$/.test(lines[i + 1]!)) continue;
    const expected = countCellPipes(header);
    if (countCellPipes(lines[i + 1]!) !== expected) problems.push(`table at line ${i + 1}: delimiter row does not match the header`);
    let j = i + 2;
    for (; j < lines.length && lines[j]!.startsWith('|'); j++) {
      const got = countCellPipes(lines[j]!);
      if (got !== expected) problems.push(`table at line ${i + 1}: row at line ${j + 1} has ${got} pipes, the header ${expected}`);
    }
    if (j < lines.length && lines[j]!.trim() !== '') problems.push(`table at line ${i + 1}: no blank line after it (line ${j + 1})`);
    i = j - 1;
  }
  return problems;
}

/**
 * Raw HTML a Markdown renderer would pass through: an unescaped `<` opening a tag, comment or
 * declaration, outside code spans and fences. `allowed` lists the generator's own constructs
 * (its marker comment, anchors it emits); anything else came from user text.
 */
export function markdownRawHtml(md: string, allowed: readonly RegExp[] = []): string[] {
  const problems: string[] = [];
  let fence: string | undefined;
  md.split('\n').forEach((line, index) => {
    const fenceMark = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length && line.trim() === fenceMark) fence = undefined;
      return;
    }
    if (fenceMark) {
      fence = fenceMark;
      return;
    }
    let text = line;
    for (const pattern of allowed) text = text.replace(pattern, '');
    for (const tag of htmlOutsideCode(text)) problems.push(`line ${index + 1}: raw HTML ${JSON.stringify(tag)}`);
  });
  return problems;
}

function htmlOutsideCode(line: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '`') {
      let run = 1;
      while (line[i + run] === '`') run++;
      const close = line.indexOf('`'.repeat(run), i + run);
      // An unmatched run is literal backticks, not a code span.
      if (close >= 0) i = close + run - 1;
      else i += run - 1;
      continue;
    }
    if (ch === '<' && /[A-Za-z/!?]/.test(line[i + 1] ?? '')) found.push(line.slice(i, i + 20));
  }
  return found;
}
