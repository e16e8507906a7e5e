#!/usr/bin/env node
'use strict';
// A/B comparison of compiled libraries (e.g. lib/ against a patched copy), library variant only,
// alternating fresh processes. Output bytes must be identical across the libraries.
//
//   node bench/ab.js [--n 1000] [--runs 7] [--variant library] LIB_A LIB_B [LIB_C ...]
const { spawnSync } = require('child_process');
const path = require('path');

const args = process.argv.slice(2);
let n = 1000;
let runs = 7;
let variant = 'library';
const libs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--n') n = Number(args[++i]);
  else if (args[i] === '--runs') runs = Number(args[++i]);
  else if (args[i] === '--variant') variant = args[++i];
  else libs.push(path.resolve(args[i]));
}
if (libs.length < 1) {
  process.stderr.write('usage: node bench/ab.js [--n 1000] [--runs 7] [--variant library] LIB_A LIB_B ...\n');
  process.exit(2);
}
const median = xs => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const samples = libs.map(() => []);
let sha;
for (let r = 0; r < runs; r++) {
  libs.forEach((lib, k) => {
    const c = spawnSync(process.execPath, [path.join(__dirname, 'child.js'), 'time', variant, String(n), lib], { encoding: 'utf-8', maxBuffer: 64 << 20 });
    if (c.status !== 0) throw new Error(`${lib}: ${c.stderr}`);
    const res = JSON.parse(c.stdout.trim());
    if (sha === undefined) sha = res.sha256;
    if (res.sha256 !== sha) throw new Error(`${lib}: output differs from ${libs[0]}`);
    samples[k].push(res);
  });
}
libs.forEach((lib, k) => {
  const s = samples[k];
  process.stdout.write(`${lib}: N=${n} ${variant} wall ${median(s.map(x => x.ms)).toFixed(0)} ms, CPU ${median(s.map(x => x.cpuMs)).toFixed(0)} ms, RSS ${median(s.map(x => x.maxRssMb)).toFixed(0)} MB (median of ${runs})\n`);
});
