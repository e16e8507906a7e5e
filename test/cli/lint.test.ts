/**
 * `cdk8s-kubevirt lint` (with the precompiled schemas in lib/schemas) over the examples' output, one broken manifest
 * per rule (test/fixtures/lint/rules/, written by test/fixtures/lint/generate.ts), and crafted input. Most cases run
 * the command in process (test/support/cli.ts); the examples and the large stream run the real binary
 * (lib/cli/main.js), which finds its bundled schemas and streams standard input from fd 0.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { RULES, checkManifest, formatViolation } from '../../src/rules';
import { validVm } from '../rules/fixtures';
import { runInProcess, spawnCli } from '../support/cli';

jest.setTimeout(60_000);

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'lib', 'cli', 'main.js');
const RULE_FIXTURES = path.join('test', 'fixtures', 'lint', 'rules');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

interface JsonFinding {
  readonly file: string;
  readonly line: number;
  readonly kind: string;
  readonly name: string;
  readonly rule: string;
  readonly path: string;
  readonly message: string;
}

/** Runs the command in process; `env` applies for the run only. */
function cli(args: string[], input?: string, env?: Record<string, string | undefined>): Run {
  return runInProcess(args, { input, env });
}

/** Runs the real binary from the repository root, with `env` added to this process's environment. */
function cliBinary(args: string[], input?: string, env?: Record<string, string | undefined>): Run {
  return spawnCli(args, { input, env });
}

beforeAll(() => {
  if (!fs.existsSync(BIN) || !fs.existsSync(path.join(ROOT, 'lib', 'schemas'))) {
    throw new Error(`${BIN} or lib/schemas is missing: run 'npx projen compile' first (it compiles the schemas into lib/schemas)`);
  }
});

function exampleDists(): string[] {
  return fs.readdirSync(path.join(ROOT, 'examples')).sort()
    .map(e => path.join('examples', e, 'dist'))
    .filter(d => fs.existsSync(path.join(ROOT, d)));
}

describe('lint over the examples', () => {
  test('is clean: exit 0, no output, every object checked', () => {
    const dists = exampleDists();
    expect(dists.length).toBeGreaterThan(0);
    const r = cliBinary(['lint', ...dists], undefined, { KUBEVIRT_SCHEMAS: undefined });
    expect(r.stdout).toBe('');
    // Core kinds (Secret, PVC, RBAC …) and other groups (NetworkAttachmentDefinition …) are skipped and counted.
    expect(r.stderr).toMatch(/^checked \d+ objects(, skipped \d+ core Kubernetes objects? \([^)]*\))?(, skipped \d+ of unknown kinds \([^)]*\))?, 0 findings\n$/);
    expect(r.code).toBe(0);
  });
});

/** The `# expect: id…` markers of a fixture: `<line> <rule>` sorted. */
function markers(file: string): string[] {
  const out: string[] = [];
  fs.readFileSync(path.join(ROOT, file), 'utf-8').split('\n').forEach((text, i) => {
    const m = /\s#\s*expect:\s*([a-z0-9 -]+)$/.exec(text);
    if (m) for (const id of m[1].trim().split(/\s+/)) out.push(`${i + 1} ${id}`);
  });
  return out.sort();
}

