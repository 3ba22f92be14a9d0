#!/usr/bin/env node
/**
 * Pipeline benchmark: wall time and peak memory of the built CLI on generated model
 * directories, next to the time just to read and parse the same YAML (the floor), plus the
 * cold start of `threatdoc --help` and of `validate` on a small model.
 *
 *   npm run bench                       # build, then sizes 1×, 10×, 100×
 *   node bench/run.mjs --sizes 1,10     # skip the slow 100× case
 *   node bench/run.mjs --runs 5 --json bench/out/results.json
 *
 * Every measurement is its own Node process (spawned with a preload that reports maxRSS at
 * exit), so figures include start-up exactly as a user or CI job sees it. Timed runs are
 * repeated and the median kept. Run it on an otherwise idle machine.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CATALOG, generate } from './generate.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'dist', 'cli', 'bin.js');
const HOOK = join(ROOT, 'bench', 'lib', 'maxrss.mjs');
const FLOOR = join(ROOT, 'bench', 'lib', 'parse-floor.mjs');
const OUT = join(ROOT, 'bench', 'out');
/** The cache of clean files the measured runs use: the bench's own, never the user's. */
const CACHE = join(OUT, 'cache');

function parseArgs(argv) {
  const options = { sizes: [1, 10, 100], runs: undefined, json: undefined, seed: 'threatdoc', coldRuns: 11, catalog: DEFAULT_CATALOG };
  for (let i = 0; i < argv.length; i++) {
    const [arg, value] = [argv[i], argv[i + 1]];
    if (arg === '--sizes') options.sizes = value.split(',').map(Number);
    else if (arg === '--runs') options.runs = Number(value);
    else if (arg === '--cold-runs') options.coldRuns = Number(value);
    else if (arg === '--json') options.json = value;
    else if (arg === '--seed') options.seed = value;
    else if (arg === '--catalog') options.catalog = resolve(value);
    else throw new Error(`unknown option ${arg} (use --sizes 1,10,100 --runs N --cold-runs N --json FILE --seed S --catalog FILE)`);
    i++;
  }
  if (options.sizes.some((s) => !Number.isInteger(s) || s < 1)) throw new Error('--sizes takes positive integers, e.g. 1,10');
  return options;
}

/** Runs one process to completion: wall time (ms), peak RSS (MB), exit code, stderr head. */
function measure(args, { cwd = OUT, env = process.env, hook = true } = {}) {
  const rssFile = join(OUT, `.maxrss-${process.pid}`);
  rmSync(rssFile, { force: true });
  return new Promise((resolvePromise, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [...(hook ? ['--import', pathToHref(HOOK)] : []), ...args], {
      cwd,
      env: { ...env, BENCH_MAXRSS_FILE: rssFile, NO_COLOR: '1', THREATDOC_CACHE_DIR: CACHE },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      if (stderr.length < 2000) stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - start;
      const usage = existsSync(rssFile) ? JSON.parse(readFileSync(rssFile, 'utf8')) : undefined;
      rmSync(rssFile, { force: true });
      resolvePromise({
        ms,
        cpuMs: usage ? (usage.user + usage.system) / 1000 : NaN,
        mb: usage ? usage.maxRSS / 1024 : NaN,
        code,
        stderr: stderr.trim().split('\n')[0] ?? '',
      });
    });
  });
}

function pathToHref(path) {
  return new URL(`file://${path}`).href;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median time and the largest peak memory over `runs` runs; `prepare` runs before each. */
async function repeat(runs, args, prepare) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    prepare?.();
    results.push(await measure(args));
  }
  return summary(results);
}

/**
 * A CI job's steps in turn, `runs` times, starting each time from `prepare` (an empty cache):
 * each step's median, and the median of the jobs' totals.
 */
async function repeatJob(runs, steps, prepare) {
  const byStep = steps.map(() => []);
  const totals = [];
  for (let i = 0; i < runs; i++) {
    prepare();
    let total = { ms: 0, cpuMs: 0, mb: 0, code: 0, stderr: '' };
    for (const [k, step] of steps.entries()) {
      step.prepare?.();
      const result = await measure(step.args);
      byStep[k].push(result);
      total = { ms: total.ms + result.ms, cpuMs: total.cpuMs + result.cpuMs, mb: Math.max(total.mb, result.mb), code: Math.max(total.code, result.code), stderr: total.stderr || result.stderr };
    }
    totals.push(total);
  }
  return { steps: byStep.map(summary), total: summary(totals) };
}

