/**
 * The same program gives byte-identical YAML: in two separate node processes (with different time
 * zones, locales, working directories and environments), whatever the insertion order of user maps,
 * and with time and randomness mocked. And every committed examples/<name>/dist is exactly what its
 * main.ts synthesizes today (needs a compiled lib/: `npx projen compile`).
 */
import { execFile, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import * as ts from 'typescript';
import { avoidKnownBugs, buildProgram, FUZZ_SEED, MachineSpec, ProgramSpec, validMachine, validProgram } from './support/generators';

jest.setTimeout(300_000);

const ROOT = path.resolve(__dirname, '..');

/** Fuzzed programs plus one that uses most features, as plain data. */
function samplePrograms(n: number, seed: number): ProgramSpec[] {
  const one = fc.record({ chartNamespace: fc.constantFrom<string | undefined>('vms', undefined), machine: validMachine })
    .map(({ chartNamespace, machine }) => avoidKnownBugs({ chartNamespace, machines: [machine as MachineSpec] }));
  return [...fc.sample(one, { numRuns: n, seed }), ...fc.sample(validProgram, { numRuns: Math.ceil(n / 2), seed: seed + 1 })];
}

function synth(spec: ProgramSpec): string {
  return buildProgram(spec).app.synthYaml();
}

const CHILD = `
const path = require('path');
const root = process.argv[2];
require(path.join(root, 'node_modules', 'ts-node')).register({
  transpileOnly: true, skipProject: true, dir: root,
  compilerOptions: { module: 'commonjs', target: 'es2020', esModuleInterop: true, ignoreDeprecations: '6.0' },
});
const { buildProgram } = require(path.join(root, 'test', 'support', 'generators.ts'));
const specs = JSON.parse(require('fs').readFileSync(process.argv[3], 'utf-8'));
process.stdout.write(JSON.stringify(specs.map(s => buildProgram(s).app.synthYaml())));
`;

/**
 * Synthesizes the specs in a fresh node process with the given environment and working directory. Asynchronous, so
 * that two children run side by side (each spends most of its time starting ts-node).
 */
async function synthInChild(specs: ProgramSpec[], env: NodeJS.ProcessEnv, cwd: string): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubevirt-determinism-'));
  try {
    fs.writeFileSync(path.join(dir, 'child.js'), CHILD);
    fs.writeFileSync(path.join(dir, 'specs.json'), JSON.stringify(specs));
    const out = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, [path.join(dir, 'child.js'), ROOT, path.join(dir, 'specs.json')], {
        cwd, env: { PATH: process.env.PATH, ...env }, maxBuffer: 256 * 1024 * 1024, encoding: 'utf-8',
      }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
    });
    return JSON.parse(out);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The same spec with every user map's keys in reverse insertion order. */
function reverseMaps(spec: ProgramSpec): ProgramSpec {
  const rev = (m?: Record<string, string>) => (m ? Object.fromEntries(Object.entries(m).reverse()) : m);
  return {
    ...spec,
    machines: spec.machines.map(m => ({ ...m, labels: rev(m.labels), annotations: rev(m.annotations), nodeSelector: rev(m.nodeSelector) })),
  };
}