describe('lint over one broken manifest per rule', () => {
  const fixture = (id: string): string => path.join(RULE_FIXTURES, `${id}.yaml`);
  const cluster = RULES.filter(r => r.clusterDependent).map(r => r.id);
  let plain: Run;
  let withClusterRules: Run;
  const byFile = new Map<string, JsonFinding[]>();

  beforeAll(() => {
    // Two runs of the binary: every fixture without --cluster-rules, the cluster ones with it.
    plain = cli(['lint', '--format', 'json', RULE_FIXTURES]);
    withClusterRules = cli(['lint', '--format', 'json', '--cluster-rules', ...cluster.map(fixture)]);
    for (const r of [plain, withClusterRules]) {
      for (const f of JSON.parse(r.stdout) as JsonFinding[]) {
        const key = `${f.file}${r === withClusterRules ? ' --cluster-rules' : ''}`;
        byFile.set(key, [...(byFile.get(key) ?? []), f]);
      }
    }
  });

  test('every rule has a fixture, and there is no other', () => {
    expect(fs.readdirSync(path.join(ROOT, RULE_FIXTURES)).sort()).toEqual(RULES.map(r => `${r.id}.yaml`).sort());
    expect(cluster.length).toBeGreaterThan(0);
  });

  test('exit code 1 and a summary line', () => {
    expect(plain.code).toBe(1);
    const objects = RULES.length;
    const findings = [...byFile.entries()].filter(([k]) => !k.endsWith('--cluster-rules')).reduce((n, [, v]) => n + v.length, 0);
    expect(plain.stderr).toBe(`checked ${objects} objects, ${findings} findings\n`);
    expect(withClusterRules.code).toBe(1);
  });

  test.each(RULES.map(r => [r.id, !!r.clusterDependent] as [string, boolean]))('%s: exactly its finding, at its line', (id, isCluster) => {
    const file = fixture(id);
    const found = byFile.get(isCluster ? `${file} --cluster-rules` : file) ?? [];
    const expected = markers(file);
    expect(expected.some(m => m.endsWith(` ${id}`))).toBe(true);
    expect(found.map(f => `${f.line} ${f.rule}`).sort()).toEqual(expected);
    // The rule's message is formatViolation of the same rule function the constructs run.
    const manifest = YAML.parse(fs.readFileSync(path.join(ROOT, file), 'utf-8'));
    const violations = checkManifest(manifest, { clusterDependent: isCluster }).filter(v => v.ruleId === id);
    expect(found.filter(f => f.rule === id).map(f => f.message)).toEqual(violations.map(formatViolation));
    for (const f of found) {
      expect(f.kind).toBe(manifest.kind);
      expect(f.name).toBe(manifest.metadata.name);
    }
    // Cluster-dependent rules are off unless --cluster-rules.
    if (isCluster) expect(byFile.get(file)).toBeUndefined();
  });

  test('text output: file:line kind/name rule-id message', () => {
    const file = fixture('disk-bus');
    const r = cli(['lint', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`${file}:24 VirtualMachine/web disk-bus spec.template.spec.domain.devices.disks[0].disk.bus `
      + 'must be one of virtio, sata, scsi, usb: got "ide"; one of virtio, sata, scsi, usb (disk-bus)\n');
    expect(markers(file)).toEqual(['24 disk-bus']);
    expect(r.stderr).toBe('checked 1 object, 1 finding\n');
  });
});

const VM_YAML = YAML.stringify(validVm());

describe('lint over crafted input', () => {
  test('reads standard input, and counts skipped kinds in the summary', () => {
    const input = [
      VM_YAML,
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n',
      'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: c\n',
      'apiVersion: example.com/v1\nkind: Foo\nmetadata:\n  name: d\n',
      // A KubeVirt group, but a kind this tool has no schema for (the operator's own CR).
      'apiVersion: kubevirt.io/v1\nkind: KubeVirt\nmetadata:\n  name: e\n',
      '# only a comment\n',
    ].join('---\n');
    const r = cli(['lint', '-'], input);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('checked 1 object, skipped 3 core Kubernetes objects (ConfigMap: 2, PersistentVolumeClaim: 1), '
      + 'skipped 2 of unknown kinds (Foo: 1, KubeVirt: 1), 0 findings\n');
    expect(r.code).toBe(0);
  });

  test('fails when a VM holds a plaintext password: the library\'s secret scanner, value redacted (secret-password)', () => {
    const vm: any = validVm();
    vm.spec.template.spec.domain.devices.disks.push({ name: 'cloudinitdisk', disk: { bus: 'virtio' } });
    vm.spec.template.spec.volumes.push({ name: 'cloudinitdisk', cloudInitNoCloud: { userData: '#cloud-config\npassword: Hunter2Hunter2\nchpasswd: { expire: false }\n' } });
    const r = cli(['lint', '-'], YAML.stringify(vm));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('secret-password');
    expect(r.stdout).toContain('holds a password (key \'password\', cloud-config password): got "Hu… (14 chars)"');
    expect(r.stdout).not.toContain('Hunter2Hunter2');
  });

  test('warns when YAML sets a value KubeVirt drops when it stores the VM (round-trip), without failing', () => {
    const vm: any = validVm();
    vm.spec.template.spec.tolerations = [];
    const r = cli(['lint', '-'], YAML.stringify(vm));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/VirtualMachine\/\S+ warning: spec\.template\.spec\.tolerations: .*so a GitOps diff stays OutOfSync \(round-trip\)\n/);
  });

  test('--format json, schema findings with their lines, and kind: List', () => {
    const input = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '  - apiVersion: cdi.kubevirt.io/v1beta1',
      '    kind: DataVolume',
      '    metadata:',
      '      name: disk',
      '      lables: {}',
      '    spec:',
      '      source:',
      '        blank: {}',
      '      storage:',
      '        resources:',
      '          requests:',
      '            storage: 1Gi',
      '        storageClas: fast',
      '',
    ].join('\n');
    const r = cli(['lint', '--format', 'json', '-'], input);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        file: '<stdin>',
        line: 8,
        kind: 'DataVolume',
        name: 'disk',
        rule: 'schema',
        path: 'metadata.lables',
        message: 'metadata.lables is not a field of ObjectMeta: got {}; did you mean "labels"? (schema)',
      },
      {
        file: '<stdin>',
        line: 16,
        kind: 'DataVolume',
        name: 'disk',
        rule: 'schema',
        path: 'spec.storage.storageClas',
        message: 'spec.storage.storageClas is not a field of this object: got "fast"; did you mean "storageClassName"? (schema)',
      },
    ]);
  });

  test('an apiVersion without a schema is a finding at its line', () => {
    // kubevirt.io/v1alpha2 is no longer served (v1alpha3 is: see the served-versions tests).
    const r = cli(['lint', '-'], `---\n${VM_YAML.replace('kubevirt.io/v1', 'kubevirt.io/v1alpha2')}`);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('<stdin>:2 VirtualMachine/web schema apiVersion has no schema for VirtualMachine in this tool: '
      + 'got "kubevirt.io/v1alpha2"; one of kubevirt.io/v1, kubevirt.io/v1alpha3 (the versions KubeVirt serves) (schema)\n');
  });

  test('reads folders recursively (*.yaml and *.yml, sorted) and names each file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-'));
    try {
      fs.mkdirSync(path.join(dir, 'b'));
      fs.writeFileSync(path.join(dir, 'b', 'vm.yml'), VM_YAML.replace('bus: virtio', 'bus: ide'));
      fs.writeFileSync(path.join(dir, 'a.yaml'), VM_YAML.replace('runStrategy: Always', 'runStrategy: always'));
      fs.writeFileSync(path.join(dir, 'notes.txt'), 'not yaml: [');
      const r = cli(['lint', '--recursive', dir]);
      expect(r.code).toBe(1);
      expect(r.stdout.split('\n').filter(Boolean).map(l => l.split(' ').slice(0, 3).join(' '))).toEqual([
        `${path.join(dir, 'a.yaml')}:7 VirtualMachine/web vm-run-strategy`,
        `${path.join(dir, 'b', 'vm.yml')}:${VM_YAML.split('\n').findIndex(l => l.includes('bus: virtio')) + 1} VirtualMachine/web disk-bus`,
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('exit code 2 on an unreadable file, still reporting the readable ones', () => {
    const r = cli(['lint', 'no/such/file.yaml', path.join(RULE_FIXTURES, 'disk-bus.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no/such/file.yaml: cannot read: no such file or directory');
    expect(r.stdout).toContain('disk-bus');
  });

  test('exit code 2 on a YAML syntax error, with its line', () => {
    const r = cli(['lint', '-'], `${VM_YAML}---\napiVersion: v1\nkind: ConfigMap\ndata: {a: [1, 2}\n`);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/<stdin>:\d+: YAML syntax error/);
  });

  test('exit code 2 on bad usage and on a missing schema folder', () => {
    expect(cli(['lint']).code).toBe(2);
    expect(cli(['lint', '--format', 'xml', '-'], VM_YAML).code).toBe(2);
    expect(cli(['lint', '--nope', '-'], VM_YAML).code).toBe(2);
    const noSchemas = cli(['lint', '--schemas', 'no/such/dir', '-'], VM_YAML);
    expect(noSchemas.code).toBe(2);
    expect(noSchemas.stderr).toContain('schemas were not found');
    expect(cli(['lint', '--help']).code).toBe(0);
  });

  test('--schemas and KUBEVIRT_SCHEMAS choose the schema folder', () => {
    const bundled = path.join(ROOT, 'lib', 'schemas');
    expect(cli(['lint', '--schemas', bundled, '-'], VM_YAML).code).toBe(0);
    expect(cli(['lint', '-'], VM_YAML, { KUBEVIRT_SCHEMAS: bundled }).code).toBe(0);
    expect(cli(['lint', '-'], VM_YAML, { KUBEVIRT_SCHEMAS: 'no/such/dir' }).code).toBe(2);
  });
});

describe('lint over a large stream', () => {
  test('5,000 VMs in one stream: every object checked, the one broken VM found at its line', () => {
    const docs: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const vm = validVm();
      vm.metadata.name = `vm-${i}`;
      vm.metadata.namespace = `team-${i % 10}`;
      if (i === 4321) vm.spec.template.spec.domain.devices.disks[0].disk.bus = 'ide';
      docs.push(YAML.stringify(vm));
    }
    const input = docs.join('---\n');
    const lines = input.split('\n');
    const expectedLine = lines.findIndex(l => l.includes('bus: ide')) + 1;
    const r = cliBinary(['lint', '-'], input);
    expect(r.stderr).toBe('checked 5000 objects, 1 finding\n');
    expect(r.stdout).toBe(`<stdin>:${expectedLine} VirtualMachine/vm-4321 disk-bus spec.template.spec.domain.devices.disks[0].disk.bus `
      + 'must be one of virtio, sata, scsi, usb: got "ide"; one of virtio, sata, scsi, usb (disk-bus)\n');
    expect(r.code).toBe(1);
  }, 120_000);
});
