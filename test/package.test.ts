/**
 * The published package works as users install it: `npm pack`, then install the tarball into two scratch
 * apps outside the repository.
 *
 * - `minimum`: the peers at the floors of package.json's peerDependencies ranges. Every example under
 *   examples/ type-checks against them (no skipLibCheck) and synthesizes byte-identically to its committed
 *   dist/. This is what the peer ranges claim, so lowering a floor needs this test to pass at the new floor.
 * - `current`: the app `cdk8s init typescript-app` makes today: the newest cdk8s and constructs, and
 *   cdk8s-plus-33 next to the cdk8s-plus-28 peer this library needs. The README quick start, the CLI bin,
 *   and one chart that mixes cdk8s-plus-33 objects with this library's (cdk8s-plus-28 inside) synthesize.
 *
 * Slow (two npm installs), so it is not part of `npx projen test`: run `npx projen test:package` (CI does,
 * after the build; needs a compiled lib/). Offline-safe once ~/.npm holds the packages (--prefer-offline).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { expectConformant, readManifests } from './support/conformance';

const root = path.join(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf-8'));
/** cdk8s-plus-33: the cdk8s-plus line `cdk8s init` installs today (pinned, so the test is reproducible). */
const CDK8S_PLUS_33 = '2.5.57';
const examplesDir = path.join(root, 'examples');
const examples = fs.readdirSync(examplesDir).filter(d => fs.existsSync(path.join(examplesDir, d, 'main.ts'))).sort();
jest.setTimeout(600_000);

/** The lowest version a `^x.y.z` peer range admits. */
function floor(range: string): string {
  const m = /^\^(\d+\.\d+\.\d+)$/.exec(range);
  if (!m) throw new Error(`peer range '${range}' is not of the form ^x.y.z: teach floor() the new form`);
  return m[1];
}

/** npm pack into `dir`; returns the tarball's path. */
function pack(dir: string): string {
  const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: root, encoding: 'utf-8' });
  return path.join(dir, out.trim().split('\n').pop()!);
}

