import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { threatState } from '../../src/analyze/state.js';
import type { Model, Threat } from '../../src/core/model.js';
import { checkWorkspace, type CheckResult } from '../../src/pipeline.js';

/**
 * Facts about the example models under models/, read back through the same pipeline
 * `threatdoc validate` uses. The TRS expectations are copied from the TRS security
 * chapter the model was written from; a model edit that drifts from it fails here.
 */

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

let checked: CheckResult;

beforeAll(async () => {
  checked = await checkWorkspace(['models'], { cwd: repoRoot });
});

function model(id: string): Model {
  const found = checked.workspace.models.find((m) => m.id === id);
  if (found === undefined) throw new Error(`model ${id} is missing`);
  return found;
}

function threat(m: Model, id: string): Threat {
  const found = m.threats.find((t) => t.id === id);
  if (found === undefined) throw new Error(`threat ${id} is missing from ${m.id}`);
  return found;
}

/** Every D3FEND id a model uses, on its threats and on the mitigations they link. */
function d3fendIds(m: Model): string[] {
  const ids = new Set<string>();
  for (const t of m.threats) {
    for (const id of t.d3fend) ids.add(id);
    for (const mit of t.mitigations) for (const id of mit.d3fend) ids.add(id);
  }
  for (const mit of m.mitigations) for (const id of mit.d3fend) ids.add(id);
  return [...ids].sort();
}

describe('example models', () => {
  it('validate with no diagnostic at all, warnings included', () => {
    expect(checked.diagnostics).toEqual([]);
  });

  it('describe the five example systems, with one shared library', () => {
    expect(checked.workspace.models.map((m) => m.id)).toEqual([
      'enarx-logging',
      'enclaver-nitro',
      'scone-nodejs',
      'seng-server',
      'trs-attested-containers',
    ]);
    expect(checked.workspace.libraries.map((l) => l.id)).toEqual(['common']);
  });

  it('use every library mitigation, most of them in more than one model', () => {
    const users = new Map<string, Set<string>>();
    for (const m of checked.workspace.models) {
      for (const t of m.threats) {
        for (const mit of t.mitigations) {
          if (mit.definedIn !== 'common') continue;
          const set = users.get(mit.id) ?? new Set<string>();
          set.add(m.id);
          users.set(mit.id, set);
        }
      }
    }
    const library = checked.workspace.libraries[0];
    expect(library?.mitigations.map((mit) => mit.id).sort()).toEqual([...users.keys()].sort());
    expect([...(users.get('packet-filtering') ?? [])].sort()).toEqual([
      'scone-nodejs',
      'seng-server',
      'trs-attested-containers',
    ]);
    expect([...(users.get('sign-verify-images') ?? [])].sort()).toEqual(['enclaver-nitro', 'trs-attested-containers']);
  });

  it('give every threat a risk, a STRIDE type and at least one mitigation', () => {
    const lacking = checked.workspace.models.flatMap((m) =>
      m.threats
        .filter((t) => t.risk === undefined || t.stride.length === 0 || t.mitigations.length === 0)
        .map((t) => `${m.id}/${t.id}`),
    );
    expect(lacking).toEqual([]);
  });
});

