#!/usr/bin/env node
/**
 * Writes a synthetic but realistic model directory for benchmarks and fuzzing.
 *
 *   node bench/generate.mjs --out DIR [--scale N] [--seed S] [--catalog FILE] [--max-files N]
 *
 * Scale 1 is 50 files (5 libraries, 45 models) holding 1,000 threats, 300 mitigations,
 * 200 assets, 30 threat agents and the deployment profiles; scale N multiplies every count.
 * D3FEND and ATT&CK ids are real ones read from the shipped catalog (retired and deprecated
 * ids left out), references cross files, and every asset and mitigation is used, so the
 * directory validates with no diagnostics at all. Output depends only on the options: the
 * random choices come from a seeded generator.
 *
 * Plain Node ESM on purpose: the benchmark must not depend on the TypeScript build.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_CATALOG = join(ROOT, 'd3fend', 'catalog.json');

/** Counts per unit of scale. */
export const PER_SCALE = Object.freeze({
  files: 50,
  libraries: 5,
  threats: 1000,
  mitigations: 300,
  assets: 200,
  agents: 30,
});

/**
 * Above this many files per directory the loader refuses the run (too-many-files), so large
 * scales put more entries in each file instead of writing more files.
 */
export const DEFAULT_MAX_FILES = 1000;

// ---------------------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: tiny, fast and good enough to pick words; seeded from a string hash. */
export function createRandom(seed) {
  let h = 2166136261;
  for (const ch of String(seed)) h = Math.imul(h ^ ch.codePointAt(0), 16777619);
  let state = h >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  const chance = (p) => next() < p;
  /** `count` distinct items (fewer when the list is shorter). */
  const sample = (list, count) => {
    const n = Math.min(count, list.length);
    const chosen = new Set();
    while (chosen.size < n) chosen.add(list[Math.floor(next() * list.length)]);
    return [...chosen];
  };
  return { next, int, pick, chance, sample };
}

// ---------------------------------------------------------------------------------------
// Vocabulary: enough variety that rendered tables and descriptions look like real ones

