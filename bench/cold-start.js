#!/usr/bin/env node
'use strict';
// Cold start of the example apps (issue 7, part 3): how long one `cdk8s synth` of an example takes
// with each way of running a TypeScript app, in fresh processes.
//
//   node bench/cold-start.js [--runs 5] [--lib PATH] [--only name,name] [--no-write]
//
// Nothing under examples/ is touched: each example's main.ts and cdk8s.yaml are copied to a temporary
// tree that mirrors the repository (lib/ and node_modules/ symlinked, so `import '../../lib'` works),
// and every app writes its dist/ there. The outputs of all the ways must be byte-identical.
// Writes bench/COLD-START.md, which bench/run.js includes in RESULTS.md.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');

function parse(argv) {
  const o = { runs: 5, lib: path.join(ROOT, 'lib'), only: undefined, write: true };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') o.runs = Number(argv[++i]);
    else if (argv[i] === '--lib') o.lib = path.resolve(argv[++i]);
    else if (argv[i] === '--only') o.only = argv[++i].split(',');
    else if (argv[i] === '--no-write') o.write = false;
    else throw new Error(`unknown argument '${argv[i]}'`);
  }
  return o;
}

const median = xs => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function run(cmd, args, cwd) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf-8', env: { ...process.env, CDK8S_OUTDIR: undefined } });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} in ${cwd} failed (${r.status}):\n${r.stdout}${r.stderr}`);
  return ms;
}

function readDist(dir) {
  const d = path.join(dir, 'dist');
  if (!fs.existsSync(d)) return undefined;
  return fs.readdirSync(d).sort().map(f => `${f}\n${fs.readFileSync(path.join(d, f), 'utf-8')}`).join('\n');
}

