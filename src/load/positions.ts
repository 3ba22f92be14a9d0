import type { Position } from '../core/diagnostic.js';

/**
 * Offset → 1-based line and column, counting as `yaml`'s LineCounter does: a line starts
 * after each "\n", columns are UTF-16 code units. The fast path declines text with a lone
 * "\r", the one place where counting by "\n" alone would differ from a YAML line break.
 */
export function lineIndex(text: string): (offset: number) => Position {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (starts[low] as number) + 1 };
  };
}