/**
 * For start-up figures: wall time from runs without the preload (loading it is 10–20 ms, a
 * large share of a 100 ms start), CPU time and memory from as many runs with it.
 */
async function repeatCold(runs, args, env = process.env) {
  const plain = [];
  const hooked = [];
  for (let i = 0; i < runs; i++) {
    plain.push(await measure(args, { env, hook: false }));
    hooked.push(await measure(args, { env }));
  }
  return { ...summary(hooked), ms: summary(plain).ms };
}

function summary(results) {
  const failed = results.find((r) => r.code !== 0 && r.code !== 1);
  return {
    // A run that crashed or was refused measures nothing: no figure rather than a wrong one.
    ms: failed ? NaN : median(results.map((r) => r.ms)),
    cpuMs: failed ? NaN : median(results.map((r) => r.cpuMs)),
    mb: Math.max(...results.map((r) => r.mb)),
    code: results[0].code,
    error: failed ? `exit ${failed.code}: ${failed.stderr}` : undefined,
  };
}

/** Generated directories are kept between runs; a stamp says what made them. */
function ensureModel(scale, seed, catalogPath) {
  const dir = join(OUT, `scale-${scale}`);
  const stampFile = join(dir, '.generated.json');
  const generator = statSync(join(ROOT, 'bench', 'generate.mjs')).mtimeMs;
  const catalog = statSync(catalogPath).mtimeMs;
  const stamp = JSON.stringify({ scale, seed, generator, catalog });
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    return { dir, stats: JSON.parse(readFileSync(join(dir, '.stats.json'), 'utf8')) };
  }
  const stats = generate({ out: dir, scale, seed, catalogPath });
  writeFileSync(join(dir, '.stats.json'), JSON.stringify(stats));
  writeFileSync(stampFile, stamp);
  return { dir, stats };
}

function machine() {
  const cpuInfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /model name\s*:\s*(.*)/.exec(cpuInfo)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  return {
    cpu: model.trim(),
    cores: cpus().length,
    memoryGiB: +(totalmem() / 2 ** 30).toFixed(1),
    freeGiB: +(freemem() / 2 ** 30).toFixed(1),
    node: process.version,
    load: loadavg().map((l) => +l.toFixed(2)),
  };
}

