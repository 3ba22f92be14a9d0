/** A small valid model file for the scenario tests of report and diff. */

/**
 * shop: eavesdrop ← tls (implemented)  → covered
 *       injection ← waf (planned)       → partial (critical × high = critical)
 *       dos (no mitigation)             → open    (medium × high = high)
 * coverage 100 × 1 / 3 = 33.33 %; weighted 100 × (1 + 0.5) / 3 = 50 %.
 */
export const SHOP = `threatdoc: 1
id: shop
title: Web shop
status: draft
assets:
  - id: orders
    name: Orders
mitigations:
  - id: tls
    title: TLS everywhere
    d3fend: [D3-MENCR]
    status: implemented
  - id: waf
    title: Web application firewall
    d3fend: [D3-ITF]
    status: planned
threats:
  - id: eavesdrop
    title: Eavesdropping on orders
    assets: [orders]
    attack: [T1040]
    risk: { impact: high, likelihood: medium }
    mitigations: [tls]
  - id: injection
    title: SQL injection
    assets: [orders]
    attack: [T1190]
    risk: { impact: critical, likelihood: high }
    mitigations: [waf]
  - id: dos
    title: Denial of service
    assets: [orders]
    risk: { impact: medium, likelihood: high }
sections:
  - id: payments
    title: Payment flows
    status: tbd
`;
