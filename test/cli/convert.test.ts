/**
 * `cdk8s-kubevirt convert`: most cases run the command in process (test/support/cli.ts); the first two run it as
 * users run it, the compiled binary `node lib/cli/main.js convert …` in a child process (lib/ comes from
 * `npx projen compile`), from a file and from stdin.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import * as YAML from 'yaml';
import { Viti } from '../../src/viti/converter';
import { runInProcess, spawnCli } from '../support/cli';
import { expectConformant } from '../support/conformance';

const root = path.join(__dirname, '..', '..');
const main = path.join(root, 'lib', 'cli', 'main.js');
const FIXTURES = 'test/fixtures/viti';
const BROKEN = `${FIXTURES}/broken`;
const QUANTITY = 'a Kubernetes quantity of whole kibibytes, e.g. "20Gi", "512Mi" or "100G"';

jest.setTimeout(60_000);

/** Runs `convert` in process, from the repository root. */
function convert(args: string[], input?: string): { code: number | null; stdout: string; stderr: string } {
  return runInProcess(['convert', ...args], { input });
}

/** Runs the real binary from the repository root. */
function convertBinary(args: string[], input?: string): { code: number | null; stdout: string; stderr: string } {
  return spawnCli(['convert', ...args], { input });
}

function parse(yaml: string): any[] {
  return YAML.parseAllDocuments(yaml).map(d => d.toJS()).filter(d => d !== null);
}

/** What `cdk8s synth` gives for one Viti Machine, built in process the way the CLI builds it. */
function synthInProcess(manifest: any, namespace?: string): string {
  const app = new App();
  const chart = new Chart(app, 'viti', { namespace: namespace ?? manifest.metadata.namespace });
  Viti.toMachine(chart, manifest.metadata.name, manifest, { namespace });
  return app.synthYaml();
}

function readFixture(file: string): any[] {
  return parse(fs.readFileSync(path.join(root, file), 'utf-8'));
}