function main() {
  const o = parse(process.argv.slice(2));
  const examples = fs.readdirSync(path.join(ROOT, 'examples'), { withFileTypes: true })
    .filter(e => e.isDirectory() && fs.existsSync(path.join(ROOT, 'examples', e.name, 'main.ts')))
    .map(e => e.name)
    .filter(n => !o.only || o.only.includes(n))
    .sort();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-kubevirt-cold-'));
  fs.symlinkSync(o.lib, path.join(tmp, 'lib'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(tmp, 'node_modules'));
  fs.copyFileSync(path.join(ROOT, 'tsconfig.json'), path.join(tmp, 'tsconfig.json'));
  for (const name of examples) {
    const dir = path.join(tmp, 'examples', name);
    fs.mkdirSync(dir, { recursive: true });
    // the examples import 'cdk8s-kubevirt' (node_modules links it to ROOT); point them at --lib instead
    const source = fs.readFileSync(path.join(ROOT, 'examples', name, 'main.ts'), 'utf-8');
    fs.writeFileSync(path.join(dir, 'main.ts'), source.replace(/from 'cdk8s-kubevirt';/g, "from '../../lib';"));
    const cfg = path.join(ROOT, 'examples', name, 'cdk8s.yaml');
    if (fs.existsSync(cfg)) fs.copyFileSync(cfg, path.join(dir, 'cdk8s.yaml'));
  }

  // Compile every example to JS once (next to its main.ts, in the temporary tree).
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  fs.writeFileSync(path.join(tmp, 'tsconfig.compile.json'), JSON.stringify({
    compilerOptions: { module: 'commonjs', target: 'ES2022', esModuleInterop: true, skipLibCheck: true, strict: true, types: ['node'] },
    files: examples.map(n => `examples/${n}/main.ts`),
  }));
  const compileMs = run(process.execPath, [tsc, '-p', 'tsconfig.compile.json'], tmp);

  const tsNode = path.join(ROOT, 'node_modules', 'ts-node', 'dist', 'bin.js');
  const tsxBin = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const ways = [
    { id: 'npx ts-node --transpile-only main.ts', note: 'what cdk8s.yaml runs today', cmd: 'npx', args: ['ts-node', '--transpile-only', 'main.ts'] },
    { id: 'node …/ts-node/dist/bin.js --transpile-only main.ts', note: 'ts-node without npx', cmd: process.execPath, args: [tsNode, '--transpile-only', 'main.ts'] },
    { id: 'node main.js (compiled with tsc)', note: 'compiled JS', cmd: process.execPath, args: ['main.js'] },
    { id: 'node -e "require(\'../../lib\')"', note: 'floor: node start plus loading the library, no app', cmd: process.execPath, args: ['-e', 'require("../../lib")'], noOutput: true },
    { id: 'node -e ""', note: 'floor: node start', cmd: process.execPath, args: ['-e', ''], noOutput: true },
  ];
  if (fs.existsSync(tsxBin)) ways.splice(2, 0, { id: 'npx tsx main.ts', note: 'tsx', cmd: 'npx', args: ['tsx', 'main.ts'] });
  else process.stdout.write('tsx is not installed: skipped\n');

  const times = {};
  const outputs = {};
  for (let r = 0; r < o.runs; r++) {
    for (const name of examples) {
      const dir = path.join(tmp, 'examples', name);
      for (const w of ways) {
        fs.rmSync(path.join(dir, 'dist'), { recursive: true, force: true });
        const ms = run(w.cmd, w.args, dir);
        (times[`${w.id}|${name}`] ??= []).push(ms);
        if (!w.noOutput) {
          const out = readDist(dir);
          if (out === undefined) throw new Error(`${w.id} wrote no dist/ for ${name}`);
          const key = name;
          if (outputs[key] === undefined) outputs[key] = out;
          else if (outputs[key] !== out) throw new Error(`${w.id}: output of ${name} differs from the other ways`);
        }
      }
      process.stdout.write(`run ${r + 1}/${o.runs} ${name}: ${ways.map(w => `${Math.round(times[`${w.id}|${name}`][r])}`).join(' / ')} ms\n`);
    }
  }
  // The committed dist/ of each example, for information (lib/ may be newer or older than the commit).
  const sameAsRepo = examples.filter(n => readDist(path.join(ROOT, 'examples', n)) === outputs[n]);

  const header = `| example | ${ways.filter(w => !w.noOutput).map(w => `\`${w.id}\``).join(' | ')} |`;
  const lines = [
    header,
    `|---|${ways.filter(w => !w.noOutput).map(() => '---:').join('|')}|`,
    ...examples.map(n => `| ${n} | ${ways.filter(w => !w.noOutput).map(w => Math.round(median(times[`${w.id}|${n}`])).toLocaleString('en-US')).join(' | ')} |`),
  ];
  const floors = ways.filter(w => w.noOutput).map(w => `- \`${w.id}\` (${w.note}): ${Math.round(median(examples.flatMap(n => times[`${w.id}|${n}`])))} ms`);
  const perWay = ways.filter(w => !w.noOutput).map(w => {
    const all = examples.map(n => median(times[`${w.id}|${n}`]));
    return { w, max: Math.max(...all), med: median(all) };
  });
  const fastest = perWay.reduce((a, b) => (b.med < a.med ? b : a));
  const md = [
    '## Cold start of the examples',
    '',
    `Wall time of one synthesis of each example app in a fresh process, median of ${o.runs} runs, in ms (bench/cold-start.js;`,
    'each app runs in a temporary copy of its directory and writes its own dist/ there). The outputs of all the',
    'ways are byte-identical' + (sameAsRepo.length === examples.length ? ', and equal to the committed `examples/*/dist/`.' : `; equal to the committed \`examples/*/dist/\` for ${sameAsRepo.length} of ${examples.length} examples (lib/ and the commit may differ).`),
    `The \`cdk8s\` CLI is not installed here, so \`cdk8s synth\` is timed as the app command it runs (\`app:\` in cdk8s.yaml).`,
    fs.existsSync(tsxBin) ? '' : '`tsx` is not installed, so it is not measured.',
    '',
    ...lines,
    '',
    ...perWay.map(p => `- \`${p.w.id}\` (${p.w.note}): median ${Math.round(p.med)} ms, slowest example ${Math.round(p.max)} ms — ${p.max <= 1500 ? 'within' : '**over**'} the 1.5 s target`),
    `- compiling all ${examples.length} examples with \`tsc\` once: ${Math.round(compileMs)} ms`,
    ...floors,
    '',
    `Fastest correct way: \`${fastest.w.id}\` (${fastest.w.note}).`,
    '',
  ].join('\n');
  process.stdout.write(`\n${md}\n`);
  if (o.write) {
    fs.writeFileSync(path.join(__dirname, 'COLD-START.md'), md);
    // Also replace (or add) the section in an existing RESULTS.md, so it need not be rerun.
    const results = path.join(__dirname, 'RESULTS.md');
    if (fs.existsSync(results)) {
      const text = fs.readFileSync(results, 'utf-8');
      const at = text.indexOf('## Cold start of the examples');
      const next = at < 0 ? -1 : text.indexOf('\n## ', at + 1);
      const updated = at < 0 ? `${text.trimEnd()}\n\n${md}` : `${text.slice(0, at)}${md}${next < 0 ? '' : text.slice(next)}`;
      fs.writeFileSync(results, updated.replace(/\n{3,}/g, '\n\n'));
    }
    process.stdout.write('wrote bench/COLD-START.md and its section of bench/RESULTS.md\n');
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}

try {
  main();
} catch (e) {
  process.stderr.write(`cold-start: ${e.message}\n`);
  process.exit(1);
}