const SYSTEMS = [
  'payments', 'identity', 'build-pipeline', 'edge-gateway', 'telemetry', 'key-management',
  'container-platform', 'enclave-runtime', 'data-lake', 'mobile-backend', 'firmware-update',
  'messaging', 'billing', 'search', 'support-portal',
];
const COMPONENTS = [
  'API gateway', 'container runtime', 'enclave loader', 'key management service', 'CI runner',
  'artifact registry', 'session store', 'message broker', 'object storage bucket',
  'admin console', 'device agent', 'metrics collector', 'identity provider', 'policy engine',
  'log shipper', 'database cluster', 'service mesh sidecar', 'bootloader', 'web frontend',
  'batch scheduler', 'secrets vault', 'attestation service', 'load balancer', 'DNS resolver',
];
const DATA = [
  'signing keys', 'customer records', 'session tokens', 'audit logs', 'container images',
  'configuration files', 'TLS certificates', 'payment card data', 'encryption keys',
  'build artifacts', 'user credentials', 'backup archives', 'firmware images', 'API keys',
  'telemetry events', 'access policies', 'health data', 'kernel command line', 'source code',
];
const ASSET_PROPERTIES = [
  'confidentiality', 'integrity', 'availability', 'authenticity', 'authorization',
  'non-repudiation', 'privacy',
];
const AGENTS = [
  'External attacker', 'Malicious insider', 'Compromised dependency', 'Curious tenant',
  'Rogue administrator', 'Automated botnet', 'Nation-state operator', 'Disgruntled contractor',
  'Compromised CI job', 'Physical intruder',
];
const THREAT_VERBS = [
  ['Tampering with', 'tampering'], ['Disclosure of', 'information-disclosure'],
  ['Spoofed access to', 'spoofing'], ['Exhaustion of', 'denial-of-service'],
  ['Privilege escalation through', 'elevation-of-privilege'], ['Unlogged changes to', 'repudiation'],
  ['Replay of', 'spoofing'], ['Exfiltration of', 'information-disclosure'],
  ['Rollback of', 'tampering'], ['Injection into', 'tampering'],
];
const VECTORS = [
  'a misconfigured access policy', 'a vulnerable third-party library', 'a stolen credential',
  'an unauthenticated debug port', 'a downgrade attack on the transport', 'a side channel',
  'a crafted request body', 'a poisoned build cache', 'an unsigned update package',
  'a leaked environment variable', 'a race in the startup sequence', 'an exposed metrics endpoint',
];
const MITIGATION_VERBS = [
  'Encrypt', 'Sign and verify', 'Rotate', 'Restrict network access to', 'Monitor access to',
  'Harden the configuration of', 'Isolate', 'Back up', 'Rate-limit requests to', 'Audit changes to',
  'Pin versions of', 'Attest the state of',
];
const SENTENCES = [
  'An attacker who reaches the {c} can read or alter {d} without leaving a trace in the audit trail.',
  'The {c} trusts input from neighbouring services, so one compromised workload is enough to pivot.',
  'Default settings of the {c} expose {d} to every tenant on the host.',
  'Operators rely on manual checks during releases, which are skipped under time pressure.',
  'Failures of the {c} are retried silently, which hides sustained abuse from on-call engineers.',
  'Keys protecting {d} are shared across environments and rarely rotated.',
  'The {c} runs with more privileges than it needs because of a legacy integration.',
  'Logs of the {c} are kept for seven days, too short to investigate slow attacks.',
  'Recovery procedures for {d} exist on paper but have not been rehearsed this year.',
  'The design assumes the network between the {c} and its clients is private, which no longer holds.',
  'Only the production deployment enforces this control; development clusters do not.',
  'The vendor documents the hardening steps, but they are not part of the deployment templates.',
  'Detection depends on alerts that fire only after {d} has already left the environment.',
  'A reviewed runbook describes who may approve emergency changes to the {c}.',
];
const NOTE_SENTENCES = [
  'Accepted for the current release; revisit when the {c} is replaced.',
  'Owner: platform security. Tracked in the quarterly risk review.',
  'Partially addressed by network segmentation; residual risk is low in production.',
  'Waiting for the vendor to ship a fix for the {c}.',
];
const SECTION_TITLES = ['Trusted execution environment', 'Secure boot chain', 'Supply chain', 'Mobile clients'];

// ---------------------------------------------------------------------------------------
// Catalog ids

/** Usable ids from a catalog object: techniques that are not retired, ATT&CK not deprecated. */
export function usableIds(catalog) {
  const retired = new Set((catalog.retired ?? []).map((r) => r.id));
  const deprecated = new Set((catalog.deprecatedAttack ?? []).map((a) => a.id));
  const d3fend = catalog.techniques.map((t) => t.id).filter((id) => id.startsWith('D3-') && !retired.has(id));
  const attack = catalog.attack.map((a) => a.id).filter((id) => !deprecated.has(id));
  const usable = new Set(d3fend);
  /** ATT&CK id → D3FEND ids that counter it, so mitigations fit the threats they answer. */
  const counters = new Map();
  for (const link of catalog.links ?? []) {
    if (!usable.has(link.d3fend) || deprecated.has(link.attack)) continue;
    const list = counters.get(link.attack) ?? [];
    if (!list.includes(link.d3fend)) list.push(link.d3fend);
    counters.set(link.attack, list);
  }
  if (d3fend.length === 0 || attack.length === 0) throw new Error('the catalog holds no usable D3FEND or ATT&CK ids');
  return { d3fend, attack, counters };
}

export function readCatalog(path = DEFAULT_CATALOG) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

// ---------------------------------------------------------------------------------------
// The plan: every entry and reference, before any YAML is written

function fill(template, rnd, component, data) {
  return template.replaceAll('{c}', component ?? rnd.pick(COMPONENTS)).replaceAll('{d}', data ?? rnd.pick(DATA));
}

function paragraph(rnd, min, max, component, data) {
  const count = rnd.int(min, max);
  return rnd.sample(SENTENCES, count).map((s) => fill(s, rnd, component, data)).join(' ');
}

function slug(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40).replace(/-$/, '');
}

