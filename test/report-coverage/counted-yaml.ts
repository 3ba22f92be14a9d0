/** Model files for the scenario tests whose figures depend only on how many threats are covered. */

/** Model `counted`: `covered` threats with an implemented mitigation, then `open` threats with none. */
export function countedYaml(covered: number, open: number): string {
  const threat = (id: string, mitigated: boolean) =>
    [`  - id: ${id}`, `    title: Threat ${id}`, '    assets: [data]', ...(mitigated ? ['    mitigations: [done]'] : [])].join('\n');
  return [
    'threatdoc: 1',
    'id: counted',
    'title: Counted',
    'status: reviewed',
    'assets:',
    '  - id: data',
    '    name: Data',
    'mitigations:',
    '  - id: done',
    '    title: Done',
    '    d3fend: [D3-MENCR]',
    '    status: implemented',
    'threats:',
    ...Array.from({ length: covered }, (_, i) => threat(`covered-${i + 1}`, true)),
    ...Array.from({ length: open }, (_, i) => threat(`open-${i + 1}`, false)),
  ].join('\n') + '\n';
}