describe('TRS attested containers', () => {
  const trs = (): Model => model('trs-attested-containers');

  it('is a draft with scope, assumptions and out-of-scope notes', () => {
    const m = trs();
    expect(m.title).toBe('Attested containers');
    expect(m.status).toBe('draft');
    expect(m.scope).toBeTruthy();
    expect(m.assumptions.length).toBeGreaterThan(0);
    expect(m.outOfScope.length).toBeGreaterThan(0);
  });

  it('has the 8 assets of the TRS assets table, in order', () => {
    expect(trs().assets.map((a) => a.name)).toEqual([
      'Private key(s) used to sign the container images',
      'Public key(s) used to verify signature',
      'PCR registers in the TPM',
      'Audit log files',
      'Authentication Tokens',
      'Environment variables',
      'Kernel command line',
      'U-Boot commandline',
    ]);
  });

  it('has every row of the TRS threat table, in order, with the same titles', () => {
    // The TRS hardening table has 15 rows.
    expect(trs().threats.map((t) => t.title)).toEqual([
      'Insecure configuration',
      'Physical access to configuration',
      'Bootloader Authentication',
      'Corrupting memory',
      'Disk modification',
      'Containers accessing host resources',
      'Container modification',
      'Security vulnerabilities present in the container image',
      'PKI key replacement',
      'Changed PCR values',
      'Network access',
      'Leverage debug capabilities',
      'Multitenancy environment',
      'Establish a reverse tunnel',
      'DNS spoofing',
    ]);
  });

  it('puts threat-level D3FEND ids exactly where TRS does', () => {
    const withIds = trs()
      .threats.filter((t) => t.d3fend.length > 0)
      .map((t) => [t.title, t.d3fend]);
    expect(withIds).toEqual([
      ['Insecure configuration', ['D3-ACH']],
      ['DNS spoofing', ['D3-DNSTA']],
    ]);
  });

  it('uses exactly the D3FEND ids TRS cites, no more', () => {
    expect(d3fendIds(trs())).toEqual(
      ['D3-ACH', 'D3-BA', 'D3-DENCR', 'D3-DNSTA', 'D3-FH', 'D3-FV', 'D3-PAN', 'D3-SAOR', 'D3-SFCV', 'D3-TBI'].sort(),
    );
  });

  it('attaches D3FEND ids to the mitigation bullets TRS attaches them to', () => {
    const bullets = (id: string): string[][] => threat(trs(), id).mitigations.map((m) => [...m.d3fend]);
    expect(bullets('physical-access-to-configuration')).toEqual([[], ['D3-FH']]);
    expect(bullets('bootloader-authentication')).toEqual([['D3-BA', 'D3-FV'], ['D3-TBI']]);
    // PAC, BTI, MTE, stack canaries, ASLR.
    expect(bullets('corrupting-memory')).toEqual([['D3-PAN'], [], [], ['D3-SFCV'], ['D3-SAOR']]);
    expect(bullets('disk-modification')).toEqual([['D3-DENCR']]);
  });

  it('keeps the number of mitigation bullets of each TRS row', () => {
    expect(trs().threats.map((t) => t.mitigations.length)).toEqual([2, 2, 2, 5, 1, 3, 2, 2, 3, 3, 2, 1, 1, 1, 1]);
  });

  it('reuses one MAC and one cgroups mitigation, from the library, for both rows that cite them', () => {
    const hostAccess = threat(trs(), 'containers-accessing-host-resources').mitigations;
    const pcrs = threat(trs(), 'changed-pcr-values').mitigations;
    for (const id of ['mandatory-access-control', 'cgroup-resource-limits']) {
      const a = hostAccess.find((m) => m.id === id);
      const b = pcrs.find((m) => m.id === id);
      expect(a).toBeDefined();
      expect(a).toBe(b);
      expect(a?.definedIn).toBe('common');
    }
  });

  it('keeps the links TRS gives its mitigations', () => {
    const urls = trs()
      .mitigations.flatMap((m) => m.references.map((r) => r.url))
      .sort();
    expect(urls).toEqual(
      expect.arrayContaining([
        'https://sourceforge.net/p/linux-ima/wiki/Home/',
        'https://developer.arm.com/documentation/102433/0100/Return-oriented-programming',
        'https://developer.arm.com/documentation/ddi0596/2021-06/Base-Instructions/BTI--Branch-Target-Identification',
        'https://developer.arm.com/-/media/Arm%20Developer%20Community/PDF/Arm_Memory_Tagging_Extension_Whitepaper.pdf',
        'https://github.com/containers/podman/blob/main/docs/tutorials/image_signing.md',
        'https://docs.fedoraproject.org/en-US/Fedora/21/html/SELinux_Users_and_Administrators_Guide/sect-Security-Enhanced_Linux-Working_with_SELinux-Disable_ptrace.html',
        'https://www.icann.org/resources/pages/dnssec-what-is-it-why-important-2019-03-05-en',
      ]),
    );
  });

  it('marks the four unwritten threat models TBD and keeps the misplaced TEE part as a draft', () => {
    // In the order of the TRS chapter; its TF-A and U-Boot parts are written, so they are
    // carried by the firmware configuration mitigation rather than listed as unfinished.
    expect(trs().sections.map((s) => [s.title, s.status])).toEqual([
      ['OP-TEE threat model', 'tbd'],
      ['Invoking the TEE from a container', 'draft'],
      ['TPM threat model', 'tbd'],
      ['Firmware TPM threat model', 'tbd'],
      ['OCI', 'tbd'],
    ]);
  });

  it('leaves the multitenancy row open, as TRS can do little about it yet', () => {
    expect(threatState(threat(trs(), 'multitenancy'))).toBe('open');
  });
});

describe('deployment profiles', () => {
  it('SCONE: debugging controls count in production only', () => {
    const scone = model('scone-nodejs');
    const states = (profile: string): string[] => scone.threats.map((t) => `${t.id}:${threatState(t, profile)}`);
    expect(states('production')).toEqual([
      'debug-mode-enclave-tolerated:covered',
      'inspector-enabled-by-flag:covered',
      'host-arguments-open-debugging:covered',
      'inspector-enabled-by-signal:partial',
      'unnecessary-ports-exposed:covered',
      'unauthorized-clients:partial',
    ]);
    expect(states('development')).toEqual([
      // Tolerated in development because development policies hold test secrets only.
      'debug-mode-enclave-tolerated:covered',
      'inspector-enabled-by-flag:open',
      'host-arguments-open-debugging:open',
      'inspector-enabled-by-signal:open',
      'unnecessary-ports-exposed:covered',
      'unauthorized-clients:partial',
    ]);
  });

  it('Enarx: each stage has its own logging controls', () => {
    const enarx = model('enarx-logging');
    expect(enarx.profiles.map((p) => p.id).sort()).toEqual(['development', 'production', 'staging']);
    const open = (profile: string): string[] =>
      enarx.threats.filter((t) => threatState(t, profile) === 'open').map((t) => t.id);
    expect(open('production')).toEqual(['failures-cannot-be-diagnosed']);
    expect(open('staging')).toEqual(['log-volume-side-channel']);
    expect(open('development')).toEqual([
      'workload-output-leaks-to-host',
      'runtime-diagnostics-leak',
      'host-alters-relayed-logs',
      'log-volume-side-channel',
    ]);
  });
});
