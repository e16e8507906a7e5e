#!/usr/bin/env node
'use strict';
// Quick A/B of compiled libraries in ONE process (warm JIT, shared cdk8s and yaml), for comparing
// patches on a busy machine: builds alternate between the libraries and the minimum CPU time of each
// is reported. Not the benchmark (bench/run.js is); a development aid.
//   node bench/ab-inproc.js [--n 1000] [--rounds 8] LIB_A LIB_B ...
const path = require('path');
const { load, build } = require('./workload');
const args = process.argv.slice(2);
let n = 1000;
let rounds = 8;
const libs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--n') n = Number(args[++i]);
  else if (args[i] === '--rounds') rounds = Number(args[++i]);
  else libs.push(['l1', 'raw', 'yaml'].includes(args[i]) ? args[i] : path.resolve(args[i]));
}
const mods = libs.map(l => (l === 'l1' || l === 'raw' || l === 'yaml') ? { variant: l, m: load(l, path.join(__dirname, '..', 'lib')) } : { variant: 'library', m: load('library', l) });
const cpu = () => { const r = process.resourceUsage(); return (r.userCPUTime + r.systemCPUTime) / 1000; };
const best = libs.map(() => ({ cpu: Infinity, wall: Infinity }));
let ref;
for (let r = 0; r < rounds; r++) {
  mods.forEach(({ variant, m }, k) => {
    global.gc?.();
    const c0 = cpu(); const t0 = process.hrtime.bigint();
    const out = build(variant, m, n);
    const wall = Number(process.hrtime.bigint() - t0) / 1e6; const c = cpu() - c0;
    if (ref === undefined) ref = out; else if (out !== ref) throw new Error(`${libs[k]}: output differs`);
    best[k].cpu = Math.min(best[k].cpu, c); best[k].wall = Math.min(best[k].wall, wall);
  });
}
libs.forEach((l, k) => process.stdout.write(`${l}: N=${n} min wall ${best[k].wall.toFixed(0)} ms, min CPU ${best[k].cpu.toFixed(0)} ms (${rounds} rounds, one process)\n`));
