#!/usr/bin/env node
'use strict';
// Input streams for timing `lint` and `report` (issue 16): N VirtualMachines of the fleet workload
// (bench/workload.js), one YAML document each, exactly as the library synthesizes them (`yaml` stringify
// with cdk8s's options), with one known rule finding in every `findingsEvery`-th machine (`running: true`
// next to `runStrategy`), so that lint also takes its findings path.
//
//   node bench/lint-input.js --vms 5000 OUT.yaml       N machines
//   node bench/lint-input.js --mb 50 OUT.yaml          as many machines as fill 50 MiB
//   options: --findings-every 1000 (0: none)
//
// Stringifying 20,000 documents with `yaml` takes seconds, so one document is stringified and the
// others are derived from it by replacing the per-machine values (name, shard, firmware UUID); the
// derivation is checked against a real stringify for a sample of machines on every call.
const fs = require('fs');
const path = require('path');
const { plainVm, machineName } = require('./workload');

const YAML_OPTIONS = { keepUndefined: true, lineWidth: 0, version: '1.1' };
const MIB = 1024 * 1024;

function loadYaml(libDir) {
  return require(require.resolve('yaml', { paths: [libDir ?? path.join(__dirname, '..', 'lib')] }));
}

/** The VM as plain JSON, with the known finding when `withFinding`. Keys stay sorted. */
function vm(i, withFinding) {
  const v = plainVm(i);
  if (!withFinding) return v;
  const { dataVolumeTemplates, ...rest } = v.spec;
  v.spec = { dataVolumeTemplates, running: true, ...rest };
  return v;
}

/** Builds stringify(vm(i)) from the text of vm(0) by replacing its per-machine values. */
function deriver(yaml) {
  const base = yaml.stringify(vm(0, false), YAML_OPTIONS);
  const baseFinding = yaml.stringify(vm(0, true), YAML_OPTIONS);
  const v0 = plainVm(0);
  const name0 = v0.metadata.name;
  const uuid0 = v0.spec.template.spec.domain.firmware.uuid;
  const shardLine = `fleet.example.com/shard: "${v0.metadata.labels['fleet.example.com/shard']}"`;
  for (const [t, what] of [[name0, 'name'], [uuid0, 'uuid'], [shardLine, 'shard']]) {
    if (!base.includes(t)) throw new Error(`lint-input: the ${what} of machine 0 is not in its YAML; the workload changed`);
  }
  // Split once on the three tokens; each machine is a join of the parts with its own values.
  const compile = text => {
    const parts = [];
    const re = new RegExp(`${name0}|${uuid0}|${shardLine.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`, 'g');
    let last = 0;
    let m;
    while ((m = re.exec(text))) {
      parts.push(text.slice(last, m.index), m[0] === name0 ? 0 : m[0] === uuid0 ? 1 : 2);
      last = m.index + m[0].length;
    }
    parts.push(text.slice(last));
    return parts;
  };
  const plain = compile(base);
  const finding = compile(baseFinding);
  return (i, withFinding) => {
    const v = plainVm(i);
    const values = [v.metadata.name, v.spec.template.spec.domain.firmware.uuid, `fleet.example.com/shard: "${v.metadata.labels['fleet.example.com/shard']}"`];
    let s = '';
    for (const p of withFinding ? finding : plain) s += typeof p === 'number' ? values[p] : p;
    return s;
  };
}

/**
 * Writes the stream to `file`; returns { vms, findings, bytes }. Give `vms` (a count) or `mb` (fill at
 * least that many MiB).
 */
function writeStream(file, { vms, mb, findingsEvery = 1000, libDir } = {}) {
  const yaml = loadYaml(libDir);
  const derive = deriver(yaml);
  const hasFinding = i => findingsEvery > 0 && i % findingsEvery === findingsEvery - 1;
  // Check the derivation against the real thing for a spread of machines (both shapes).
  for (const i of [1, 2, 9, 10, 11, 99, 999, 1234, 54321]) {
    for (const f of [false, true]) {
      if (derive(i, f) !== yaml.stringify(vm(i, f), YAML_OPTIONS)) throw new Error(`lint-input: derived YAML of machine ${i} (finding: ${f}) differs from yaml.stringify`);
    }
  }
  const target = mb !== undefined ? mb * MIB : Infinity;
  const count = vms ?? Infinity;
  if (!Number.isFinite(count) && !Number.isFinite(target)) throw new Error('lint-input: give --vms or --mb');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'w');
  let bytes = 0;
  let i = 0;
  let findings = 0;
  let chunk = '';
  try {
    while (i < count && bytes < target) {
      const f = hasFinding(i);
      const doc = (i === 0 ? '' : '---\n') + derive(i, f);
      if (f) findings++;
      chunk += doc;
      bytes += Buffer.byteLength(doc);
      i++;
      if (chunk.length > MIB) {
        fs.writeSync(fd, chunk);
        chunk = '';
      }
    }
    fs.writeSync(fd, chunk);
  } finally {
    fs.closeSync(fd);
  }
  if (i > 99999) throw new Error('lint-input: machine names have 5 digits; at most 99,999 machines');
  return { vms: i, findings, bytes };
}

module.exports = { writeStream, vm, YAML_OPTIONS };

if (require.main === module) {
  const args = process.argv.slice(2);
  const o = {};
  let out;
  for (let k = 0; k < args.length; k++) {
    if (args[k] === '--vms') o.vms = Number(args[++k]);
    else if (args[k] === '--mb') o.mb = Number(args[++k]);
    else if (args[k] === '--findings-every') o.findingsEvery = Number(args[++k]);
    else if (!args[k].startsWith('-') && out === undefined) out = args[k];
    else {
      process.stderr.write('usage: node bench/lint-input.js (--vms N | --mb M) [--findings-every K] OUT.yaml\n');
      process.exit(2);
    }
  }
  if (!out) {
    process.stderr.write('usage: node bench/lint-input.js (--vms N | --mb M) [--findings-every K] OUT.yaml\n');
    process.exit(2);
  }
  const r = writeStream(out, o);
  process.stdout.write(`${out}: ${r.vms} VirtualMachines, ${r.findings} with a finding, ${(r.bytes / MIB).toFixed(1)} MiB\n`);
}
