import { describe, expect, it } from 'vitest';
import { explainLink, suggestForThreat, suggestForWorkspace } from '../../src/analyze/suggestions.js';
import { link, mitigation, model, smallCatalog, technique, threat, workspace } from './build.js';

/**
 * T1005 (Data from Local System) is countered directly by D3-DENCR, D3-FAPA and D3-FE.
 * T1055.012 (Process Hollowing) has no link of its own; its parent T1055 is countered by
 * D3-FAPA and D3-PSA.
 */
const catalog = smallCatalog(
  [
    technique('D3-DENCR', 'Disk Encryption', 'Harden'),
    technique('D3-FAPA', 'File Access Pattern Analysis', 'Detect'),
    technique('D3-FE', 'File Encryption', 'Harden'),
    technique('D3-PSA', 'Process Spawn Analysis', 'Detect'),
  ],
  [
    link('D3-DENCR', 'T1005', ['encrypts', 'Storage'], ['may-access', 'Storage']),
    link('D3-FAPA', 'T1005', ['analyzes', 'File'], ['accesses', 'File']),
    link('D3-FAPA', 'T1005', ['analyzes', 'File'], ['reads', 'File']), // a second path to the same id
    link('D3-FE', 'T1005', ['encrypts', 'File'], ['accesses', 'File']),
    link('D3-FAPA', 'T1055', ['analyzes', 'File'], ['modifies', 'File']),
    link('D3-PSA', 'T1055', ['analyzes', 'Process'], ['creates', 'Process']),
  ],
  [{ id: 'T1055.012', label: 'Process Hollowing', parent: 'T1055', artifacts: [] }],
);

describe('suggestForThreat', () => {
  it('ranks by ATT&CK ids countered, direct before inherited, and skips techniques in use', () => {
    const inUse = mitigation('enc', 'planned', ['D3-DENCR']);
    const t = threat('steal', { attack: ['T1005', 'T1055.012'], mitigations: [inUse] });
    const result = suggestForThreat(t, catalog);
    // D3-FAPA counters both ids (2); D3-FE one, directly; D3-PSA one, through T1055; D3-DENCR is in use.
    expect(result.map((s) => [s.technique, s.reasons.length])).toEqual([
      ['D3-FAPA', 2],
      ['D3-FE', 1],
      ['D3-PSA', 1],
    ]);
    expect(result[0]?.reasons).toEqual([
      { attack: 'T1005', via: 'T1005', explanation: 'analyzes File ← accesses File' },
      { attack: 'T1055.012', via: 'T1055', explanation: 'analyzes File ← modifies File' },
    ]);
    expect(result[0]?.tactic).toBe('Detect');
    expect(result[0]?.url).toBe('https://d3fend.mitre.org/technique/d3f:FileAccessPatternAnalysis/');
  });

  it('caps the list per threat', () => {
    const t = threat('steal', { attack: ['T1005', 'T1055.012'] });
    expect(suggestForThreat(t, catalog, 2).map((s) => s.technique)).toEqual(['D3-FAPA', 'D3-DENCR']);
  });

  it('explains a link by both artifact relations', () => {
    expect(explainLink({ d3fend: 'D3-DENCR', attack: 'T1005', defends: { relation: 'encrypts', artifact: 'Storage' }, offends: { relation: 'may-modify', artifact: 'Storage' } })).toBe(
      'encrypts Storage ← may-modify Storage',
    );
  });
});

describe('suggestForWorkspace', () => {
  it('suggests for open and partial threats with ATT&CK ids only', () => {
    const done = mitigation('done', 'implemented', []);
    const half = mitigation('half', 'partial', []);
    const ws = workspace(
      model('m', {
        threats: [
          threat('covered', { attack: ['T1005'], mitigations: [done] }),
          threat('partial', { attack: ['T1005'], mitigations: [half] }),
          threat('open', { attack: ['T1055.012'] }),
          threat('no-attack'),
          threat('unknown-attack', { attack: ['T9999'] }),
        ],
      }),
    );
    const result = suggestForWorkspace(ws, catalog, { limit: 1 });
    expect(result.map((r) => [r.threat, r.state, r.suggestions.map((s) => s.technique)])).toEqual([
      ['partial', 'partial', ['D3-DENCR']],
      ['open', 'open', ['D3-FAPA']],
    ]);
  });
});