const fmtMs = (ms) => (Number.isFinite(ms) ? (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`) : 'n/a');
const fmtMb = (mb) => (Number.isFinite(mb) ? `${Math.round(mb)} MB` : 'n/a');
const fmtX = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : 'n/a');

function table(header, rows) {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map((h, i) => (i === 0 ? ':--' : '--:')).join('|')}|`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build first`);
  mkdirSync(OUT, { recursive: true });
  const m = machine();
  console.log(`threatdoc pipeline benchmark — ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB (${m.freeGiB} free), Node ${m.node}`);
  console.log(`load average at start: ${m.load.join(' ')} (wall times need an idle machine; CPU times less so)\n`);

  const results = { machine: m, sizes: [], cold: {} };
  for (const scale of options.sizes) {
    const t0 = performance.now();
    const { dir, stats } = ensureModel(scale, options.seed, options.catalog);
    const genMs = performance.now() - t0;
    const runs = options.runs ?? (scale <= 1 ? 5 : scale <= 10 ? 3 : 1);
    const outDir = join(OUT, `build-${scale}`);
    const freshOut = () => rmSync(outDir, { recursive: true, force: true });
    process.stdout.write(
      `${scale}×: ${stats.files} files, ${stats.threats} threats, ${(stats.bytes / 1e6).toFixed(1)} MB of YAML` +
        ` (ready in ${fmtMs(genMs)}); ${runs} run(s) each …\n`,
    );
    // Every process does all the work (--no-cache): the figures compare across sizes and with the floor.
    const validateArgs = [BIN, 'validate', dir];
    const buildArgs = [BIN, 'build', dir, '--out', outDir, '--format', 'rst,md', '--diagrams', 'none'];
    const reportArgs = [BIN, 'report', dir, '--format', 'json'];
    const row = {
      scale,
      stats,
      floor: await repeat(runs, [FLOOR, dir]),
      fastFloor: await repeat(runs, [FLOOR, '--fast', dir]),
      validate: await repeat(runs, [...validateArgs, '--no-cache']),
      build: await repeat(runs, [...buildArgs, '--no-cache'], freshOut),
      report: await repeat(runs, [...reportArgs, '--no-cache']),
    };
    // As a CI job runs them: validate with the cache empty (it writes it), then build, which reads it.
    const emptyCache = () => rmSync(CACHE, { recursive: true, force: true });
    const job = await repeatJob(runs, [{ args: validateArgs }, { args: buildArgs, prepare: freshOut }], emptyCache);
    row.jobValidate = job.steps[0];
    row.jobBuild = job.steps[1];
    row.job = job.total;
    // Run again with nothing changed, as a re-run or the next command of a job: every file from the cache.
    row.validateWarm = await repeat(runs, validateArgs);
    row.buildWarm = await repeat(runs, buildArgs, freshOut);
    row.reportWarm = await repeat(runs, reportArgs);
    freshOut();
    results.sizes.push(row);
    for (const key of ['validate', 'build', 'report', 'job', 'validateWarm', 'buildWarm', 'reportWarm']) {
      if (row[key].error) console.log(`  ${key}: ${row[key].error}`);
    }
  }

  // Cold start: the smallest useful commands, median of several runs.
  const small = existsSync(join(ROOT, 'models')) ? join(ROOT, 'models') : undefined;
  await measure([BIN, '--help']); // warm the file system cache once; the median below is still cold for V8
  results.cold.help = await repeatCold(options.coldRuns, [BIN, '--help']);
  if (small) results.cold.validate = await repeatCold(options.coldRuns, [BIN, 'validate', small, '--no-cache']);
  results.cold.node = await repeatCold(options.coldRuns, ['-e', '0']);
  // Node reads NODE_EXTRA_CA_CERTS at start-up, before any script runs: a big bundle there
  // (a whole system store, as on some CI and sandbox machines) costs every Node process
  // about 0.1 s. Measured without it too, so that cost is not taken for threatdoc's.
  if (process.env.NODE_EXTRA_CA_CERTS) {
    const plain = { ...process.env };
    delete plain.NODE_EXTRA_CA_CERTS;
    results.cold.withoutExtraCa = {
      node: await repeatCold(options.coldRuns, ['-e', '0'], plain),
      help: await repeatCold(options.coldRuns, [BIN, '--help'], plain),
      ...(small ? { validate: await repeatCold(options.coldRuns, [BIN, 'validate', small, '--no-cache'], plain) } : {}),
    };
  }

  console.log('');
  const COMMANDS = [['floor', 'parse only (yaml)'], ['fastFloor', 'parse only (js-yaml)'], ['validate', 'validate'], ['build', 'build --diagrams none'], ['report', 'report --format json']];
  const CACHED = [
    ['jobValidate', 'job, cache empty: validate'],
    ['jobBuild', 'job, cache empty: then build'],
    ['job', 'job, cache empty: both'],
    ['validateWarm', 'validate, cache warm'],
    ['buildWarm', 'build, cache warm'],
    ['reportWarm', 'report, cache warm'],
  ];
  const rows = [];
  for (const r of results.sizes) {
    for (const [key, label] of [...COMMANDS.map(([k, l]) => [k, k.endsWith('loor') ? l : `${l} (no cache)`]), ...CACHED]) {
      const x = r[key];
      rows.push([`${r.scale}×`, label, fmtMs(x.ms), fmtMs(x.cpuMs), fmtMb(x.mb), fmtX(x.ms / r.floor.ms), fmtX(x.cpuMs / r.floor.cpuMs)]);
    }
  }
  console.log(table(['size', 'command', 'wall', 'CPU', 'peak RSS', 'wall ÷ floor', 'CPU ÷ floor'], rows));

  const growth = [];
  for (let i = 1; i < results.sizes.length; i++) {
    const [a, b] = [results.sizes[i - 1], results.sizes[i]];
    const ratio = (k, m) => fmtX(b[k][m] / a[k][m]);
    growth.push([`${b.scale}× ÷ ${a.scale}× (size ×${b.scale / a.scale})`, ...COMMANDS.map(([k]) => `${ratio(k, 'ms')} (CPU ${ratio(k, 'cpuMs')})`)]);
  }
  if (growth.length) {
    console.log('');
    console.log(table(['growth of wall time', ...COMMANDS.map(([, label]) => label)], growth));
  }

  console.log('');
  const cold = (label, x) => [label, fmtMs(x.ms), fmtMs(x.cpuMs), fmtMb(x.mb)];
  const coldRows = [cold('node -e 0 (Node itself)', results.cold.node), cold('threatdoc --help', results.cold.help)];
  if (results.cold.validate) coldRows.push(cold('threatdoc validate models/ --no-cache', results.cold.validate));
  const plain = results.cold.withoutExtraCa;
  if (plain) {
    const note = ', without NODE_EXTRA_CA_CERTS';
    coldRows.push(cold(`node -e 0${note}`, plain.node), cold(`threatdoc --help${note}`, plain.help));
    if (plain.validate) coldRows.push(cold(`threatdoc validate models/ --no-cache${note}`, plain.validate));
  }
  console.log(table([`cold start (median of ${options.coldRuns})`, 'wall', 'CPU', 'peak RSS'], coldRows));

  console.log('');
  console.log(targets(results).join('\n'));
  if (options.json) writeFileSync(resolve(options.json), `${JSON.stringify(results, null, 2)}\n`);
}

/** The targets of bench/README.md, checked on what was just measured. */
function targets(results) {
  const lines = ['targets:'];
  const check = (ok, text) => lines.push(`  ${text.includes('n/a') ? 'n/a ' : ok ? 'PASS' : 'FAIL'}  ${text}`);
  const one = results.sizes.find((r) => r.scale === 1);
  const ten = results.sizes.find((r) => r.scale === 10);
  if (one) {
    check(one.job.ms < 1000, `validate + build at 1× under 1 s, as a job runs them (cache empty at the start): ${fmtMs(one.jobValidate.ms)} + ${fmtMs(one.jobBuild.ms)}, job median ${fmtMs(one.job.ms)}`);
    lines.push(`  info  the same with --no-cache: ${fmtMs(one.validate.ms)} + ${fmtMs(one.build.ms)} = ${fmtMs(one.validate.ms + one.build.ms)}`);
    lines.push(`  info  the same run again, cache warm: ${fmtMs(one.validateWarm.ms)} + ${fmtMs(one.buildWarm.ms)} = ${fmtMs(one.validateWarm.ms + one.buildWarm.ms)}`);
    // Not a target of its own: build validates first, so one build is the whole job by itself.
    lines.push(`  info  one build at 1× (which validates first), no cache: ${fmtMs(one.build.ms)}`);
    check(one.build.ms <= 3 * one.floor.ms && one.validate.ms <= 3 * one.floor.ms,
      `each within 3× of the parse floor (${fmtMs(one.floor.ms)}): validate ${fmtX(one.validate.ms / one.floor.ms)}, build ${fmtX(one.build.ms / one.floor.ms)}`);
  }
  if (one && ten) {
    for (const key of ['validate', 'build', 'report']) {
      const g = ten[key].ms / one[key].ms;
      check(g <= 12, `${key} at 10× within 12× of 1×: ${fmtX(g)}`);
    }
  }
  check(results.cold.help.ms < 300, `threatdoc --help under 300 ms: ${fmtMs(results.cold.help.ms)}`);
  if (results.cold.validate) check(results.cold.validate.ms < 300, `threatdoc validate models/ --no-cache under 300 ms: ${fmtMs(results.cold.validate.ms)}`);
  return lines;
}

main().catch((error) => {
  console.error(`bench: ${error.message}`);
  process.exitCode = 2;
});
