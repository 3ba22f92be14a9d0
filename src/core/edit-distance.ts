/**
 * Optimal-string-alignment distance: Levenshtein plus adjacent swaps, which is what a
 * mistyped id or key usually is. With a `budget`, only the cells within `budget` of the
 * diagonal are computed (a path leaving that band costs more than the budget), and the search
 * gives up, returning budget + 1, as soon as a row has nothing within it: "did you mean" runs
 * this against every id of a directory, so it must cost little per candidate.
 */
type Rows = [Int32Array, Int32Array, Int32Array];
/** Three rows reused from call to call: allocating them cost more than filling them. */
let rows: Rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

export function editDistance(a: string, b: string, budget = Number.POSITIVE_INFINITY): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > budget) return budget + 1;
  if (n === 0 || m === 0) return n + m;
  const band = Math.min(Math.max(n, m), Math.floor(budget));
  const outside = band + Math.max(n, m) + 1;
  if (rows[0].length <= m) rows = [0, 1, 2].map(() => new Int32Array(2 * (m + 1))) as Rows;
  let [twoBack, previous, current] = rows;
  for (let j = 0; j <= m; j++) previous[j] = j;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - band);
    const hi = Math.min(m, i + band);
    current[0] = i;
    if (lo > 1) current[lo - 1] = outside;
    let rowMin = lo === 1 ? i : outside;
    const ai = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const bj = b.charCodeAt(j - 1);
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) value = Math.min(value, twoBack[j - 2]! + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    // The next row reads one cell past this row's band: it must count as out of reach.
    if (hi < m) current[hi + 1] = outside;
    if (rowMin > budget) return budget + 1;
    const spare = twoBack;
    twoBack = previous;
    previous = current;
    current = spare;
  }
  return Math.min(previous[m]!, budget + 1);
}
