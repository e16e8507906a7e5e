#!/usr/bin/env node
'use strict';
// Fleet-synthesis benchmark (issue 7). Run with `npx projen bench [-- flags]` or `node bench/run.js`.
//
//   --sizes 100,1000,10000   fleet sizes (default 100,1000,10000)
//   --runs 5                 fresh-process runs per (variant, size) (default 5)
//   --smoke                  N=100, 1 run, byte-equality check; for CI (does not write RESULTS.md)
//   --lib PATH               the compiled library to measure (default: ./lib); e.g. a patched copy
//   --out PATH               where to write the results (default: bench/RESULTS.md)
//   --label TEXT             how RESULTS.md names the library measured (default: its path)
//   --no-write               print only
//   --cold-start             also time the cold start of the example apps first (bench/cold-start.js)
//
// Before timing anything, every size is built by all four variants in one process and the bytes are
// compared: a mismatch fails the run. Every timed run also reports the sha256 of its output, which
// must equal the checked one.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { VARIANTS } = require('./workload');

const ROOT = path.resolve(__dirname, '..');
const CHILD = path.join(__dirname, 'child.js');

function parseArgs(argv) {
  const o = { sizes: [100, 1000, 10000], runs: 5, smoke: false, lib: path.join(ROOT, 'lib'), out: path.join(__dirname, 'RESULTS.md'), write: true, coldStart: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const eq = a.indexOf('=');
      if (eq >= 0) return a.slice(eq + 1);
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--smoke') o.smoke = true;
    else if (a.startsWith('--sizes')) o.sizes = val().split(',').map(s => Number(s.trim()));
    else if (a.startsWith('--runs')) o.runs = Number(val());
    else if (a.startsWith('--lib')) o.lib = path.resolve(val());
    else if (a.startsWith('--out')) o.out = path.resolve(val());
    else if (a.startsWith('--label')) o.label = val();
    else if (a === '--no-write') o.write = false;
    else if (a === '--cold-start') o.coldStart = true;
    else if (a === '--help' || a === '-h') {
      process.stdout.write(fs.readFileSync(__filename, 'utf-8').split('\n').slice(2, 12).map(l => l.replace(/^\/\/ ?/, '')).join('\n') + '\n');
      process.exit(0);
    } else throw new Error(`unknown argument '${a}'`);
  }
  if (o.smoke) {
    o.sizes = [100];
    o.runs = 1;
    o.write = false;
  }
  if (o.sizes.some(n => !Number.isInteger(n) || n < 1)) throw new Error('--sizes must be positive integers');
  if (!Number.isInteger(o.runs) || o.runs < 1) throw new Error('--runs must be a positive integer');
  return o;
}

function child(args) {
  const r = spawnSync(process.execPath, [CHILD, ...args], { encoding: 'utf-8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    process.stderr.write(r.stderr || '');
    throw new Error(`bench child failed (${args.join(' ')}), exit ${r.status}${r.signal ? ` (${r.signal})` : ''}`);
  }
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function checkLib(libDir) {
  const index = path.join(libDir, 'index.js');
  if (!fs.existsSync(index)) throw new Error(`${index} does not exist: run \`npx projen compile\` first`);
  // Warn (do not fail) when lib/ looks older than src/.
  const srcDir = path.join(path.dirname(libDir), 'src');
  if (fs.existsSync(srcDir)) {
    const libTime = fs.statSync(index).mtimeMs;
    const stale = [];
    const walk = d => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts') && fs.statSync(p).mtimeMs > libTime) stale.push(path.relative(srcDir, p));
      }
    };
    walk(srcDir);
    if (stale.length) process.stderr.write(`warning: ${stale.length} file(s) in src/ are newer than ${index} (e.g. ${stale[0]}); run \`npx projen compile\` for current numbers\n`);
  }
}