function scratchApp(tarball: string, name: string, deps: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cdk8s-kubevirt-${name}-`));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `scratch-${name}`, private: true }));
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--silent', tarball, ...deps], { cwd: dir, stdio: 'inherit' });
  return dir;
}

/** Type-checks `files` (absolute) as a CommonJS app would: strict, against the app's node_modules, library .d.ts files included. */
function typeErrors(files: string[]): string[] {
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    strict: true,
    noEmit: true,
    esModuleInterop: true,
    skipLibCheck: false,
    types: [],
    lib: ['lib.es2022.d.ts'],
  });
  return ts.getPreEmitDiagnostics(program).map(d => ts.formatDiagnostic(d, {
    getCanonicalFileName: f => f, getCurrentDirectory: () => '/', getNewLine: () => '\n',
  }).trim());
}

function transpile(source: string): string {
  const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
  return ts.transpileModule(source, { compilerOptions }).outputText;
}

/** Copies an example's main.ts into the app (as a user would) and runs it there; returns its dist/ folder. */
function synthExample(app: string, name: string): string {
  const dir = path.join(app, 'examples', name);
  fs.mkdirSync(dir, { recursive: true });
  const source = fs.readFileSync(path.join(examplesDir, name, 'main.ts'), 'utf-8');
  fs.writeFileSync(path.join(dir, 'main.ts'), source);
  fs.writeFileSync(path.join(dir, 'main.js'), transpile(source));
  execFileSync(process.execPath, ['main.js'], { cwd: dir, stdio: 'inherit' });
  return path.join(dir, 'dist');
}

function installed(app: string, name: string): string {
  return JSON.parse(fs.readFileSync(path.join(app, 'node_modules', name, 'package.json'), 'utf-8')).version;
}

let scratch: string;
const apps: { minimum?: string; current?: string } = {};

beforeAll(() => {
  if (!fs.existsSync(path.join(root, 'lib', 'index.js'))) {
    throw new Error('lib/ is not compiled: run `npx projen compile` (the build does) before this test');
  }
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-kubevirt-pack-'));
  const tarball = pack(scratch);
  const peers: Record<string, string> = pkg.peerDependencies;
  apps.minimum = scratchApp(tarball, 'minimum', Object.entries(peers).map(([n, r]) => `${n}@${floor(r)}`));
  const dev: Record<string, string> = pkg.devDependencies;
  apps.current = scratchApp(tarball, 'current', [
    `cdk8s@${dev.cdk8s}`, `constructs@${dev.constructs}`, `cdk8s-plus-33@${CDK8S_PLUS_33}`, `cdk8s-plus-28@${dev['cdk8s-plus-28']}`,
  ]);
});

afterAll(() => {
  for (const dir of [scratch, apps.minimum, apps.current]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the tarball with the minimum peers', () => {
  test('the floors of the peer ranges are what is installed', () => {
    for (const [name, range] of Object.entries(pkg.peerDependencies as Record<string, string>)) {
      expect(`${name}@${installed(apps.minimum!, name)}`).toBe(`${name}@${floor(range)}`);
    }
  });

  test('every example type-checks against the minimum peers', () => {
    const files = examples.map(name => {
      const file = path.join(apps.minimum!, 'typecheck', name, 'main.ts');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.copyFileSync(path.join(examplesDir, name, 'main.ts'), file);
      return file;
    });
    expect(typeErrors(files)).toEqual([]);
  });

  test.each(examples)('examples/%s synthesizes byte-identically with the minimum peers', (name) => {
    const dist = synthExample(apps.minimum!, name);
    const committed = path.join(examplesDir, name, 'dist');
    const files = fs.readdirSync(committed).sort();
    expect(fs.readdirSync(dist).sort()).toEqual(files);
    for (const f of files) {
      expect(`${f}:\n${fs.readFileSync(path.join(dist, f), 'utf-8')}`).toBe(`${f}:\n${fs.readFileSync(path.join(committed, f), 'utf-8')}`);
    }
  });
});

describe('the tarball in an app of today (newest cdk8s, cdk8s-plus-33 next to the cdk8s-plus-28 peer)', () => {
  test('the README quick start synthesizes from the installed package', () => {
    const source = fs.readFileSync(path.join(examplesDir, 'quickstart', 'main.ts'), 'utf-8');
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf-8');
    // the README shows the same program as the quickstart example, which imports the package as an app does
    expect(source).toContain("from 'cdk8s-kubevirt';");
    expect(readme).toContain(source.trim());
    const dist = synthExample(apps.current!, 'quickstart');
    const manifests = readManifests(dist);
    expect(manifests.map(m => m.kind)).toEqual(['VirtualMachine']);
    expect(expectConformant(manifests)).toHaveLength(1);
    expect(fs.readFileSync(path.join(dist, 'quickstart.k8s.yaml'), 'utf-8'))
      .toBe(fs.readFileSync(path.join(examplesDir, 'quickstart', 'dist', 'quickstart.k8s.yaml'), 'utf-8'));
  });

  test('one chart mixes cdk8s-plus-33 objects with the library\'s (cdk8s-plus-28 inside): it type-checks and synthesizes', () => {
    expect(installed(apps.current!, 'cdk8s-plus-33')).toBe(CDK8S_PLUS_33);
    const dir = path.join(apps.current!, 'mixed');
    fs.mkdirSync(dir, { recursive: true });
    const source = [
      "import { App, Chart, Cron, Size } from 'cdk8s';",
      "import * as kplus from 'cdk8s-plus-33';",
      "import { DiskSet, DiskSource, Machine, SnapshotSchedule } from 'cdk8s-kubevirt';",
      '',
      'const app = new App();',
      "const chart = new Chart(app, 'mixed', { namespace: 'apps' });",
      "const web = new kplus.Deployment(chart, 'frontend', { containers: [{ image: 'nginx:1.27', portNumber: 80, securityContext: { user: 101 } }] });",
      "web.exposeViaService({ name: 'frontend' });",
      "const db = new Machine(chart, 'db', {",
      '  cpu: { cores: 2 },',
      '  memory: Size.gibibytes(4),',
      "  disks: new DiskSet({ root: { source: DiskSource.registry('quay.io/containerdisks/fedora:41'), size: Size.gibibytes(30) } }),",
      '});',
      "db.expose('sql', { ports: [{ port: 5432 }] });",
      "new SnapshotSchedule(chart, 'nightly', { machine: db, schedule: Cron.daily(), retention: 7, image: 'registry.example.com/kubevirt/snapshotter:1.0' });",
      'app.synth();',
      '',
    ].join('\n');
    fs.writeFileSync(path.join(dir, 'main.ts'), source);
    expect(typeErrors([path.join(dir, 'main.ts')])).toEqual([]);
    fs.writeFileSync(path.join(dir, 'main.js'), transpile(source));
    execFileSync(process.execPath, ['main.js'], { cwd: dir, stdio: 'inherit' });
    const manifests = readManifests(path.join(dir, 'dist'));
    expect(manifests.map(m => `${m.kind}/${m.metadata.name}`).sort()).toEqual([
      expect.stringMatching(/^CronJob\//),
      expect.stringMatching(/^Deployment\/mixed-frontend-/),
      expect.stringMatching(/^Role\//),
      expect.stringMatching(/^RoleBinding\//),
      'Service/db-sql',
      'Service/frontend',
      expect.stringMatching(/^ServiceAccount\//),
      'VirtualMachine/db',
    ]);
    expect(expectConformant(manifests)).toHaveLength(manifests.length);
  });

  test('the tarball ships the library, not the repository\'s benchmark, examples, tests or generator', () => {
    const installedDir = path.join(apps.current!, 'node_modules', 'cdk8s-kubevirt');
    expect(fs.existsSync(path.join(installedDir, 'lib', 'index.js'))).toBe(true);
    expect(['bench', 'examples', 'test', 'imports', 'src'].filter(d => fs.existsSync(path.join(installedDir, d)))).toEqual([]);
  });

  test('the CLI bin runs from the installed package, with the schemas shipped inside it', () => {
    const app = apps.current!;
    const bin = path.join(app, 'node_modules', '.bin', 'cdk8s-kubevirt');
    expect(fs.existsSync(path.join(app, 'node_modules', 'cdk8s-kubevirt', 'lib', 'schemas', 'kubevirt.io', 'virtualmachine_v1.json'))).toBe(true);
    // precompiled validators (standalone Ajv code), not schemas compiled at run time
    expect(fs.existsSync(path.join(app, 'node_modules', 'cdk8s-kubevirt', 'lib', 'schemas', 'kubevirt.io', 'virtualmachine_v1.js'))).toBe(true);
    const out = execFileSync(bin, ['lint', path.join(examplesDir, 'quickstart', 'dist')], { cwd: app, encoding: 'utf-8' });
    expect(out).toBe('');
    const converted = execFileSync(bin, ['convert', '-'], {
      cwd: app,
      encoding: 'utf-8',
      input: 'apiVersion: vitistack.io/v1alpha1\nkind: Machine\nmetadata:\n  name: basic-vm\n  namespace: default\nspec:\n  template: medium\n',
    });
    expect(converted).toContain('kind: VirtualMachine');
    expect(converted).toContain('name: basic-vm');
  });

  test('plan runs from the installed package: more cores on the quickstart VM is a restart, and --fail-on gates it', () => {
    const app = apps.current!;
    const bin = path.join(app, 'node_modules', '.bin', 'cdk8s-kubevirt');
    const before = path.join(app, 'plan-before');
    const after = path.join(app, 'plan-after');
    fs.mkdirSync(before);
    fs.mkdirSync(after);
    const yaml = fs.readFileSync(path.join(examplesDir, 'quickstart', 'dist', 'quickstart.k8s.yaml'), 'utf-8');
    fs.writeFileSync(path.join(before, 'app.k8s.yaml'), yaml);
    fs.writeFileSync(path.join(after, 'app.k8s.yaml'), yaml.replace('cores: 2', 'cores: 4'));
    const out = JSON.parse(execFileSync(bin, ['plan', '--format', 'json', before, after], { cwd: app, encoding: 'utf-8' }));
    expect(out.changes.map((c: any) => c.class)).toEqual(['restart']);
    let status = 0;
    try {
      execFileSync(bin, ['plan', '--fail-on', 'restart', before, after], { cwd: app, encoding: 'utf-8', stdio: 'pipe' });
    } catch (e: any) {
      status = e.status;
    }
    expect(status).toBe(1);
  });
});
