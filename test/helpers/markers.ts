import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One diagnostic a fixture says it must produce. */
export interface Expected {
  readonly file: string;
  /** Absent for `expect-file`: a diagnostic without a position. */
  readonly line?: number;
  readonly column?: number;
  readonly code: string;
}

const MARKER = /#\s*expect(-next|-file)?:\s*([a-z0-9@,\s-]+?)\s*$/;

/**
 * Reads the `# expect: code[@col], …` markers of every YAML file under `root` (a file or a
 * directory). Files are named relative to `cwd`, as the diagnostics name them.
 */
export function readMarkers(root: string, cwd: string): Expected[] {
  const expected: Expected[] = [];
  for (const path of yamlFiles(root)) {
    const file = relative(cwd, path);
    readFileSync(path, 'utf8')
      .split('\n')
      .forEach((text, index) => {
        const match = MARKER.exec(text);
        if (!match) return;
        const where = match[1];
        for (const item of (match[2] ?? '').split(',')) {
          const [code = '', column] = item.trim().split('@');
          if (where === '-file') expected.push({ file, code });
          else expected.push({ file, line: index + 1 + (where === '-next' ? 1 : 0), code, ...(column ? { column: Number(column) } : {}) });
        }
      });
  }
  return expected;
}

function yamlFiles(root: string): string[] {
  if (!statSync(root).isDirectory()) return [root];
  return readdirSync(root)
    .sort()
    .flatMap((name) => yamlFiles(join(root, name)))
    .filter((path) => /\.ya?ml$/.test(path));
}

/** `file:line[:col] code`, the column only where the marker pins one, sorted. */
export function formatExpected(list: readonly Expected[]): string[] {
  return list.map((e) => `${e.file}:${e.line ?? '-'}${e.column !== undefined ? `:${e.column}` : ''} ${e.code}`).sort();
}

/** The same form for actual diagnostics, with columns kept only where a marker asks for one. */
export function formatActual(
  actual: readonly { file: string; code: string; range?: { start: { line: number; column: number } } }[],
  expected: readonly Expected[],
): string[] {
  const pinned = new Set(expected.filter((e) => e.column !== undefined).map((e) => `${e.file}:${e.line} ${e.code}`));
  return actual
    .map((d) => {
      const line = d.range?.start.line;
      const withColumn = line !== undefined && pinned.has(`${d.file}:${line} ${d.code}`);
      return `${d.file}:${line ?? '-'}${withColumn ? `:${d.range?.start.column}` : ''} ${d.code}`;
    })
    .sort();
}
