#!/usr/bin/env node
/**
 * Diagram benchmark: the per-diagram cost of threatdoc's batch renderer (one Chromium, one
 * page, mermaid loaded once) against one `mmdc` process per diagram, on the same 20
 * flowcharts of 10 to 200 nodes. Both use the same Chromium, flags and mermaid limits.
 *
 *   npm run build && node bench/diagrams.mjs [--count 20] [--shape plain|columns] [--json FILE]
 *
 * --shape plain (default): a tree with extra links, no subgraphs. --shape columns: the same
 * nodes in subgraph columns like a coverage chart, which makes mermaid's layout several times
 * slower per diagram for both renderers, so the fixed cost the batch saves weighs less.
 *
 * Exits 1 when the batch is less than 4× faster per diagram. Browser start-up is included
 * in the batch figure (a build pays it once) and in every mmdc run (each pays it again).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist', 'diagram');
const MMDC = join(ROOT, 'node_modules', '.bin', 'mmdc');
const REQUIRED_SPEEDUP = 4;

function parseArgs(argv) {
  const options = { count: 20, json: undefined, shape: 'plain' };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--count') options.count = Number(argv[++i]);
    else if (argv[i] === '--json') options.json = argv[++i];
    else if (argv[i] === '--shape') options.shape = argv[++i];
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return options;
}

/**
 * Flowchart `index` of `count`: nodes spread evenly from 10 to 200, a tree of fan-out 3 with
 * a second parent for every fifth node. With shape 'columns' each level of the tree is a
 * subgraph, as in a coverage chart (edges cross between neighbouring subgraphs only, which
 * dagre lays out without crashing).
 */
export function benchDiagram(index, count, shape = 'plain') {
  const nodes = Math.round(10 + ((200 - 10) * index) / Math.max(1, count - 1));
  const level = (n) => (n === 0 ? 0 : level(Math.floor((n - 1) / 3)) + 1);
  const levels = new Map();
  for (let n = 0; n < nodes; n++) levels.set(level(n), [...(levels.get(level(n)) ?? []), n]);
  const lines = ['flowchart LR'];
  for (const [l, members] of levels) {
    if (shape === 'columns') lines.push(`  subgraph g${l}["Column ${l}"]`);
    for (const n of members) lines.push(`    n${n}["Node ${n}: a label of realistic length"]`);
    if (shape === 'columns') lines.push('  end');
  }
  for (let n = 1; n < nodes; n++) lines.push(`  n${Math.floor((n - 1) / 3)} --> n${n}`);
  for (let n = 5; n < nodes; n += 5) {
    const other = Math.floor((n - 1) / 3) + 1;
    if (level(other) === level(n) - 1) lines.push(`  n${other} -.-> n${n}`);
  }
  return { name: `bench-${String(index + 1).padStart(2, '0')}`, kind: 'overview', title: `${nodes} nodes`, source: `${lines.join('\n')}\n`, nodes };
}

async function batch(diagrams, noSandbox) {
  const { Drawer } = await import(join(DIST, 'draw.js'));
  const start = performance.now();
  const drawer = await Drawer.open({ noSandbox });
  const opened = performance.now();
  try {
    for (const d of diagrams) {
      const { layout } = await drawer.draw(d);
      if (layout !== 'dagre') throw new Error(`${d.name} needed the ${layout} layout; mmdc could not draw it`);
    }
  } finally {
    await drawer.close();
  }
  const end = performance.now();
  return { totalMs: end - start, startMs: opened - start };
}

async function perProcess(diagrams, noSandbox) {
  const { chromiumArgs, findChromium } = await import(join(DIST, 'browser.js'));
  const { mermaidConfig } = await import(join(DIST, 'draw.js'));
  const dir = mkdtempSync(join(tmpdir(), 'threatdoc-bench-'));
  try {
    const puppeteerConfig = join(dir, 'puppeteer.json');
    writeFileSync(puppeteerConfig, JSON.stringify({ executablePath: findChromium({ env: process.env }).path, args: chromiumArgs({ noSandbox }) }));
    const { startOnLoad: _unused, ...config } = mermaidConfig('dagre');
    const configFile = join(dir, 'mermaid.json');
    writeFileSync(configFile, JSON.stringify(config));
    const start = performance.now();
    for (const d of diagrams) {
      const input = join(dir, `${d.name}.mmd`);
      writeFileSync(input, d.source);
      const run = spawnSync(MMDC, ['-q', '-i', input, '-o', join(dir, `${d.name}.svg`), '-p', puppeteerConfig, '-c', configFile], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`mmdc failed on ${d.name}: ${run.stderr}`);
    }
    return { totalMs: performance.now() - start };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  readFileSync(join(DIST, 'draw.js')); // a clear ENOENT when the build is missing
  if (!['plain', 'columns'].includes(options.shape)) throw new Error(`unknown --shape ${options.shape}`);
  const diagrams = Array.from({ length: options.count }, (_, i) => benchDiagram(i, options.count, options.shape));
  const noSandbox = process.getuid?.() === 0;
  console.log(`diagrams: ${diagrams.length} ${options.shape} flowcharts of ${diagrams[0].nodes}–${diagrams.at(-1).nodes} nodes; ${cpus().length} cores, load ${loadavg()[0].toFixed(1)}`);
  const b = await batch(diagrams, noSandbox);
  const perBatch = b.totalMs / diagrams.length;
  console.log(`batch (one browser, one page): ${(b.totalMs / 1000).toFixed(1)} s total, ${(b.startMs / 1000).toFixed(1)} s of it starting the browser and mermaid, ${perBatch.toFixed(0)} ms per diagram`);
  const p = await perProcess(diagrams, noSandbox);
  const perMmdc = p.totalMs / diagrams.length;
  console.log(`mmdc (one process per diagram): ${(p.totalMs / 1000).toFixed(1)} s total, ${perMmdc.toFixed(0)} ms per diagram`);
  const speedup = perMmdc / perBatch;
  const ok = speedup >= REQUIRED_SPEEDUP;
  console.log(`speed-up: ${speedup.toFixed(1)}× (required: ≥${REQUIRED_SPEEDUP}×) ${ok ? 'ok' : 'TOO SLOW'}`);
  if (options.json) {
    mkdirSync(dirname(resolve(options.json)), { recursive: true });
    const result = { shape: options.shape, diagrams: diagrams.length, nodes: diagrams.map((d) => d.nodes), batch: b, mmdc: p, perDiagramMs: { batch: perBatch, mmdc: perMmdc }, speedup };
    writeFileSync(options.json, `${JSON.stringify(result, null, 2)}\n`);
  }
  if (!ok) process.exitCode = 1;
}

// Run only as a script, so tests can import benchDiagram.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