function capitalise(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Splits `total` over `parts` buckets with some spread, every bucket at least `min`. */
function spread(rnd, total, parts, min) {
  const weights = Array.from({ length: parts }, () => 0.4 + rnd.next() * 1.2);
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.max(min, Math.floor((w / sum) * total)));
  let diff = total - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; diff !== 0; i = (i + 1) % parts) {
    if (diff > 0) {
      counts[i]++;
      diff--;
    } else if (counts[i] > min) {
      counts[i]--;
      diff++;
    }
  }
  return counts;
}

/**
 * Builds every file's content as plain objects. Libraries of one scale unit serve that
 * unit's models, so references cross files without one file knowing the whole directory.
 */
export function plan({ scale = 1, seed = 'threatdoc', catalog, maxFiles = DEFAULT_MAX_FILES }) {
  if (!Number.isInteger(scale) || scale < 1) throw new Error(`scale must be a positive integer, not ${scale}`);
  // Each scale unit writes its libraries and at least one model: fewer files cannot hold one.
  const fewest = PER_SCALE.libraries + 1;
  if (!Number.isInteger(maxFiles) || maxFiles < fewest) throw new Error(`max files must be a whole number of at least ${fewest}, not ${maxFiles}`);
  const rnd = createRandom(`${seed}:${scale}`);
  const ids = usableIds(catalog);
  const files = Math.min(PER_SCALE.files * scale, maxFiles);
  const units = Math.min(scale, Math.max(1, Math.floor(files / PER_SCALE.files)));
  const filesPerUnit = spread(rnd, files, units, PER_SCALE.libraries + 1);
  let serial = 0;
  const nextId = (text) => `${slug(text)}-${(serial++).toString(36)}`;
  const out = [];

  // Profiles are few and global, as in a real organisation.
  const profiles = [
    { id: 'production', title: 'Production', description: 'Customer-facing deployments in the primary regions.' },
    { id: 'staging', title: 'Staging', description: 'Pre-release environment with production-like data.' },
    { id: 'development', title: 'Development', description: 'Engineer sandboxes; debug interfaces are allowed.' },
  ];

  for (let u = 0; u < units; u++) {
    const unitFiles = filesPerUnit[u];
    const libraryCount = PER_SCALE.libraries;
    const modelCount = unitFiles - libraryCount;
    const share = (perScale) => Math.round((perScale * scale) / units);
    const threatTotal = share(PER_SCALE.threats);
    const mitigationTotal = share(PER_SCALE.mitigations);
    const assetTotal = share(PER_SCALE.assets);
    const agentTotal = share(PER_SCALE.agents);

    const libraries = Array.from({ length: libraryCount }, (_, i) => ({
      threatdoc: 1,
      kind: 'library',
      id: `shared-${u}-${i}`,
      title: `Shared controls ${u + 1}.${i + 1}: ${capitalise(rnd.pick(COMPONENTS))}`,
      description: paragraph(rnd, 1, 2),
      profiles: u === 0 && i === 0 ? profiles : [],
      assets: [],
      agents: [],
      mitigations: [],
    }));
    const models = Array.from({ length: modelCount }, (_, i) => {
      const system = SYSTEMS[(u * 7 + i) % SYSTEMS.length];
      const component = rnd.pick(COMPONENTS);
      const status = rnd.pick(['draft', 'draft', 'reviewed', 'reviewed', 'reviewed', 'tbd']);
      return {
        dir: system,
        doc: {
          threatdoc: 1,
          id: `${system}-${u}-${i}`,
          title: `${capitalise(system.replaceAll('-', ' '))}: ${component} (${u + 1}.${i + 1})`,
          status,
          description: paragraph(rnd, 2, 3, component),
          scope: `The ${component} and the services that call it, as deployed in every region.`,
          assumptions: rnd.sample(
            ['The cloud provider hypervisor is trusted.', 'Engineers use hardware security keys.',
              'Network segmentation between tenants is enforced by the platform.',
              'Time on every host is synchronised.'],
            rnd.int(1, 3),
          ),
          outOfScope: rnd.chance(0.5) ? ['Physical attacks on the data centre.'] : [],
          references: rnd.chance(0.4)
            ? [{ title: `${capitalise(component)} hardening guide`, url: `https://docs.example.org/${slug(component)}/hardening` }]
            : [],
          profiles: [],
          assets: [],
          agents: [],
          threats: [],
          mitigations: [],
          sections: status === 'tbd' || rnd.chance(0.1)
            ? [{ id: nextId(`section ${system}`), title: rnd.pick(SECTION_TITLES), status: 'tbd', body: 'To be written with the owning team.' }]
            : [],
        },
      };
    });

    // Entries: library shares (agents 50%, assets 25%, mitigations 40%), the rest in models.
    const holderOf = (fromLibrary, index) => (fromLibrary ? libraries[index % libraryCount] : models[index % modelCount].doc);
    const makeAgent = () => {
      const name = rnd.pick(AGENTS);
      return { id: nextId(name), name, description: `${name} with ${rnd.pick(['basic', 'moderate', 'advanced'])} skills and ${rnd.pick(['no', 'limited', 'broad'])} prior access.` };
    };
    const makeAsset = () => {
      const data = rnd.pick(DATA);
      const component = rnd.pick(COMPONENTS);
      return {
        id: nextId(`${data} ${component}`),
        name: `${capitalise(data)} held by the ${component}`,
        description: fill(rnd.pick(SENTENCES), rnd, component, data),
        properties: rnd.sample(ASSET_PROPERTIES, rnd.int(1, 3)),
      };
    };
    const makeMitigation = (inLibrary) => {
      const verb = rnd.pick(MITIGATION_VERBS);
      const data = rnd.pick(DATA);
      const d3fend = rnd.chance(0.9) ? rnd.sample(ids.d3fend, rnd.int(1, 2)) : [];
      const m = {
        id: nextId(`${verb} ${data}`),
        title: `${verb} ${data}`,
        description: paragraph(rnd, 1, 2, undefined, data),
        d3fend,
        status: rnd.pick(['implemented', 'implemented', 'implemented', 'partial', 'planned', 'planned', 'none', 'not-applicable']),
        references: rnd.chance(0.2) ? [{ title: 'Internal control standard', url: `https://wiki.example.org/controls/${slug(verb)}` }] : [],
      };
      if (rnd.chance(inLibrary ? 0.2 : 0.1)) m.profiles = rnd.sample(['production', 'staging'], rnd.int(1, 2));
      return m;
    };
    const libAgents = Math.floor(agentTotal / 2);
    for (let i = 0; i < agentTotal; i++) holderOf(i < libAgents, i).agents.push(makeAgent());
    const libAssets = Math.floor(assetTotal / 4);
    for (let i = 0; i < assetTotal; i++) holderOf(i < libAssets, i).assets.push(makeAsset());
    const libMitigations = Math.floor((mitigationTotal * 2) / 5);
    for (let i = 0; i < mitigationTotal; i++) {
      const inLibrary = i < libMitigations;
      holderOf(inLibrary, i).mitigations.push(makeMitigation(inLibrary));
    }

    // Threats: every model gets at least one, then references to its own and library entries.
    const libraryAssets = libraries.flatMap((l) => l.assets.map((a) => a.id));
    const libraryAgents = libraries.flatMap((l) => l.agents.map((a) => a.id));
    const libraryMitigations = libraries.flatMap((l) => l.mitigations);
    const threatCounts = spread(rnd, threatTotal, modelCount, 1);
    models.forEach(({ doc }, m) => {
      const ownAssets = doc.assets.map((a) => a.id);
      const ownAgents = doc.agents.map((a) => a.id);
      for (let k = 0; k < threatCounts[m]; k++) {
        const [verb, stride] = rnd.pick(THREAT_VERBS);
        const data = rnd.pick(DATA);
        const component = rnd.pick(COMPONENTS);
        const title = `${verb} ${data} in the ${component} via ${rnd.pick(VECTORS)}`;
        const attack = rnd.chance(0.6) ? rnd.sample(ids.attack, rnd.int(1, 2)) : [];
        const assets = new Set();
        if (ownAssets.length > 0) for (const a of rnd.sample(ownAssets, rnd.int(1, 2))) assets.add(a);
        if (ownAssets.length === 0 || rnd.chance(0.3)) assets.add(rnd.pick(libraryAssets));
        const agents = new Set(rnd.chance(0.6) ? rnd.sample([...ownAgents, ...libraryAgents], rnd.int(1, 2)) : []);
        const mitigations = new Set();
        if (doc.mitigations.length > 0 && rnd.chance(0.85)) for (const x of rnd.sample(doc.mitigations, rnd.int(1, 2))) mitigations.add(x.id);
        if (rnd.chance(0.5)) mitigations.add(rnd.pick(libraryMitigations).id);
        const counters = attack.flatMap((a) => ids.counters.get(a) ?? []);
        const threat = {
          id: nextId(`${verb} ${data}`),
          title,
          description: paragraph(rnd, 2, 4, component, data),
          assets,
          agents,
          stride: new Set(rnd.chance(0.3) ? [stride, rnd.pick(THREAT_VERBS)[1]] : [stride]),
          d3fend: counters.length > 0 && rnd.chance(0.7) ? [rnd.pick(counters)] : rnd.chance(0.5) ? [rnd.pick(ids.d3fend)] : [],
          attack,
          risk: rnd.chance(0.9)
            ? { impact: rnd.pick(['low', 'medium', 'medium', 'high', 'high', 'critical']), likelihood: rnd.pick(['low', 'medium', 'high']) }
            : undefined,
          mitigations,
          notes: rnd.chance(0.15) ? fill(rnd.pick(NOTE_SENTENCES), rnd, component) : undefined,
        };
        doc.threats.push(threat);
      }
    });

    // Nothing unused: attach each entry no threat names to a threat that may name it.
    const threatsOfUnit = models.flatMap(({ doc }) => doc.threats);
    for (const { doc } of models) {
      const used = (key) => new Set(doc.threats.flatMap((t) => [...t[key]]));
      const usedAssets = used('assets');
      for (const a of doc.assets) if (!usedAssets.has(a.id)) rnd.pick(doc.threats).assets.add(a.id);
      const usedMitigations = used('mitigations');
      for (const x of doc.mitigations) if (!usedMitigations.has(x.id)) rnd.pick(doc.threats).mitigations.add(x.id);
      const usedAgents = used('agents');
      for (const a of doc.agents) if (!usedAgents.has(a.id)) rnd.pick(doc.threats).agents.add(a.id);
    }
    const usedAnywhere = (key) => new Set(threatsOfUnit.flatMap((t) => [...t[key]]));
    for (const [key, list] of [['assets', libraryAssets], ['mitigations', libraryMitigations.map((x) => x.id)], ['agents', libraryAgents]]) {
      const used = usedAnywhere(key);
      for (const id of list) if (!used.has(id)) rnd.pick(threatsOfUnit)[key].add(id);
    }

    for (const lib of libraries) out.push({ path: join('libraries', `${lib.id}.yaml`), doc: lib });
    for (const { dir, doc } of models) out.push({ path: join(dir, `${doc.id}.yaml`), doc });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// YAML text, written by hand so it looks like what people write (flow lists of ids, folded
// long text) and so the generator costs little next to what it measures

const PLAIN = /^[A-Za-z][A-Za-z0-9 ,.()'/+-]*$/;

function scalar(text) {
  const s = String(text);
  if (PLAIN.test(s) && !s.endsWith(' ') && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(s)) return s;
  return JSON.stringify(s);
}

/** Long prose as a folded block (`>-`), wrapped near 90 columns. */
function text(value, indent) {
  if (value.length < 80 || !PLAIN.test(value)) return ` ${scalar(value)}`;
  const pad = ' '.repeat(indent + 2);
  const lines = [];
  let line = '';
  for (const word of value.split(' ')) {
    if (line && line.length + word.length + 1 > 88 - indent) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return ` >-\n${lines.map((l) => pad + l).join('\n')}`;
}

function idList(values) {
  return `[${[...values].join(', ')}]`;
}

/** One list entry (`- key: value` lines) at `indent`, keys in the order given. */
function entry(obj, indent) {
  const pad = ' '.repeat(indent);
  const lines = [];
  let first = true;
  for (const [key, value] of Object.entries(obj)) {
    if (value === undefined) continue;
    if ((Array.isArray(value) || value instanceof Set) && [...value].length === 0) continue;
    const lead = first ? `${pad}- ` : `${pad}  `;
    first = false;
    if (key === 'references') {
      lines.push(`${lead}references:`);
      for (const r of value) lines.push(`${pad}    - title: ${scalar(r.title)}`, `${pad}      url: ${r.url}`);
    } else if (key === 'risk') lines.push(`${lead}risk: { impact: ${value.impact}, likelihood: ${value.likelihood} }`);
    else if (Array.isArray(value) || value instanceof Set) lines.push(`${lead}${key}: ${idList(value)}`);
    else if (key === 'description' || key === 'notes' || key === 'body') lines.push(`${lead}${key}:${text(value, indent + 2)}`);
    else lines.push(`${lead}${key}: ${scalar(value)}`);
  }
  return lines.join('\n');
}

export function toYaml(doc) {
  const lines = [`threatdoc: ${doc.threatdoc}`];
  if (doc.kind) lines.push(`kind: ${doc.kind}`);
  lines.push(`id: ${doc.id}`, `title: ${scalar(doc.title)}`);
  if (doc.status) lines.push(`status: ${doc.status}`);
  if (doc.description) lines.push(`description:${text(doc.description, 0)}`);
  if (doc.scope) lines.push(`scope:${text(doc.scope, 0)}`);
  for (const key of ['assumptions', 'outOfScope']) {
    if (!doc[key]?.length) continue;
    lines.push(`${key}:`, ...doc[key].map((s) => `  - ${scalar(s)}`));
  }
  if (doc.references?.length) {
    lines.push('references:');
    for (const r of doc.references) lines.push(`  - title: ${scalar(r.title)}`, `    url: ${r.url}`);
  }
  for (const key of ['profiles', 'assets', 'agents', 'threats', 'mitigations', 'sections']) {
    const list = doc[key];
    if (!list?.length) continue;
    lines.push('', `${key}:`);
    for (const item of list) lines.push(entry(item, 2));
  }
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------

/**
 * Writes the directory (replacing `out` if it exists) and returns what it holds.
 * @returns {{ files: number, models: number, libraries: number, threats: number, mitigations: number, assets: number, agents: number, bytes: number }}
 */
export function generate({ out, scale = 1, seed = 'threatdoc', catalog, catalogPath, maxFiles = DEFAULT_MAX_FILES }) {
  const files = plan({ scale, seed, catalog: catalog ?? readCatalog(catalogPath), maxFiles });
  rmSync(out, { recursive: true, force: true });
  const stats = { files: 0, models: 0, libraries: 0, threats: 0, mitigations: 0, assets: 0, agents: 0, bytes: 0 };
  for (const file of files) {
    const target = join(out, file.path);
    mkdirSync(dirname(target), { recursive: true });
    const yaml = toYaml(file.doc);
    writeFileSync(target, yaml);
    stats.files++;
    stats.bytes += Buffer.byteLength(yaml);
    if (file.doc.kind === 'library') stats.libraries++;
    else stats.models++;
    stats.threats += file.doc.threats?.length ?? 0;
    stats.mitigations += file.doc.mitigations.length;
    stats.assets += file.doc.assets.length;
    stats.agents += file.doc.agents.length;
  }
  return stats;
}

function parseArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--out') options.out = value;
    else if (arg === '--scale') options.scale = Number(value);
    else if (arg === '--seed') options.seed = value;
    else if (arg === '--catalog') options.catalogPath = value;
    else if (arg === '--max-files') options.maxFiles = Number(value);
    else throw new Error(`unknown option ${arg} (use --out DIR --scale N --seed S --catalog FILE --max-files N)`);
    i++;
  }
  if (!options.out) throw new Error('--out DIR is required');
  return options;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const stats = generate(parseArgs(process.argv.slice(2)));
    console.log(JSON.stringify(stats));
  } catch (error) {
    console.error(`generate: ${error.message}`);
    process.exitCode = 2;
  }
}
