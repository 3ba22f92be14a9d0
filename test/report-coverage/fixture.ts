/** A report over the shop and pending models plus a model whose text is hostile markup. */
import { buildCoverageReport, type ReportOptions } from '../../src/analyze/report.js';
import { link, mitigation, model, smallCatalog, technique, threat, workspace } from '../analyze/build.js';
import { pending, shop } from '../analyze/shop.js';

export const HOSTILE = 'Pipe | <img src=x onerror=alert(1)> **bold** & "quote" ]]> \u0007bell\nnext `tick`';

export const reportCatalog = smallCatalog(
  [
    technique('D3-DENCR', 'Disk Encryption', 'Harden'),
    technique('D3-MFA', 'Multi-factor Authentication', 'Harden'),
    technique('D3-ACH', 'Application Configuration Hardening', 'Harden'),
    technique('D3-NTA', 'Network Traffic Analysis', 'Detect'),
    technique('D3-FE', 'File Encryption', 'Harden'),
  ],
  [link('D3-FE', 'T1005', ['encrypts', 'File'], ['accesses', 'File'])],
);

export function hostile() {
  return model('hostile', {
    title: HOSTILE,
    mitigations: [mitigation('soon', 'planned', ['D3-DENCR'])],
    threats: [
      threat('evil', { title: HOSTILE, attack: ['T1005'], risk: ['critical', 'high'] }),
      threat('later', { title: 'Later', mitigations: [mitigation('soon', 'planned', ['D3-DENCR'])] }),
    ],
  });
}

export function sampleReport(options: ReportOptions = {}) {
  return buildCoverageReport(workspace(hostile(), pending(), shop()), reportCatalog, options);
}
