import { describe, expect, it } from 'vitest';
import { benchDiagram } from '../../bench/diagrams.mjs';

describe('diagram benchmark inputs', () => {
  it('are 20 flowcharts from 10 to 200 nodes, the same for both renderers', () => {
    for (const shape of ['plain', 'columns'] as const) {
      const diagrams = Array.from({ length: 20 }, (_, i) => benchDiagram(i, 20, shape));
      expect(diagrams.map((d) => d.nodes)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200]);
      for (const d of diagrams) {
        const declared = d.source.match(/^\s+n\d+\["/gm) ?? [];
        expect(declared).toHaveLength(d.nodes);
        expect(d.source.includes('subgraph')).toBe(shape === 'columns');
      }
      expect(new Set(diagrams.map((d) => d.name)).size).toBe(20);
    }
    expect(benchDiagram(3, 20)).toEqual(benchDiagram(3, 20));
  });
});
