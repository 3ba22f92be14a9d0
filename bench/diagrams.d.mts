/** Types of bench/diagrams.mjs, for the tests that import it. */
export interface BenchDiagram {
  readonly name: string;
  readonly kind: 'overview';
  readonly title: string;
  readonly source: string;
  readonly nodes: number;
}

export declare function benchDiagram(index: number, count: number, shape?: 'plain' | 'columns'): BenchDiagram;
