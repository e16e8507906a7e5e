/**
 * The published package works as users install it: `npm pack`, install the tarball into a scratch
 * app outside the repository, synthesize the README quick start from it, and run the CLI's bin.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { expectConformant, readManifests } from './support/conformance';

const root = path.join(__dirname, '..');
jest.setTimeout(240_000);

describe('packed tarball', () => {
  let scratch: string;

  beforeAll(() => {
    if (!fs.existsSync(path.join(root, 'lib', 'index.js'))) {
      throw new Error('lib/ is not compiled: run `npx projen compile` (the build does) before this test');
    }
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-kubevirt-pack-'));
    const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', scratch], { cwd: root, encoding: 'utf-8' }).trim().split('\n').pop()!;
    fs.writeFileSync(path.join(scratch, 'package.json'), JSON.stringify({ name: 'scratch-app', private: true }));
    const versions = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf-8')).devDependencies;
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--silent',
      path.join(scratch, tarball), `cdk8s@${versions.cdk8s}`, `constructs@${versions.constructs}`, `cdk8s-plus-28@${versions['cdk8s-plus-28']}`],
    { cwd: scratch, stdio: 'inherit' });
  });

  afterAll(() => {
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  test('the README quick start synthesizes from the installed package', () => {
    const source = fs.readFileSync(path.join(root, 'examples', 'quickstart', 'main.ts'), 'utf-8').replace("'../../lib'", "'cdk8s-kubevirt'");
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf-8');
    // the README shows the same program as the quickstart example (modulo the import path)
    expect(readme).toContain(source.trim());
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    fs.writeFileSync(path.join(scratch, 'main.js'), js);
    execFileSync('node', ['main.js'], { cwd: scratch, stdio: 'inherit' });
    const manifests = readManifests(path.join(scratch, 'dist'));
    expect(manifests.map(m => m.kind)).toEqual(['VirtualMachine']);
    expect(expectConformant(manifests)).toHaveLength(1);
    expect(fs.readFileSync(path.join(scratch, 'dist', 'quickstart.k8s.yaml'), 'utf-8'))
      .toBe(fs.readFileSync(path.join(root, 'examples', 'quickstart', 'dist', 'quickstart.k8s.yaml'), 'utf-8'));
  });

  test('the CLI bin runs from the installed package, with the schemas shipped inside it', () => {
    const bin = path.join(scratch, 'node_modules', '.bin', 'cdk8s-kubevirt');
    expect(fs.existsSync(path.join(scratch, 'node_modules', 'cdk8s-kubevirt', 'lib', 'schemas', 'kubevirt.io', 'virtualmachine_v1.json'))).toBe(true);
    // precompiled validators (standalone Ajv code), not schemas compiled at run time
    expect(fs.existsSync(path.join(scratch, 'node_modules', 'cdk8s-kubevirt', 'lib', 'schemas', 'kubevirt.io', 'virtualmachine_v1.js'))).toBe(true);
    const out = execFileSync(bin, ['lint', path.join(root, 'examples', 'quickstart', 'dist')], { cwd: scratch, encoding: 'utf-8' });
    expect(out).toBe('');
    const converted = execFileSync(bin, ['convert', '-'], {
      cwd: scratch,
      encoding: 'utf-8',
      input: 'apiVersion: vitistack.io/v1alpha1\nkind: Machine\nmetadata:\n  name: basic-vm\n  namespace: default\nspec:\n  template: medium\n',
    });
    expect(converted).toContain('kind: VirtualMachine');
    expect(converted).toContain('name: basic-vm');
  });

  test('plan runs from the installed package: more cores on the quickstart VM is a restart, and --fail-on gates it', () => {
    const bin = path.join(scratch, 'node_modules', '.bin', 'cdk8s-kubevirt');
    const before = path.join(scratch, 'plan-before');
    const after = path.join(scratch, 'plan-after');
    fs.mkdirSync(before);
    fs.mkdirSync(after);
    const yaml = fs.readFileSync(path.join(root, 'examples', 'quickstart', 'dist', 'quickstart.k8s.yaml'), 'utf-8');
    fs.writeFileSync(path.join(before, 'app.k8s.yaml'), yaml);
    fs.writeFileSync(path.join(after, 'app.k8s.yaml'), yaml.replace('cores: 2', 'cores: 4'));
    const out = JSON.parse(execFileSync(bin, ['plan', '--format', 'json', before, after], { cwd: scratch, encoding: 'utf-8' }));
    expect(out.changes.map((c: any) => c.class)).toEqual(['restart']);
    let status = 0;
    try {
      execFileSync(bin, ['plan', '--fail-on', 'restart', before, after], { cwd: scratch, encoding: 'utf-8', stdio: 'pipe' });
    } catch (e: any) {
      status = e.status;
    }
    expect(status).toBe(1);
  });
});
