/**
 * `cdk8s-kubevirt plan`: real before/after pairs built from the library's own output. Each test builds two
 * cdk8s apps with the constructs in src/, synthesizes both into temporary folders, and plans between them.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, JsonPatch, Size } from 'cdk8s';
import { DiskSet, DiskSource, InterfaceBinding, Machine, MachinePool, MachineProps, MachineTemplate, Network, MachineInstancetype } from '../../src';
import { CliIo } from '../../src/cli/io';
import { PlanChange, run } from '../../src/cli/plan';

jest.setTimeout(60_000);

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'lib', 'cli', 'main.js');
const tmpDirs: string[] = [];

afterAll(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-kubevirt-plan-'));
  tmpDirs.push(d);
  return d;
}

/** The base machine's props: 2 cores, 4Gi, an imported root disk and a blank data disk. */
function props(over: Partial<MachineProps> = {}, disks?: DiskSet): MachineProps {
  return {
    cpu: { cores: 2, sockets: 1, threads: 1 },
    memory: Size.gibibytes(4),
    labels: { tier: 'web' },
    disks: disks ?? new DiskSet({ root: { source: DiskSource.http('https://images.example.com/fedora-41.qcow2'), size: Size.gibibytes(20) } })
      .addDisk('data', { size: Size.gibibytes(10) }),
    ...over,
  };
}

/** Synthesizes an app built by `build` into a fresh folder; returns the folder. */
function synth(build: (chart: Chart) => void): string {
  const outdir = tmp();
  const app = new App({ outdir });
  build(new Chart(app, 'apps', { namespace: 'vms' }));
  app.synth();
  return outdir;
}

function capture(): { io: CliIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { io: { stdout: s => { out += s; }, stderr: s => { err += s; }, readStdin: () => '' }, out: () => out, err: () => err };
}

function plan(args: string[]): { code: number; stdout: string; stderr: string } {
  const c = capture();
  const code = run(args, c.io);
  return { code, stdout: c.out(), stderr: c.err() };
}