function fmt(x, digits = 0) {
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function machineInfo() {
  const cpus = os.cpus();
  return {
    cpu: cpus.length ? cpus[0].model.trim() : 'unknown',
    cores: cpus.length,
    ramGb: os.totalmem() / 1024 ** 3,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

function main() {
  const o = parseArgs(process.argv.slice(2));
  checkLib(o.lib);
  const info = machineInfo();
  process.stdout.write(`fleet-synthesis benchmark: sizes ${o.sizes.join(', ')}, ${o.runs} run(s) each, lib ${path.relative(process.cwd(), o.lib) || '.'}\n`);
  process.stdout.write(`${info.cpu}, ${info.cores} cores, ${fmt(info.ramGb, 1)} GB RAM, node ${info.node}\n`);

  if (o.coldStart) {
    // Cold start first, so that RESULTS.md (written below) includes its fresh COLD-START.md.
    const r = spawnSync(process.execPath, [path.join(__dirname, 'cold-start.js'), '--lib', o.lib, ...(o.write ? [] : ['--no-write'])], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('cold-start failed');
  }

  // 1. Byte equality, before any timing.
  const expected = {};
  for (const n of o.sizes) {
    const c = child(['check', String(n), o.lib]);
    expected[n] = c.sha256;
    process.stdout.write(`byte-equality N=${n}: library = raw = l1 = yaml (${fmt(c.bytes)} bytes, ${c.docs} documents, sha256 ${c.sha256.slice(0, 12)})\n`);
  }
  if (o.smoke) {
    // One timed run per variant, as a smoke test of the timing path.
    for (const v of VARIANTS) {
      const r = child(['time', v, '100', o.lib]);
      if (r.sha256 !== expected[100]) throw new Error(`variant ${v}: output changed between the check and the timed run`);
      process.stdout.write(`smoke ${v.padEnd(8)} N=100 ${fmt(r.ms)} ms, ${fmt(r.maxRssMb)} MB\n`);
    }
    process.stdout.write('smoke OK\n');
    return;
  }

  const loadBefore = os.loadavg()[0];
  // 2. Timed runs: fresh process each, variants alternated (rotated each round).
  const samples = {};
  for (let run = 0; run < o.runs; run++) {
    for (const n of o.sizes) {
      const order = VARIANTS.map((_, i) => VARIANTS[(i + run) % VARIANTS.length]);
      for (const v of order) {
        const r = child(['time', v, String(n), o.lib]);
        if (r.sha256 !== expected[n]) throw new Error(`variant ${v} N=${n}: output differs from the checked bytes`);
        (samples[`${v}/${n}`] ??= []).push(r);
        process.stdout.write(`  run ${run + 1}/${o.runs} N=${String(n).padStart(6)} ${v.padEnd(8)} ${fmt(r.ms).padStart(7)} ms  ${fmt(r.maxRssMb).padStart(5)} MB\n`);
      }
    }
  }

  // 3. Medians and ratios.
  const rows = [];
  const med = {};
  for (const n of o.sizes) {
    for (const v of VARIANTS) {
      const s = samples[`${v}/${n}`];
      med[`${v}/${n}`] = { ms: median(s.map(x => x.ms)), cpu: median(s.map(x => x.cpuMs)), rss: median(s.map(x => x.maxRssMb)), load: median(s.map(x => x.loadMs)) };
    }
  }
  for (const n of o.sizes) {
    for (const v of VARIANTS) {
      const m = med[`${v}/${n}`];
      const lib = med[`library/${n}`];
      rows.push({
        n, v, ms: m.ms, perMachine: m.ms / n, cpu: m.cpu, rss: m.rss, load: m.load,
        vsL1: v === 'library' ? lib.ms / med[`l1/${n}`].ms : undefined,
        cpuVsL1: v === 'library' ? lib.cpu / med[`l1/${n}`].cpu : undefined,
        vsYaml: v === 'library' ? lib.ms / med[`yaml/${n}`].ms : undefined,
        rssVsL1: v === 'library' ? lib.rss / med[`l1/${n}`].rss : undefined,
      });
    }
  }
  const table = [
    '| N | variant | total ms | ms / machine | CPU ms | peak RSS MB | module load ms | library / raw L1 | (CPU) | library / yaml | RSS library / L1 |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(r => `| ${fmt(r.n)} | ${r.v} | ${fmt(r.ms)} | ${fmt(r.perMachine, 3)} | ${fmt(r.cpu)} | ${fmt(r.rss)} | ${fmt(r.load)} | ${r.vsL1 ? fmt(r.vsL1, 2) + '×' : ''} | ${r.cpuVsL1 ? fmt(r.cpuVsL1, 2) + '×' : ''} | ${r.vsYaml ? fmt(r.vsYaml, 2) + '×' : ''} | ${r.rssVsL1 ? fmt(r.rssVsL1, 2) + '×' : ''} |`),
  ].join('\n');

  // 4. The budget.
  const budget = [];
  if (o.sizes.includes(1000)) {
    const x = med['library/1000'].ms / med['l1/1000'].ms;
    const c = med['library/1000'].cpu / med['l1/1000'].cpu;
    budget.push(`| library ≤ 1.25× raw L1 at N=1,000 | ${fmt(x, 2)}× (CPU time: ${fmt(c, 2)}×) | ${x <= 1.25 ? 'met' : '**not met**'} |`);
  }
  if (o.sizes.includes(1000) && o.sizes.includes(10000)) {
    const x = (med['library/10000'].ms / 10000) / (med['library/1000'].ms / 1000);
    const c = (med['library/10000'].cpu / 10000) / (med['library/1000'].cpu / 1000);
    budget.push(`| per-machine cost at N=10,000 ≤ 1.1× that at N=1,000 | ${fmt(x, 2)}× (CPU time: ${fmt(c, 2)}×) | ${x <= 1.1 ? 'met' : '**not met**'} |`);
  }
  const rssRatios = o.sizes.map(n => [n, med[`library/${n}`].rss / med[`l1/${n}`].rss]);
  const worst = rssRatios.reduce((a, b) => (b[1] > a[1] ? b : a));
  budget.push(`| peak RSS ≤ 1.5× raw L1 (worst N: ${fmt(worst[0])}) | ${fmt(worst[1], 2)}× | ${worst[1] <= 1.5 ? 'met' : '**not met**'} |`);
  const budgetTable = ['| budget | measured | status |', '|---|---:|---|', ...budget].join('\n');

  const loadAfter = os.loadavg()[0];
  process.stdout.write(`\n${table}\n\n${budgetTable}\n\nload average (1 min) before ${fmt(loadBefore, 2)}, after ${fmt(loadAfter, 2)} on ${info.cores} cores\n`);

  if (o.write) {
    const libLabel = o.label ?? (path.resolve(o.lib) === path.join(ROOT, 'lib') ? '`lib/`' : `\`${o.lib}\``);
    const include = f => (fs.existsSync(path.join(__dirname, f)) ? fs.readFileSync(path.join(__dirname, f), 'utf-8').trim() : '');
    const coldStart = include('COLD-START.md');
    const profile = include('PROFILE.md');
    const md = [
      '# Fleet-synthesis benchmark',
      '',
      '<!-- Written by `npx projen bench` (bench/run.js). Do not edit by hand. -->',
      '',
      `- Machine: ${info.cpu}, ${info.cores} cores, ${fmt(info.ramGb, 1)} GB RAM (${info.platform})`,
      `- Node: ${info.node}`,
      `- Date: ${info.date}`,
      `- Library measured: ${libLabel}; ${o.runs} runs per cell, each in a fresh process, variants alternated; medians.`,
      `- Load average (1 min) on the machine: ${fmt(loadBefore, 2)} before, ${fmt(loadAfter, 2)} after. Above ~1 on ${info.cores} cores, other`,
      '  processes were competing: wall times are inflated and noisy, and the CPU-time columns are the steadier comparison.',
      '',
      '## Workload',
      '',
      'N machines in one chart, each: `MachineTemplate.MEDIUM`, a root disk imported over HTTP (30Gi), a blank',
      '100Gi data disk, cloud-init (hostname, a user with sudo, shell and an SSH key, three packages), the pod',
      'network plus a multus NIC. All validations on. Built four ways (bench/workload.js), whose YAML is checked',
      'byte for byte before anything is timed:',
      '',
      '- **library**: `Machine` constructs, `app.synthYaml()`;',
      '- **raw**: plain-object cdk8s `ApiObject`s, `app.synthYaml()`;',
      '- **l1**: the generated `VirtualMachine` L1 class (quantities wrapped with `fromString`), `app.synthYaml()`;',
      '- **yaml**: `yaml` stringify of the plain objects with cdk8s\'s options (the floor).',
      '',
      '"total ms" is the wall time of construction plus synthesis in the process (module loading is reported',
      'separately); "CPU ms" is the user+system CPU time of the process over the same span (all threads, so',
      'garbage collection and JIT threads count); peak RSS is `process.resourceUsage().maxRSS` of the whole process.',
      '',
      '## Results',
      '',
      table,
      '',
      '## Budget',
      '',
      budgetTable,
      '',
      profile,
      '',
      coldStart,
      '',
    ].join('\n');
    fs.writeFileSync(o.out, md.replace(/\n{3,}/g, '\n\n'));
    process.stdout.write(`\nwrote ${path.relative(process.cwd(), o.out)}\n`);
  }
}

try {
  main();
} catch (e) {
  process.stderr.write(`bench: ${e.message}\n`);
  process.exit(1);
}
