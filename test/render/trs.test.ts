/**
 * The TRS attested-containers model must render to the threat table the TRS security chapter
 * writes by hand: Threat | Description | Mitigation, one row per threat in the same order, the
 * threat's D3FEND id beside its bold title, the mitigations' D3FEND ids and external links in
 * the Mitigation cell. The expected rows below were read off the TRS document.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalogIndex } from '../../src/d3fend/catalog.js';
import { renderAll } from '../../src/render/registry.js';
import { loadTemplates } from '../../src/render/templates.js';
import { loadWorkspace, REPO } from './load.js';

const TRS_ROWS: readonly { title: string; threatIds: string[]; mitigationIds: string[] }[] = [
  { title: 'Insecure configuration', threatIds: ['D3-ACH'], mitigationIds: [] },
  { title: 'Physical access to configuration', threatIds: [], mitigationIds: ['D3-FH'] },
  { title: 'Bootloader Authentication', threatIds: [], mitigationIds: ['D3-BA', 'D3-FV', 'D3-TBI'] },
  { title: 'Corrupting memory', threatIds: [], mitigationIds: ['D3-PAN', 'D3-SFCV', 'D3-SAOR'] },
  { title: 'Disk modification', threatIds: [], mitigationIds: ['D3-DENCR'] },
  { title: 'Containers accessing host resources', threatIds: [], mitigationIds: [] },
  { title: 'Container modification', threatIds: [], mitigationIds: [] },
  { title: 'Security vulnerabilities present in the container image', threatIds: [], mitigationIds: [] },
  { title: 'PKI key replacement', threatIds: [], mitigationIds: [] },
  { title: 'Changed PCR values', threatIds: [], mitigationIds: [] },
  { title: 'Network access', threatIds: [], mitigationIds: [] },
  { title: 'Leverage debug capabilities', threatIds: [], mitigationIds: [] },
  { title: 'Multitenancy environment', threatIds: [], mitigationIds: [] },
  { title: 'Establish a reverse tunnel', threatIds: [], mitigationIds: [] },
  { title: 'DNS spoofing', threatIds: ['D3-DNSTA'], mitigationIds: [] },
];

/** External links of the TRS threat table (IMA, PAC, BTI, MTE, image signing, ptrace, DNSSEC). */
const TRS_LINKS = [
  'https://sourceforge.net/p/linux-ima/wiki/Home/',
  'https://developer.arm.com/documentation/102433/0100/Return-oriented-programming',
  'https://developer.arm.com/documentation/ddi0596/2021-06/Base-Instructions/BTI--Branch-Target-Identification',
  'https://developer.arm.com/-/media/Arm%20Developer%20Community/PDF/Arm_Memory_Tagging_Extension_Whitepaper.pdf',
  'https://github.com/containers/podman/blob/main/docs/tutorials/image_signing.md',
  'https://www.icann.org/resources/pages/dnssec-what-is-it-why-important-2019-03-05-en',
];

interface ListTable {
  readonly caption: string;
  readonly options: Record<string, string>;
  readonly rows: string[][];
}

/** Reads the list-tables of a generated page back into cells (enough of RST for our output). */
function listTables(rst: string): ListTable[] {
  const tables: ListTable[] = [];
  const lines = rst.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const head = /^\.\. list-table::(?: (.*))?$/.exec(lines[i] ?? '');
    if (!head) continue;
    const options: Record<string, string> = {};
    let j = i + 1;
    for (; /^   :/.test(lines[j] ?? ''); j++) {
      const m = /^   :([^:]+):\s*(.*)$/.exec(lines[j] ?? '');
      if (m) options[m[1] ?? ''] = m[2] ?? '';
    }
    const rows: string[][] = [];
    for (j++; j < lines.length && (lines[j] === '' || (lines[j] ?? '').startsWith('   ')); j++) {
      const line = lines[j] ?? '';
      if (line.startsWith('   * - ')) rows.push([line.slice(7)]);
      else if (line.startsWith('     - ') || line === '     -') rows.at(-1)?.push(line.slice(7));
      else rows.at(-1)?.splice(-1, 1, `${rows.at(-1)?.at(-1) ?? ''}\n${line.slice(7)}`);
    }
    tables.push({ caption: head[1] ?? '', options, rows });
  }
  return tables;
}

const ids = (text: string) => [...text.matchAll(/`(D3-[A-Z0-9]+)`_/g)].map((m) => m[1]);

describe('TRS attested containers, rendered to RST', async () => {
  const workspace = await loadWorkspace('models');
  const files = renderAll(workspace, loadCatalogIndex(), ['rst'], { templates: loadTemplates(REPO) });
  const page = files.find((f) => f.path === 'trs-attested-containers.rst')?.content ?? '';
  const tables = listTables(page);
  const threatTable = tables.find((t) => t.caption.startsWith('Threat model'));

  it('has the TRS threat table: same columns, same rows in the same order', () => {
    expect(threatTable).toBeDefined();
    const rows = threatTable?.rows ?? [];
    expect(rows[0]).toEqual(['Threat', 'Description', 'Mitigation']);
    expect(threatTable?.options).toMatchObject({ widths: '33 33 34', 'header-rows': '1' });
    const titles = rows.slice(1).map((r) => /^\*\*(.+?)\*\*/.exec(r[0] ?? '')?.[1]?.replace(/\\(.)/g, '$1'));
    expect(titles).toEqual(TRS_ROWS.map((r) => r.title));
    for (const row of rows) expect(row).toHaveLength(3);
  });

  it('puts the D3FEND ids TRS cites beside the threat title and in the mitigations', () => {
    const rows = (threatTable?.rows ?? []).slice(1);
    TRS_ROWS.forEach((expected, i) => {
      const [threatCell = '', , mitigationCell = ''] = rows[i] ?? [];
      const titleLine = threatCell.split('\n')[0] ?? '';
      expect(ids(titleLine), expected.title).toEqual(expected.threatIds);
      // Our model may map more mitigations to D3FEND than TRS did; never fewer.
      expect(ids(mitigationCell), expected.title).toEqual(expect.arrayContaining(expected.mitigationIds));
    });
  });

  it('keeps the external links of the TRS threat table', () => {
    const cells = (threatTable?.rows ?? []).map((r) => r[2] ?? '').join('\n');
    for (const url of TRS_LINKS) expect(cells).toContain(`<${url}>\`__`);
  });

  it('has the TRS assets table: Asset | Description, the eight TRS assets', () => {
    const assets = tables.find((t) => t.caption.startsWith('Assets in'));
    expect(assets?.rows[0]).toEqual(['Asset', 'Description']);
    expect(assets?.rows.length).toBe(9);
    expect(assets?.options).toMatchObject({ widths: '50 50', 'header-rows': '1' });
  });

  it('defines each D3FEND target once, with the d3fend.mitre.org technique URL', () => {
    const targets = [...page.matchAll(/^\.\. _(D3-[A-Z0-9]+): (.+)$/gm)];
    expect(targets.map((m) => m[1])).toEqual(expect.arrayContaining(['D3-ACH', 'D3-FH', 'D3-BA', 'D3-FV', 'D3-TBI', 'D3-PAN', 'D3-SFCV', 'D3-SAOR', 'D3-DENCR', 'D3-DNSTA']));
    expect(new Set(targets.map((m) => m[1])).size).toBe(targets.length);
    for (const m of targets) expect(m[2]).toMatch(/^https:\/\/d3fend\.mitre\.org\/technique\/d3f:[A-Za-z-]+\/$/);
  });
});