/** The plan as JSON: changes, and each change's effects as `class path`. */
function planJson(before: string, after: string): PlanChange[] {
  const r = plan(['--format', 'json', before, after]);
  expect(r.stderr).toEqual('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).changes;
}

function effects(change: PlanChange | undefined): string[] {
  return (change?.effects ?? []).map(e => `${e.class} ${e.path}`);
}

const VMI = 'spec.template.spec';
const before = (): string => synth(chart => new Machine(chart, 'web', props()));

describe('plan over the library\'s own output', () => {
  test('no change: nothing to say', () => {
    const r = plan([before(), before()]);
    expect(r).toEqual({ code: 0, stdout: 'plan: no changes\n', stderr: '' });
  });

  test('renaming a disk is data-loss: the old DataVolume is orphaned until the VM is deleted', () => {
    const after = synth(chart => new Machine(chart, 'web', props({}, new DiskSet({ root: { source: DiskSource.http('https://images.example.com/fedora-41.qcow2'), size: Size.gibibytes(20) } })
      .addDisk('scratch', { size: Size.gibibytes(10) }))));
    const changes = planJson(before(), after);
    expect(changes.map(c => [c.kind, c.name, c.change, c.class])).toEqual([['VirtualMachine', 'web', 'changed', 'data-loss']]);
    expect(effects(changes[0])).toEqual([
      'live spec.dataVolumeTemplates[web-scratch]',
      'data-loss spec.dataVolumeTemplates[web-data]',
      `restart ${VMI}.volumes[data]`,
      `restart ${VMI}.volumes[scratch]`,
    ]);
    expect(changes[0].effects[1].message).toEqual('DataVolume web-data is no longer used by the VM after its next restart; it stays until the VM is deleted, and is then garbage-collected with its PVC and data');
  });

  test('changing a DataVolume source is ignored: the existing DataVolume is never patched', () => {
    const after = synth(chart => new Machine(chart, 'web', props({}, new DiskSet({ root: { source: DiskSource.http('https://images.example.com/fedora-42.qcow2'), size: Size.gibibytes(20) } })
      .addDisk('data', { size: Size.gibibytes(10) }))));
    const changes = planJson(before(), after);
    expect(changes.map(c => c.class)).toEqual(['ignored']);
    expect(changes[0].effects).toEqual([{
      class: 'ignored',
      path: 'spec.dataVolumeTemplates[web-root]',
      message: 'edit to the existing DataVolume web-root\'s template (spec.source.http.url) is stored but never applied: the DataVolume is not compared with its template or patched',
      source: 'vm.go handleDataVolumes',
    }]);
  });

  test('adding cores needs a restart', () => {
    const after = synth(chart => new Machine(chart, 'web', props({ cpu: { cores: 4, sockets: 1, threads: 1 } })));
    const changes = planJson(before(), after);
    expect(changes[0].class).toEqual('restart');
    expect(changes[0].effects).toEqual([{
      class: 'restart', path: `${VMI}.domain.cpu.cores`, message: '2 → 4: RestartRequired until the VM restarts', source: 'vm.go syncRestartRequired',
    }]);
  });

  test('adding sockets within the hot-plug headroom is live, with its conditions', () => {
    const after = synth(chart => new Machine(chart, 'web', props({ cpu: { cores: 2, sockets: 3, threads: 1 } })));
    const [change] = planJson(before(), after);
    expect(change.class).toEqual('live');
    expect(change.effects).toHaveLength(1);
    expect(change.effects[0].path).toEqual(`${VMI}.domain.cpu.sockets`);
    expect(change.effects[0].message).toEqual('1 → 3: CPU hotplug, within the headroom of 4 sockets (sockets × maxHotplugRatio 4, unless the KubeVirt CR sets liveUpdateConfiguration.maxCpuSockets or another ratio)');
    expect(change.effects[0].conditions).toHaveLength(4);
    expect(change.effects[0].conditions![0]).toMatch(/vmRolloutStrategy is LiveUpdate/);
  });

  test('adding sockets beyond the headroom needs a restart', () => {
    const after = synth(chart => new Machine(chart, 'web', props({ cpu: { cores: 2, sockets: 5, threads: 1 } })));
    const [change] = planJson(before(), after);
    expect(effects(change)).toEqual([`restart ${VMI}.domain.cpu.sockets`]);
    expect(change.effects[0].message).toEqual('1 → 5: above the running VMI\'s maxSockets 4 (sockets × maxHotplugRatio 4, unless the KubeVirt CR sets liveUpdateConfiguration.maxCpuSockets or another ratio)');
  });

  test('a socket change waits when another change needs a restart', () => {
    const after = synth(chart => new Machine(chart, 'web', props({ cpu: { cores: 4, sockets: 2, threads: 1 } })));
    const [change] = planJson(before(), after);
    expect(effects(change)).toEqual([`restart ${VMI}.domain.cpu.sockets`, `restart ${VMI}.domain.cpu.cores`]);
    expect(change.effects[0].message).toMatch(/held back until the restart another change here needs$/);
  });

  test('more guest memory within maxGuest is live (memory hotplug)', () => {
    const after = synth(chart => new Machine(chart, 'web', props({ memory: Size.gibibytes(8) })));
    const [change] = planJson(before(), after);
    expect(effects(change)).toEqual([`live ${VMI}.domain.memory.guest`]);
  });

  test('adding a hot-pluggable volume is live (declarative hotplug)', () => {
    const after = synth(chart => {
      const m = new Machine(chart, 'web', props());
      ApiObject.of(m).addJsonPatch(
        JsonPatch.add('/spec/template/spec/volumes/-', { name: 'hot', persistentVolumeClaim: { claimName: 'hot-pvc', hotpluggable: true } }),
        JsonPatch.add('/spec/template/spec/domain/devices/disks/-', { name: 'hot', disk: { bus: 'scsi' } }),
      );
    });
    const [change] = planJson(before(), after);
    expect(change.class).toEqual('live');
    expect(change.effects.map(e => [e.class, e.path, e.message])).toEqual([
      ['live', `${VMI}.volumes[hot]`, 'hotpluggable volume hot added: hotplugged into the running VM'],
    ]);
    expect(change.effects[0].conditions![0]).toMatch(/^the DeclarativeHotplugVolumes feature gate is on/);
  });

  test('deleting a VM is data-loss: its template DataVolumes go with it', () => {
    const after = synth(() => undefined);
    const changes = planJson(before(), after);
    expect(changes.map(c => [c.kind, c.name, c.change, c.class])).toEqual([['VirtualMachine', 'web', 'removed', 'data-loss']]);
    expect(changes[0].effects[0].message).toEqual('the VM is stopped and deleted, and the garbage collector deletes its DataVolumes web-root, web-data with their PVCs and data');
  });

  test('renaming a VM is data-loss, and the plan says it may be a rename', () => {
    const after = synth(chart => new Machine(chart, 'www', props()));
    const changes = planJson(before(), after);
    expect(changes.map(c => [c.name, c.change, c.class])).toEqual([['web', 'removed', 'data-loss'], ['www', 'added', 'none']]);
    expect(changes[0].effects[0].message).toMatch(/\(renamed\? a new VirtualMachine www appears in the same namespace;/);
  });

  test('changing a label: none on the VM, ignored on the template until the next start', () => {
    const after = synth(chart => new Machine(chart, 'web', props({ labels: { tier: 'frontend' } })));
    const [change] = planJson(before(), after);
    expect(change.class).toEqual('ignored');
    expect(effects(change)).toEqual(['none metadata.labels.tier', 'ignored spec.template.metadata.labels.tier']);
    expect(change.effects[1].message).toEqual('"web" → "frontend": applied only when the VM next starts; no RestartRequired is shown');
  });

  test('breaking an admission rule is rejected, with the rule\'s message', () => {
    const after = synth(chart => new Machine(chart, 'web', props()));
    const file = path.join(after, fs.readdirSync(after)[0]);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf-8').replace('bus: virtio', 'bus: ide'));
    const [change] = planJson(before(), after);
    expect(change.class).toEqual('rejected');
    expect(change.effects.filter(e => e.class === 'rejected').map(e => e.message)).toEqual([
      'spec.template.spec.domain.devices.disks[0].disk.bus must be one of virtio, sata, scsi, usb: got "ide"; one of virtio, sata, scsi, usb (disk-bus)',
    ]);
  });

  test('a cores value over uint32, written by hand into the output, is rejected (int-range)', () => {
    // The constructs refuse it at synth (the same rule runs there), so the YAML is edited as a person would.
    const after = synth(chart => new Machine(chart, 'web', props()));
    const file = path.join(after, fs.readdirSync(after)[0]);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf-8').replace('cores: 2', 'cores: 1000000000000'));
    const [change] = planJson(before(), after);
    expect(change.class).toEqual('rejected');
    expect(change.effects.map(e => e.message)).toContain('spec.template.spec.domain.cpu.cores must fit the Go type uint32: got 1000000000000; an integer from 0 to 4294967295 (int-range)');
  });
});

describe('plan: more classes, from the library\'s output', () => {
  test('a bridge NIC on a Multus network is hotplugged (live); a plugin-bound NIC there is ignored until restart', () => {
    const b = before();
    const bridge = synth(chart => new Machine(chart, 'web', props({ networks: [Network.pod(), Network.multus('vlan-10', { name: 'vlan', binding: InterfaceBinding.BRIDGE })] })));
    expect(effects(planJson(b, bridge)[0])).toEqual([`live ${VMI}.domain.devices.interfaces[vlan]`]);
    const masq = synth(chart => {
      const m = new Machine(chart, 'web', props({ networks: [Network.pod()] }));
      ApiObject.of(m).addJsonPatch(
        JsonPatch.add('/spec/template/spec/domain/devices/interfaces/-', { name: 'extra', binding: { name: 'sidecar' } }),
        JsonPatch.add('/spec/template/spec/networks/-', { name: 'extra', multus: { networkName: 'vlan-20' } }),
      );
    });
    const [change] = planJson(b, masq);
    expect(effects(change).filter(e => e.includes('[extra]'))).toEqual([`ignored ${VMI}.domain.devices.interfaces[extra]`]);
  });

  test('scaling a pool in is data-loss; scaling out is none', () => {
    const pool = (replicas: number): string => synth(chart => new MachinePool(chart, 'workers', { ...props(), replicas }));
    const three = pool(3);
    const [scaleIn] = planJson(three, pool(2));
    expect([scaleIn.kind, scaleIn.class, scaleIn.effects[0].message]).toEqual([
      'VirtualMachinePool', 'data-loss', '3 → 2: the pool deletes 1 VM(s), and with them the DataVolumes made from their dataVolumeTemplates (unless scaleInStrategy preserves state)',
    ]);
    expect(planJson(three, pool(4)).map(c => c.class)).toEqual(['none']);
  });

  test('editing an instancetype is ignored by existing VMs', () => {
    const it = (cores: number): string => synth(chart => new MachineInstancetype(chart, 'small', { template: MachineTemplate.custom({ cpu: { cores }, memory: Size.gibibytes(2) }) }));
    const changes = planJson(it(1), it(2));
    expect(changes.map(c => [c.kind, c.class])).toEqual([['VirtualMachineInstancetype', 'ignored'], ['VirtualMachinePreference', 'none']]);
  });
});

describe('plan: formats, --fail-on, --base, usage', () => {
  test('text output names the object, class, effect, conditions and source', () => {
    const after = synth(chart => new Machine(chart, 'web', props({ cpu: { cores: 4, sockets: 1, threads: 1 } })));
    const r = plan([before(), after]);
    expect(r.code).toBe(0);
    expect(r.stdout).toEqual([
      'plan: 1 change (1 restart)',
      '',
      'VirtualMachine vms/web: changed, restart',
      `  restart   ${VMI}.domain.cpu.cores: 2 → 4: RestartRequired until the VM restarts`,
      '            source: vm.go syncRestartRequired',
      '',
    ].join('\n'));
  });

  test('markdown output is a pull-request comment with a summary table', () => {
    const r = plan(['--format', 'markdown', before(), synth(() => undefined)]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 7)).toEqual([
      '### cdk8s-kubevirt plan',
      '',
      '1 change: 1 data-loss. Classes, mildest first: none, live, restart, ignored, data-loss, rejected.',
      '',
      '| object | change | class |',
      '|---|---|---|',
      '| VirtualMachine vms/web | removed | **data-loss** |',
    ]);
    expect(r.stdout).toContain('<details open><summary><b>VirtualMachine vms/web</b>: removed, data-loss</summary>');
  });

  test('--fail-on exits 1 when a change is that class or worse, 0 otherwise', () => {
    const b = before();
    const after = synth(chart => new Machine(chart, 'web', props({ cpu: { cores: 4, sockets: 1, threads: 1 } })));
    expect(plan(['--fail-on', 'restart', b, after]).code).toBe(1);
    expect(plan(['--fail-on', 'restart', b, after]).stderr).toEqual('cdk8s-kubevirt plan: 1 change(s) at or above restart\n');
    expect(plan(['--fail-on', 'live', b, after]).code).toBe(1);
    expect(plan(['--fail-on', 'ignored', b, after]).code).toBe(0);
    expect(plan(['--fail-on', 'data-loss', b, after]).code).toBe(0);
  });

  test('--base REF reads BEFORE from git', () => {
    const repo = tmp();
    const git = (...args: string[]): string => execFileSync('git', args, { cwd: repo, encoding: 'utf-8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });
    git('init', '-q', '-b', 'main');
    fs.cpSync(before(), path.join(repo, 'dist'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'README.md'), 'not yaml\n');
    git('add', '.');
    git('commit', '-q', '-m', 'before');
    fs.rmSync(path.join(repo, 'dist'), { recursive: true });
    fs.cpSync(synth(chart => new Machine(chart, 'web', props({ cpu: { cores: 4, sockets: 1, threads: 1 } }))), path.join(repo, 'dist'), { recursive: true });
    const r = plan(['--base', 'main', '--format', 'json', path.join(repo, 'dist')]);
    expect(r.stderr).toEqual('');
    expect(JSON.parse(r.stdout).changes.map((c: PlanChange) => [c.name, c.class])).toEqual([['web', 'restart']]);
    expect(JSON.parse(r.stdout).summary).toEqual({ 'none': 0, 'live': 0, 'restart': 1, 'ignored': 0, 'data-loss': 0, 'rejected': 0 });
    const bad = plan(['--base', 'no-such-ref', path.join(repo, 'dist')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^cdk8s-kubevirt plan: --base no-such-ref: /);
  });

  test('usage errors exit 2', () => {
    expect(plan([]).code).toBe(2);
    expect(plan(['a']).stderr).toMatch(/^cdk8s-kubevirt plan: give BEFORE and AFTER, got 1 path\(s\)/);
    expect(plan(['--format', 'yaml', 'a', 'b']).stderr).toEqual('cdk8s-kubevirt plan: --format must be text, markdown or json, got "yaml"\n');
    expect(plan(['--fail-on', 'bad', 'a', 'b']).stderr).toEqual('cdk8s-kubevirt plan: --fail-on must be one of none, live, restart, ignored, data-loss, rejected, got "bad"\n');
    expect(plan(['--nope', 'a', 'b']).code).toBe(2);
    expect(plan(['/no/such/before', '/no/such/after'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'cdk8s-kubevirt plan: /no/such/before: cannot read: no such file or directory\ncdk8s-kubevirt plan: /no/such/after: cannot read: no such file or directory\n',
    });
    expect(plan(['--help']).code).toBe(0);
  });
});

describe('plan through the compiled binary', () => {
  test('lib/cli/main.js plan --fail-on data-loss exits 1 on a deleted VM, and prints markdown', () => {
    if (!fs.existsSync(BIN)) throw new Error(`${BIN} is missing: run 'npx projen compile' first`);
    const r = spawnSync(process.execPath, [BIN, 'plan', '--format', 'markdown', '--fail-on', 'data-loss', before(), synth(() => undefined)], { encoding: 'utf-8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('| VirtualMachine vms/web | removed | **data-loss** |');
    expect(r.stderr).toEqual('cdk8s-kubevirt plan: 1 change(s) at or above data-loss\n');
  });
});