describe('determinism', () => {
  test('two node processes with different TZ, locale, cwd and environment give byte-identical YAML, equal to this process', async () => {
    const specs = samplePrograms(12, FUZZ_SEED + 10);
    const children = Promise.all([
      synthInChild(specs, { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' }, ROOT),
      synthInChild(specs, { TZ: 'Pacific/Chatham', LANG: 'de_DE.UTF-8', LC_ALL: 'tr_TR.UTF-8', CDK8S_OUTDIR: os.tmpdir(), HOME: os.tmpdir(), RANDOM_NOISE: String(Date.now()) }, os.tmpdir()),
    ]);
    const here = specs.map(synth);
    const [a, b] = await children;
    expect(a).toHaveLength(specs.length);
    expect(a).toEqual(b);
    expect(a).toEqual(here);
    expect(here.every(y => y.includes('kind: VirtualMachine'))).toBe(true);
  });

  test('the insertion order of labels, annotations and nodeSelector does not change the YAML (300 cases)', () => {
    const withMaps = validMachine.filter(m => [m.labels, m.annotations, m.nodeSelector].some(x => x !== undefined && Object.keys(x).length > 1));
    fc.assert(fc.property(withMaps, fc.constantFrom<string | undefined>('vms', undefined), (machine, chartNamespace) => {
      const spec = avoidKnownBugs({ chartNamespace, machines: [machine] });
      const reversed = reverseMaps(spec);
      // (JavaScript puts integer-like keys first whatever the insertion order, so compare only the others.)
      const named = (m?: Record<string, string>) => Object.keys(m ?? {}).filter(k => !/^\d+$/.test(k));
      expect(named(reversed.machines[0].labels)).toEqual(named(spec.machines[0].labels).reverse());
      expect(synth(reversed)).toBe(synth(spec));
    }), { seed: FUZZ_SEED + 11, numRuns: 300 });
  });

  test('nothing depends on the clock, Math.random or the environment (mocked in-process)', () => {
    const specs = samplePrograms(20, FUZZ_SEED + 12);
    const before = specs.map(synth);
    const saved = { ...process.env };
    jest.useFakeTimers({ now: new Date('1999-12-31T23:59:59Z') });
    const random = jest.spyOn(Math, 'random').mockReturnValue(0.4242);
    try {
      process.env.TZ = 'Asia/Kathmandu';
      process.env.USER = 'someone-else';
      process.env.CDK8S_OUTDIR = path.join(os.tmpdir(), 'elsewhere');
      process.env.KUBEVIRT_NAMESPACE = 'other';
      expect(Date.now()).toBe(Date.parse('1999-12-31T23:59:59Z'));
      const after = specs.map(synth);
      expect(after).toEqual(before);
    } finally {
      random.mockRestore();
      jest.useRealTimers();
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  });
});

describe('examples', () => {
  const examplesDir = path.join(ROOT, 'examples');
  const examples = fs.readdirSync(examplesDir).filter(d => fs.existsSync(path.join(examplesDir, d, 'main.ts'))).sort();

  test('there are examples, and lib/ is compiled (run `npx projen compile` if not)', () => {
    expect(examples.length).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(ROOT, 'lib', 'index.js'))).toBe(true);
  });

  test.each(examples)('examples/%s/dist is byte-identical to a fresh synth of its main.ts', (name) => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), `kubevirt-example-${name}-`));
    try {
      const source = fs.readFileSync(path.join(examplesDir, name, 'main.ts'), 'utf-8');
      const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true };
      const js = ts.transpileModule(source, { compilerOptions }).outputText
        .replace(/require\("cdk8s-kubevirt"\)/g, `require(${JSON.stringify(path.join(ROOT, 'lib'))})`);
      expect(js).toContain(JSON.stringify(path.join(ROOT, 'lib')));
      fs.writeFileSync(path.join(work, 'main.js'), js);
      const outdir = path.join(work, 'dist');
      execFileSync(process.execPath, [path.join(work, 'main.js')], {
        cwd: work, env: { PATH: process.env.PATH, NODE_PATH: path.join(ROOT, 'node_modules'), CDK8S_OUTDIR: outdir, TZ: 'America/Sao_Paulo' }, encoding: 'utf-8',
      });
      const committed = path.join(examplesDir, name, 'dist');
      const files = fs.readdirSync(committed).sort();
      expect(fs.readdirSync(outdir).sort()).toEqual(files);
      for (const f of files) {
        expect(`${f}:\n${fs.readFileSync(path.join(outdir, f), 'utf-8')}`).toBe(`${f}:\n${fs.readFileSync(path.join(committed, f), 'utf-8')}`);
      }
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
