#!/usr/bin/env node
'use strict';
// `lint` and `report` against the parse floor (js-yaml loadAll of the same stream), in fresh processes.
//   node bench/lint-bench.js [N…]   (default 1000 5000 20000; needs lib/ from `npx projen compile`)
// Prints, per N: input size, then min/median/max wall time and peak RSS of each step over 3 rounds.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'lib', 'cli', 'main.js');
const ROUNDS = 3;
const sizes = process.argv.slice(2).map(Number);
const STEPS = {
  'js-yaml loadAll': f => [process.execPath, '-e', `require(${JSON.stringify(require.resolve('js-yaml'))}).loadAll(require('fs').readFileSync(${JSON.stringify(f)}, 'utf-8'))`],
  'lint': f => [process.execPath, BIN, 'lint', f],
  'report': f => [process.execPath, BIN, 'report', f],
};

function measure(argv) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', ...argv], { encoding: 'utf-8', maxBuffer: 1 << 30 });
  const last = r.stderr.trim().split('\n').pop().split(' ');
  return { s: Number(last[0]), mb: Number(last[1]) / 1024, code: r.status };
}

const stats = xs => { const s = [...xs].sort((a, b) => a - b); return `${s[0].toFixed(2)}/${s[Math.floor(s.length / 2)].toFixed(2)}/${s[s.length - 1].toFixed(2)}`; };

console.log(`load average ${os.loadavg().map(l => l.toFixed(2)).join(' ')}; ${ROUNDS} rounds, steps rotated; times min/median/max s, peak RSS max MB`);
for (const n of sizes.length ? sizes : [1000, 5000, 20000]) {
  const file = path.join(os.tmpdir(), `lint-input-${n}.yaml`);
  spawnSync(process.execPath, [path.join(__dirname, 'lint-input.js'), '--vms', String(n), file]);
  const results = Object.fromEntries(Object.keys(STEPS).map(k => [k, []]));
  const names = Object.keys(STEPS);
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + round) % names.length];
      results[name].push(measure(STEPS[name](file)));
    }
  }
  const floor = results['js-yaml loadAll'].map(r => r.s).sort((a, b) => a - b)[1];
  console.log(`N=${n} (${(fs.statSync(file).size / 1e6).toFixed(1)} MB)`);
  for (const name of names) {
    const rs = results[name];
    const median = rs.map(r => r.s).sort((a, b) => a - b)[1];
    console.log(`  ${name.padEnd(16)} ${stats(rs.map(r => r.s))} s  ${Math.max(...rs.map(r => r.mb)).toFixed(0)} MB  ${(median / floor).toFixed(2)}x  exit ${rs[0].code}`);
  }
  fs.rmSync(file);
}
