import { LineCounter, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { locate } from '../../src/load/locate.js';

const text = ['id: m', 'threats:', '  - id: t1', '    assets: [disk, "net work"]', '    risk:', '      impact: high', '  - id: t2', ''].join('\n');
const lineCounter = new LineCounter();
const doc = parseDocument(text, { lineCounter });
const at = (path: (string | number)[], target?: 'key' | 'value') => {
  const { start, end } = locate(doc, lineCounter, path, target);
  return [start.line, start.column, end.line, end.column];
};

describe('locate', () => {
  it('finds values by key and index, spanning scalars', () => {
    expect(at(['threats', 0, 'assets', 1])).toEqual([4, 20, 4, 30]);
    expect(at(['threats', 0, 'risk', 'impact'])).toEqual([6, 15, 6, 19]);
  });
  it('points at the key when asked', () => {
    expect(at(['threats', 0, 'risk'], 'key')).toEqual([5, 5, 5, 9]);
  });
  it('falls back to the closest existing ancestor', () => {
    expect(at(['threats', 1, 'title'])).toEqual([7, 5, 7, 5]);
    expect(at(['threats', 9])).toEqual([3, 3, 3, 3]);
    expect(at(['threats', 0, 'assets', 0, 'deeper'])).toEqual([4, 14, 4, 18]);
  });
  it('gives the start of an empty document', () => {
    const empty = new LineCounter();
    expect(locate(parseDocument('', { lineCounter: empty }), empty, ['x']).start).toEqual({ line: 1, column: 1 });
  });
});