let tmp: string;
beforeAll(() => {
  if (!fs.existsSync(main)) throw new Error('lib/cli/main.js is missing: run `npx projen compile` before these tests');
});
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'viti-convert-'));
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('cdk8s-kubevirt convert', () => {
  test('prints exactly what cdk8s synth gives, and it validates', () => {
    const file = `${FIXTURES}/reference-full.yaml`;
    const r = convertBinary([file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(synthInProcess(readFixture(file)[0]));
    expect(expectConformant(parse(r.stdout)).map(o => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'PersistentVolumeClaim/prod/full-vm-root', 'PersistentVolumeClaim/prod/full-vm-shared', 'PersistentVolumeClaim/prod/full-vm-media', 'VirtualMachine/prod/full-vm',
    ]);
    expect(r.stderr).toBe(`cdk8s-kubevirt convert: warning: ${file}#1: spec.bootOrder[2]: "cdrom" is skipped; a Viti Machine declares no CD-ROM, so there is no device to boot from\n`);
  });

  test('converts a directory: every *.yaml in sorted order, other kinds passed through', () => {
    const r = convert([FIXTURES]);
    expect(r.code).toBe(0);
    const objects = expectConformant(parse(r.stdout));
    const vms = objects.filter(o => o.kind === 'VirtualMachine').map(o => o.metadata.name);
    expect(vms).toEqual([
      'example-vm-small', 'example-vm-custom', 'example-machine-large', 'example-vm-storage',
      'basic-vm', 'cloud-init-secret-vm', 'cloud-init-vm', 'custom-vm', 'full-vm', 'networked-vm', 'override-vm', 'root-disk-vm',
      'small-vm', 'medium-vm', 'large-vm', 'mixed-vm',
    ]);
    expect(objects.filter(o => o.kind === 'ConfigMap')).toEqual([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default' }, data: { greeting: 'hello' } },
    ]);
    // the pass-through document keeps its comments
    expect(r.stdout).toContain('  greeting: hello # a comment that stays\n');
    expect(r.stderr.split('\n').filter(l => l !== '')).toEqual([
      `cdk8s-kubevirt convert: warning: ${FIXTURES}/reference-cloud-init-secret-ref.yaml#1: spec.cloudInit.secretRef: ignored because spec.cloudInit.userData is set; the VM gets the inline userData, as in the operator's example`,
      `cdk8s-kubevirt convert: warning: ${FIXTURES}/reference-full.yaml#1: spec.bootOrder[2]: "cdrom" is skipped; a Viti Machine declares no CD-ROM, so there is no device to boot from`,
    ]);
  });

  test('reads multi-document YAML from stdin, with - or with no path', () => {
    const text = fs.readFileSync(path.join(root, FIXTURES, 'reference-templates.yaml'), 'utf-8');
    const dash = convertBinary(['-'], text);
    const none = convertBinary([], text);
    expect(dash.code).toBe(0);
    expect(none).toEqual(dash);
    expect(dash.stdout).toBe(readFixture(`${FIXTURES}/reference-templates.yaml`).map(m => synthInProcess(m)).join('---\n'));
    expect(parse(dash.stdout).filter(o => o.kind === 'VirtualMachine').map(o => o.spec.template.spec.domain.memory.guest)).toEqual(['2Gi', '4Gi', '8Gi']);
  });

  test('unwraps a v1 List, as `kubectl get machines -o yaml` prints it, with status and server metadata', () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      metadata: { resourceVersion: '' },
      items: [{
        apiVersion: 'vitistack.io/v1alpha1',
        kind: 'Machine',
        metadata: { name: 'basic-vm', namespace: 'default', uid: 'c0ffee', resourceVersion: '7', generation: 1, creationTimestamp: '2024-01-01T12:00:00Z', finalizers: ['machine.vitistack.io/cleanup'] },
        spec: { template: 'medium' },
        status: { phase: 'Running', vmName: 'basic-vm' },
      }, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'machine-secrets', namespace: 'default' }, type: 'Opaque' }],
    };
    const r = convert(['-'], YAML.stringify(list));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const basic = readFixture(`${FIXTURES}/reference-basic-vm.yaml`)[0];
    expect(r.stdout).toBe(`${synthInProcess(basic)}---
${YAML.stringify(list.items[1])}`);
    expect(expectConformant(parse(r.stdout)).map(o => o.kind)).toEqual(['PersistentVolumeClaim', 'VirtualMachine', 'Secret']);
  });

  test('--namespace puts every machine in one namespace', () => {
    const file = `${FIXTURES}/overview-with-disks.yaml`;
    const r = convert(['--namespace', 'migrated', file]);
    expect(r.code).toBe(0);
    const objects = expectConformant(parse(r.stdout));
    expect(objects.map(o => o.metadata.namespace)).toEqual(['migrated', 'migrated', 'migrated', 'migrated']);
    expect(r.stdout).toBe(synthInProcess(readFixture(file)[0], 'migrated'));
    expect(convert(['-n', 'migrated', file]).stdout).toBe(r.stdout);
  });

  test('--out writes one file per machine and per passed-through document', () => {
    const out = path.join(tmp, 'out');
    const r = convert(['--out', out, `${FIXTURES}/with-other-kinds.yaml`, `${FIXTURES}/overview-basic-small.yaml`, `${FIXTURES}/reference-templates.yaml`]);
    expect(r).toEqual({ code: 0, stdout: '', stderr: `cdk8s-kubevirt convert: wrote 6 file(s) to ${out}\n` });
    expect(fs.readdirSync(out).sort()).toEqual([
      'default-large-vm.yaml', 'default-medium-vm.yaml', 'default-mixed-vm.yaml', 'default-settings.configmap.yaml', 'default-small-vm.yaml',
      'example-machine-small.yaml',
    ]);
    const small = fs.readFileSync(path.join(out, 'default-small-vm.yaml'), 'utf-8');
    expect(small).toBe(synthInProcess(readFixture(`${FIXTURES}/reference-templates.yaml`)[0]));
    expect(expectConformant(parse(small)).map(o => o.kind)).toEqual(['PersistentVolumeClaim', 'VirtualMachine']);
    expect(parse(fs.readFileSync(path.join(out, 'default-settings.configmap.yaml'), 'utf-8'))).toEqual([readFixture(`${FIXTURES}/with-other-kinds.yaml`)[0]]);
    expect(convert([`--out=${out}`, `${FIXTURES}/overview-basic-small.yaml`]).code).toBe(0);
  });

  test('--data-volumes emits CDI DataVolume templates instead of PVCs', () => {
    const r = convert(['--data-volumes', `${FIXTURES}/reference-custom-vm.yaml`]);
    expect(r.code).toBe(0);
    const objects = expectConformant(parse(r.stdout));
    expect(objects.map(o => o.kind)).toEqual(['VirtualMachine']);
    expect(objects[0].spec.dataVolumeTemplates.map((d: any) => d.metadata.name)).toEqual(['custom-vm-root', 'custom-vm-data']);
  });

  test('--allow-passwords lets a password through', () => {
    const input = 'apiVersion: vitistack.io/v1alpha1\nkind: Machine\nmetadata: {name: vm}\nspec:\n  template: small\n  cloudInit:\n    userData: "#cloud-config\\npassword: x\\n"\n';
    expect(convert(['-'], input).code).toBe(1);
    const r = convert(['--allow-passwords', '-'], input);
    expect(r.code).toBe(0);
    expect(expectConformant(parse(r.stdout))[1].spec.template.spec.volumes[1].cloudInitNoCloud.userData).toBe('#cloud-config\npassword: x\n');
  });

  test('a pass-through document that only the lenient reader accepts is written from its parsed object (found by the CLI fuzz)', () => {
    // A flow mapping continued at column 0: js-yaml (like go-yaml) reads it, the `yaml` package refuses it.
    const vm = 'apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata:\n  name: web\n  namespace: vms\nspec:\n  runStrategy: Always\n'
      + '  template:\n    spec:\n      domain:\n        devices:\n          disks:\n          - name: root\n            disk: {\nbus: virtio}\n'
      + '      volumes:\n      - name: root\n        containerDisk: {image: quay.io/containerdisks/fedora:41}\n';
    const r = convert(['-'], vm);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(parse(r.stdout)[0].spec.template.spec.domain.devices.disks[0]).toEqual({ name: 'root', disk: { bus: 'virtio' } });
  });

  test('--help prints the usage', () => {
    const r = convert(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: cdk8s-kubevirt convert \[options\] \[PATH…\]\n/);
    expect(r.stdout).toContain('--strict');
  });

  describe('bad input: exit 1, every error on stderr, nothing written', () => {
    const summary = (n: number) => `cdk8s-kubevirt convert: ${n} error(s); nothing was written\n`;

    test.each([
      ['unknown-field.yaml', "#1: Viti Machine 'default/typo-vm': spec.resources.cpu.corez is not a field of a Viti Machine: got 4; one of cores, threads, sockets"],
      ['wrong-kind.yaml', "#1: Viti Machine 'default/wrong-kind-vm': kind is not a Viti Machine: got \"VirtualMachine\"; Machine (other vitistack.io kinds, such as NetworkConfiguration, need the Viti operator)"],
      ['wrong-api-version.yaml', "#1: Viti Machine 'default/wrong-version-vm': apiVersion is not the Viti Machine API version: got \"vitistack.io/v1beta1\"; vitistack.io/v1alpha1 (the only version the converter reads)"],
      ['unknown-template.yaml', "#1: Viti Machine 'default/xl-vm': spec.template is not a known template (TemplateNotFound): got \"xlarge\"; one of small, medium, large"],
      ['mixed-dialects.yaml', "#1: Viti Machine 'default/mixed-vm': spec mixes the two Viti dialects: got [\"template\",\"cpu\"]; either reference fields (template, resources, disks, networks, bootOrder, cloudInit, domain) or overview fields (instanceType, name, cpu, memory, disks)"],
      ['secret-key.yaml', "#1: Viti Machine 'default/secret-key-vm': spec.cloudInit.secretRef.key is not a key KubeVirt reads: got \"cloud-config\"; 'userdata' or 'userData': KubeVirt reads the user data from one of these keys of the Secret, so rename the key in the Secret"],
    ])('fails when the input is %s', (file, message) => {
      const r = convert([`${BROKEN}/${file}`]);
      expect(r).toEqual({ code: 1, stdout: '', stderr: `${BROKEN}/${file}${message}\n${summary(1)}` });
    });

    test('fails when sizes are invalid, reporting every one', () => {
      const r = convert([`${BROKEN}/invalid-size.yaml`]);
      expect(r).toEqual({
        code: 1,
        stdout: '',
        stderr: `${BROKEN}/invalid-size.yaml#1: Viti Machine 'default/bad-size-vm': spec.resources.memory.size is not a Kubernetes quantity: got "8GB"; ${QUANTITY}\n`
          + `${BROKEN}/invalid-size.yaml#1: Viti Machine 'default/bad-size-vm': spec.disks[0].size must be a whole number of bytes: got "1.5"; ${QUANTITY}\n`
          + summary(2),
      });
    });

    test('fails when any input fails, and writes nothing, not even for the good files', () => {
      const out = path.join(tmp, 'out');
      const r = convert(['--out', out, `${FIXTURES}/reference-basic-vm.yaml`, `${BROKEN}/unknown-template.yaml`, `${FIXTURES}/overview-custom.yaml`]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`${BROKEN}/unknown-template.yaml#1: Viti Machine 'default/xl-vm': spec.template is not a known template (TemplateNotFound): got "xlarge"; one of small, medium, large\n${summary(1)}`);
      expect(fs.existsSync(out)).toBe(false);
    });

    test('fails when a directory holds broken files, listing every error (exit 2: one is not YAML)', () => {
      const r = convert([BROKEN]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.split('\n').filter(l => l !== '');
      expect(lines.map(l => (l.startsWith('cdk8s-kubevirt convert: ') ? l.split(':').slice(0, 2).join(':') : l.split(':')[0]))).toEqual([
        `cdk8s-kubevirt convert: ${BROKEN}/bad-yaml.yaml`, `${BROKEN}/invalid-size.yaml#1`, `${BROKEN}/invalid-size.yaml#1`, `${BROKEN}/mixed-dialects.yaml#1`,
        `${BROKEN}/secret-key.yaml#1`, `${BROKEN}/unknown-field.yaml#1`, `${BROKEN}/unknown-template.yaml#1`,
        `${BROKEN}/wrong-api-version.yaml#1`, `${BROKEN}/wrong-kind.yaml#1`, 'cdk8s-kubevirt convert: 9 error(s); nothing was written',
      ]);
      expect(lines[lines.length - 1]).toBe('cdk8s-kubevirt convert: 9 error(s); nothing was written');
    });

    test('fails when --strict meets a document of another kind', () => {
      const r = convert(['--strict', `${FIXTURES}/with-other-kinds.yaml`]);
      expect(r).toEqual({
        code: 1,
        stdout: '',
        stderr: `${FIXTURES}/with-other-kinds.yaml#1: v1 ConfigMap is not a Viti Machine; --strict accepts only vitistack.io/v1alpha1 Machine documents\n${summary(1)}`,
      });
    });

    test('fails when another vitistack.io kind is given', () => {
      const r = convert(['-'], 'apiVersion: vitistack.io/v1alpha1\nkind: NetworkConfiguration\nmetadata: {name: prod-network}\nspec: {}\n');
      expect(r).toEqual({
        code: 1,
        stdout: '',
        stderr: "<stdin>#1: Viti Machine 'prod-network': kind is not a Viti Machine: got \"NetworkConfiguration\"; Machine (other vitistack.io kinds, such as NetworkConfiguration, need the Viti operator)\n"
          + "<stdin>#1: Viti Machine 'prod-network': spec.template is required: got undefined; one of small, medium, large\n"
          + summary(2),
      });
    });

    test('fails when a document is not a Kubernetes object', () => {
      const r = convert(['-'], '---\n---\n- a\n- b\n');
      expect(r).toEqual({ code: 1, stdout: '', stderr: `<stdin>#2: not a Kubernetes object: apiVersion and kind must be strings\n${summary(1)}` });
    });

    test('fails when a List item is invalid, naming the item', () => {
      const r = convert(['-'], 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: vitistack.io/v1alpha1\n  kind: Machine\n  metadata: {name: vm}\n  spec: {template: tiny}\n');
      expect(r).toEqual({
        code: 1,
        stdout: '',
        stderr: `<stdin>#1.items[0]: Viti Machine 'vm': spec.template is not a known template (TemplateNotFound): got "tiny"; one of small, medium, large\n${summary(1)}`,
      });
    });

    test('fails when a passed-through document has no name to name its file under --out', () => {
      const out = path.join(tmp, 'out');
      const r = convert(['--out', out, '-'], 'apiVersion: v1\nkind: ConfigMap\ndata: {}\n');
      expect(r).toEqual({ code: 1, stdout: '', stderr: `<stdin>#1: v1 ConfigMap has no metadata.name to name its file under --out\n${summary(1)}` });
      expect(fs.existsSync(out)).toBe(false);
    });

    test('fails when a KubeVirt admission rule rejects the output', () => {
      const r = convert(['-'], 'apiVersion: vitistack.io/v1alpha1\nkind: Machine\nmetadata: {name: vm}\nspec:\n  template: small\n'
        + '  disks: [{name: cloudinitdisk, size: 1Gi}]\n  cloudInit: {userData: "#cloud-config\\n"}\n');
      expect(r).toEqual({
        code: 1,
        stdout: '',
        stderr: "<stdin>#1: [viti/vm] Machine 'viti/vm': spec.template.spec.volumes[2].name must be unique among volumes: got \"cloudinitdisk\"; a name no other volume uses (volume-name-unique)\n"
          + "<stdin>#1: [viti/vm] Machine 'viti/vm': spec.template.spec.domain.devices.disks[2].name must be unique among disks: got \"cloudinitdisk\"; a name no other disk uses (disk-name-unique)\n"
          + summary(2),
      });
    });

    test('fails when two machines would write the same file under --out', () => {
      const out = path.join(tmp, 'out');
      const file = `${FIXTURES}/reference-basic-vm.yaml`;
      const r = convert(['--out', out, file, file]);
      expect(r).toEqual({
        code: 1,
        stdout: '',
        stderr: `${file}#1: writes default-basic-vm.yaml, which ${file}#1 writes too; give the objects distinct namespaces or names\n${summary(1)}`,
      });
      expect(fs.existsSync(out)).toBe(false);
    });
  });

  describe('usage and input/output problems: exit 2', () => {
    test.each([
      [['--frobnicate'], "unknown option '--frobnicate'"],
      [['--out'], '--out needs a value'],
      [['--namespace', 'Bad_NS', '-'], "--namespace must be a namespace name (a DNS-1123 label): got 'Bad_NS'"],
      [['-', '-'], "standard input ('-') can be given only once"],
    ])('fails when the arguments are %j', (args, message) => {
      const r = convert(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(new RegExp(`^cdk8s-kubevirt convert: ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n\nusage: cdk8s-kubevirt convert`));
    });

    const failed = 'cdk8s-kubevirt convert: 1 error(s); nothing was written\n';

    test('fails when a file does not exist', () => {
      expect(convert(['no/such/file.yaml'])).toEqual({ code: 2, stdout: '', stderr: `cdk8s-kubevirt convert: no/such/file.yaml: cannot read: no such file or directory\n${failed}` });
    });

    test('fails when a directory holds no YAML', () => {
      expect(convert([tmp])).toEqual({ code: 2, stdout: '', stderr: `cdk8s-kubevirt convert: ${tmp}: holds no *.yaml or *.yml files (pass --recursive to read its sub-folders)\n${failed}` });
    });

    test('fails when the input is not YAML, with its line (exit 2)', () => {
      const file = `${BROKEN}/bad-yaml.yaml`;
      expect(convert([file])).toEqual({
        code: 2,
        stdout: '',
        stderr: `cdk8s-kubevirt convert: ${file}:6: YAML syntax error: Flow map in block collection must be sufficiently indented and end with a } at line 6, column 1\n${failed}`,
      });
    });

    test('fails when the output directory cannot be created', () => {
      const blocker = path.join(tmp, 'file');
      fs.writeFileSync(blocker, '');
      const r = convert(['--out', path.join(blocker, 'out'), `${FIXTURES}/reference-basic-vm.yaml`]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(new RegExp(`^cdk8s-kubevirt convert: cannot write to '${blocker}/out': ENOTDIR`));
    });
  });
});
