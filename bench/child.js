'use strict';
// One measurement in a fresh process (spawned by bench/run.js).
//   node bench/child.js time <variant> <n> <libDir>   -> one JSON line on stdout
//   node bench/child.js check <n> <libDir>            -> builds every variant, compares the bytes
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { VARIANTS, YAML_VARIANTS, load, build } = require('./workload');

const sha = s => crypto.createHash('sha256').update(s).digest('hex');

function firstDifference(a, b) {
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) {
      return `line ${i + 1}:\n  library: ${JSON.stringify(la[i])}\n  other:   ${JSON.stringify(lb[i])}\n`
        + `context (library):\n${la.slice(Math.max(0, i - 8), i + 3).join('\n')}`;
    }
  }
  return 'no line differs (trailing bytes?)';
}

function main() {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === 'time') {
    const [variant, nText, libDir] = args;
    const n = Number(nText);
    const t0 = process.hrtime.bigint();
    const modules = load(variant, libDir);
    const ru0 = process.resourceUsage();
    const t1 = process.hrtime.bigint();
    const out = build(variant, modules, n);
    const t2 = process.hrtime.bigint();
    const ru = process.resourceUsage();
    process.stdout.write(JSON.stringify({
      variant, n,
      loadMs: Number(t1 - t0) / 1e6,
      ms: Number(t2 - t1) / 1e6,
      // CPU time of the process (all threads: main, GC, JIT) over the same span; less sensitive than
      // wall time to other load on the machine.
      cpuMs: (ru.userCPUTime + ru.systemCPUTime - ru0.userCPUTime - ru0.systemCPUTime) / 1000,
      maxRssMb: ru.maxRSS / 1024,
      bytes: Buffer.byteLength(out),
      sha256: sha(out),
    }) + '\n');
    return;
  }
  if (mode === 'check') {
    const [nText, libDir] = args;
    const n = Number(nText);
    const outputs = {};
    for (const v of VARIANTS) outputs[v] = build(v, load(v, libDir), n);
    const ref = outputs.library;
    const hashes = {};
    let bad = false;
    // json is not YAML: the library's YAML, parsed back (js-yaml), must give the same objects.
    const jsyaml = require(require.resolve('js-yaml', { paths: [path.join(__dirname, '..')] }));
    const parsed = [];
    jsyaml.loadAll(ref, d => parsed.push(JSON.stringify(d)));
    if (parsed.join('\n') + '\n' !== outputs.json) {
      const a = parsed;
      const b = outputs.json.split('\n');
      const i = a.findIndex((d, k) => d !== b[k]);
      process.stderr.write(`MISMATCH at N=${n}: the library's YAML parsed back differs from 'json' at document ${i + 1} of ${a.length} (json has ${b.length - 1})\n`);
      bad = true;
    }
    for (const v of YAML_VARIANTS) {
      hashes[v] = sha(outputs[v]);
      if (outputs[v] !== ref) {
        bad = true;
        const file = path.join(os.tmpdir(), `cdk8s-kubevirt-bench-${v}-${n}.yaml`);
        fs.writeFileSync(file, outputs[v]);
        fs.writeFileSync(path.join(os.tmpdir(), `cdk8s-kubevirt-bench-library-${n}.yaml`), ref);
        process.stderr.write(`BYTE MISMATCH at N=${n}: '${v}' differs from 'library' (${outputs[v].length} vs ${ref.length} chars), first at ${firstDifference(ref, outputs[v])}\n  written to ${file}\n`);
      }
    }
    if (bad) process.exit(1);
    hashes.json = sha(outputs.json);
    process.stdout.write(JSON.stringify({ n, bytes: Buffer.byteLength(ref), sha256: hashes.library, jsonSha256: hashes.json, docs: parsed.length }) + '\n');
    return;
  }
  process.stderr.write('usage: child.js time <variant> <n> <libDir> | check <n> <libDir>\n');
  process.exit(2);
}

main();
