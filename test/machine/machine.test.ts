import { ApiObject, App, Chart, Cron, Duration, JsonPatch, Size } from 'cdk8s';
import { AccessCredential, Architecture, CloudInit, MachineSnapshot, CloudInitDatasource, DiskSet, EvictionStrategy, Firmware, Machine, MachineTemplate, RunStrategy, SshPropagation, KubevirtError } from '../../src';
import { synthValid } from '../support/conformance';
import { expectRoundTripClean, RoundTripError } from '../support/roundtrip';
import { newChart, synthMachine, templateSpec } from '../support/synth';

describe('Machine', () => {
  test('a default machine: small template, blank root disk, pod network, runStrategy Always', () => {
    const { vm, all } = synthMachine();
    expect(all).toHaveLength(1);
    expect(vm.apiVersion).toBe('kubevirt.io/v1');
    expect(vm.kind).toBe('VirtualMachine');
    expect(vm.metadata).toEqual({ name: 'web', namespace: 'vms', labels: { 'app.kubernetes.io/managed-by': 'cdk8s-kubevirt' } });
    expect(vm.spec.runStrategy).toBe('Always');
    expect(vm.spec.running).toBeUndefined();
    expect(vm.spec.template.metadata.labels).toEqual({ 'app.kubernetes.io/managed-by': 'cdk8s-kubevirt', 'cdk8s-kubevirt/machine': 'web' });
    expect(templateSpec(vm).domain.cpu).toEqual({ cores: 1, sockets: 1, threads: 1 });
    expect(templateSpec(vm).domain.memory).toEqual({ guest: '2Gi' });
    expect(templateSpec(vm).domain.machine).toBeUndefined();
    expect(vm).toMatchSnapshot();
  });

  test('an empty network list renders no networks or interfaces keys and autoattachPodInterface: false', () => {
    const t = templateSpec(synthMachine({ networks: [] }).vm);
    expect(t.networks).toBeUndefined();
    expect(t.domain.devices.interfaces).toBeUndefined();
    expect(t.domain.devices.autoattachPodInterface).toBe(false);
    expect(templateSpec(synthMachine().vm).domain.devices.autoattachPodInterface).toBeUndefined();
  });

  test('the round-trip check fails when an empty list or a zero probe timing is emitted', () => {
    const clean = synthMachine({ networks: [] }).vm;
    expect(expectRoundTripClean([clean])).toEqual([clean]);
    const emitted = [
      { tolerations: [] },
      { networks: [] },
      { readinessProbe: { guestAgentPing: {}, initialDelaySeconds: 0 } },
    ];
    for (const extra of emitted) {
      const vm = { ...clean, spec: { ...clean.spec, template: { ...clean.spec.template, spec: { ...clean.spec.template.spec, ...extra } } } };
      expect(() => expectRoundTripClean([vm])).toThrow(RoundTripError);
    }
  });

  test('empty tolerations, node selector and annotations are not emitted (KubeVirt drops empty lists and maps)', () => {
    const { vm } = synthMachine({ tolerations: [], nodeSelector: {}, annotations: {} });
    expect(templateSpec(vm).tolerations).toBeUndefined();
    expect(templateSpec(vm).nodeSelector).toBeUndefined();
    expect(vm.spec.template.metadata.annotations).toBeUndefined();
    expect(vm.metadata.annotations).toBeUndefined();
  });

  test('explicit name, namespace, labels and annotations (on the VM and its template, sorted)', () => {
    const { vm } = synthMachine({ name: 'db-1', namespace: 'prod', labels: { tier: 'db', app: 'pg' }, annotations: { 'example.com/owner': 'team-a' } }, 'Database');
    expect(vm.metadata.name).toBe('db-1');
    expect(vm.metadata.namespace).toBe('prod');
    expect(Object.keys(vm.metadata.labels)).toEqual(['app', 'app.kubernetes.io/managed-by', 'tier']);
    expect(vm.metadata.annotations).toEqual({ 'example.com/owner': 'team-a' });
    expect(vm.spec.template.metadata.labels).toEqual({ 'app': 'pg', 'app.kubernetes.io/managed-by': 'cdk8s-kubevirt', 'cdk8s-kubevirt/machine': 'db-1', 'tier': 'db' });
    expect(vm.spec.template.metadata.annotations).toEqual({ 'example.com/owner': 'team-a' });
  });

  test('overrides merge field by field: cores override keeps the template sockets and threads', () => {
    const template = MachineTemplate.custom({ cpu: { cores: 2, sockets: 2, threads: 2 }, memory: Size.gibibytes(4) });
    const { vm } = synthMachine({ template, cpu: { cores: 8 }, memory: Size.gibibytes(16) });
    expect(templateSpec(vm).domain.cpu).toEqual({ cores: 8, sockets: 2, threads: 2 });
    expect(templateSpec(vm).domain.memory).toEqual({ guest: '16Gi' });
  });

  test('runStrategy is emitted as given', () => {
    for (const rs of [RunStrategy.HALTED, RunStrategy.MANUAL, RunStrategy.RERUN_ON_FAILURE, RunStrategy.ONCE]) {
      expect(synthMachine({ runStrategy: rs }).vm.spec.runStrategy).toBe(rs);
    }
  });

  test('firmware: EFI alone emits secureBoot false explicitly; secure boot adds SMM; BIOS', () => {
    expect(templateSpec(synthMachine({ firmware: Firmware.efi() }).vm).domain.firmware.bootloader).toEqual({ efi: { secureBoot: false } });
    expect(templateSpec(synthMachine({ firmware: Firmware.efi() }).vm).domain.features).toBeUndefined();
    const sb = templateSpec(synthMachine({ firmware: Firmware.efi({ secureBoot: true, persistent: true }) }).vm).domain;
    expect(sb.firmware.bootloader).toEqual({ efi: { secureBoot: true, persistent: true } });
    expect(sb.features).toEqual({ smm: { enabled: true } });
    expect(templateSpec(synthMachine({ firmware: Firmware.bios() }).vm).domain.firmware.bootloader).toEqual({ bios: {} });
  });

  test('firmware UUID is stable, derived from namespace and name, and overridable', () => {
    const a = templateSpec(synthMachine().vm).domain.firmware.uuid;
    const b = templateSpec(synthMachine().vm).domain.firmware.uuid;
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(templateSpec(synthMachine({ name: 'other' }).vm).domain.firmware.uuid).not.toBe(a);
    expect(templateSpec(synthMachine({ firmwareUuid: '5d307ca9-b3ef-428c-8861-06e72d69f223' }).vm).domain.firmware.uuid).toBe('5d307ca9-b3ef-428c-8861-06e72d69f223');
  });

  test('stableFirmwareUuid: false emits no firmware UUID (the cluster sets a random one on create)', () => {
    const none = synthMachine({ stableFirmwareUuid: false });
    expect(templateSpec(none.vm).domain.firmware).toBeUndefined();
    expect(none.machine.firmwareUuid).toBeUndefined();
    const efi = templateSpec(synthMachine({ stableFirmwareUuid: false, firmware: Firmware.efi() }).vm).domain.firmware;
    expect(efi).toEqual({ bootloader: { efi: { secureBoot: false } } });
    const stable = templateSpec(synthMachine({ stableFirmwareUuid: true }).vm).domain.firmware.uuid;
    expect(stable).toBe(templateSpec(synthMachine().vm).domain.firmware.uuid);
  });

  test('fails when stableFirmwareUuid is false and firmwareUuid is set', () => {
    expect(() => new Machine(newChart(), 'web', { stableFirmwareUuid: false, firmwareUuid: '5d307ca9-b3ef-428c-8861-06e72d69f223' })).toThrow(
      "Machine 'test/web': stableFirmwareUuid cannot be false when firmwareUuid is set: got false; either firmwareUuid or stableFirmwareUuid: false");
  });

  test('devices: TPM, GPUs, host devices, dedicated CPUs', () => {
    const { vm } = synthMachine({
      tpm: true,
      dedicatedCpuPlacement: true,
      gpus: [{ name: 'gpu1', deviceName: 'nvidia.com/TU104GL_Tesla_T4' }],
      hostDevices: [{ name: 'nic1', deviceName: 'intel.com/qat' }],
    });
    const d = templateSpec(vm).domain;
    expect(d.devices.tpm).toEqual({});
    expect(d.devices.gpus).toEqual([{ name: 'gpu1', deviceName: 'nvidia.com/TU104GL_Tesla_T4' }]);
    expect(d.devices.hostDevices).toEqual([{ name: 'nic1', deviceName: 'intel.com/qat' }]);
    expect(d.cpu.dedicatedCpuPlacement).toBe(true);
    expect(templateSpec(synthMachine({ persistentTpm: true }).vm).domain.devices.tpm).toEqual({ persistent: true });
  });

  test('scheduling and lifecycle: nodeSelector, affinity, tolerations, eviction, grace period, hostname, subdomain', () => {
    const { vm } = synthMachine({
      nodeSelector: { 'nvidia.com/gpu.present': 'true', 'kubernetes.io/arch': 'amd64' },
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } } },
      tolerations: [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }],
      evictionStrategy: EvictionStrategy.LIVE_MIGRATE,
      terminationGracePeriod: Duration.minutes(2),
      hostname: 'web-1',
      subdomain: 'vms',
    });
    const s = templateSpec(vm);
    expect(Object.keys(s.nodeSelector)).toEqual(['kubernetes.io/arch', 'nvidia.com/gpu.present']);
    expect(s.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0]).toEqual({ key: 'zone', operator: 'In', values: ['a'] });
    expect(s.tolerations).toEqual([{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(s.evictionStrategy).toBe('LiveMigrate');
    expect(s.terminationGracePeriodSeconds).toBe(120);
    expect(s.hostname).toBe('web-1');
    expect(s.subdomain).toBe('vms');
  });

  test('the same program gives the same bytes', () => {
    const build = () => {
      const app = new App();
      const chart = new Chart(app, 'c', { namespace: 'vms' });
      new Machine(chart, 'web', { labels: { z: '1', a: '2' }, disks: new DiskSet().addDisk('data', { size: Size.gibibytes(1) }) });
      return app.synthYaml();
    };
    expect(build()).toBe(build());
  });

  test('escape hatch: a JSON patch on ApiObject.of(machine) reaches the output and is validated', () => {
    const chart = newChart();
    const m = new Machine(chart, 'web');
    ApiObject.of(m).addJsonPatch(JsonPatch.add('/spec/template/spec/domain/devices/autoattachGraphicsDevice', false));
    const vm = synthValid(chart)[0];
    expect(templateSpec(vm).domain.devices.autoattachGraphicsDevice).toBe(false);
  });

  test('props are copied at construction: changing them afterwards changes nothing', () => {
    const props: any = { cpu: { cores: 2 }, labels: { team: 'a' }, tolerations: [{ key: 'k', operator: 'Exists' }] };
    const chart = newChart();
    new Machine(chart, 'web', props);
    props.cpu.cores = -5;
    props.labels.team = 'Bad Value!';
    props.tolerations.push({ key: 'x' });
    const vm = synthValid(chart).find(o => o.kind === 'VirtualMachine');
    expect(vm.spec.template.spec.domain.cpu.cores).toBe(2);
    expect(vm.metadata.labels.team).toBe('a');
    expect(vm.spec.template.spec.tolerations).toEqual([{ key: 'k', operator: 'Exists' }]);
  });

  test('fails when props refer to themselves (a cycle no manifest can hold)', () => {
    const labels: any = { a: 'b' };
    const cpu: any = { cores: 1 };
    cpu.self = cpu;
    expect(() => new Machine(newChart(), 'web', { labels, cpu })).toThrow(
      "Machine 'test/web': props.cpu.self is not a property of CpuTopology: got an object; one of cores, sockets, threads (property-type)");
  });

  test('Machine.fromName gives day-2 constructs a machine this app does not define', () => {
    const chart = newChart();
    const legacy = Machine.fromName(chart, 'legacy', 'old-vm');
    const snap = new MachineSnapshot(chart, 'nightly', { machine: legacy });
    const all = synthValid(chart);
    expect(snap.name).toBe('old-vm-nightly');
    expect(all.find(o => o.kind === 'VirtualMachineSnapshot').spec.source).toEqual({ apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'old-vm' });
  });

  test('fails when Machine.fromName is given a name that is not a VirtualMachine name', () => {
    expect(() => Machine.fromName(newChart(), 'legacy', 'Old_VM')).toThrow(
      "ImportedMachine 'test/legacy': name must be a VirtualMachine name: got \"Old_VM\"; a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters (vm-name-length)");
  });

  test('KubevirtError.isKubevirtError recognises the library\'s errors and nothing else', () => {
    let caught: unknown;
    try { new Machine(newChart(), 'Bad_Id'); } catch (e) { caught = e; }
    expect(KubevirtError.isKubevirtError(caught)).toBe(true);
    expect(caught instanceof KubevirtError).toBe(true);
    expect(KubevirtError.isKubevirtError(new Error('x'))).toBe(false);
    expect(KubevirtError.isKubevirtError(undefined)).toBe(false);
  });

  test('fails when the construct id is not a DNS-1123 label and no name is given', () => {
    expect(() => new Machine(newChart(), 'WebServer')).toThrow(
      "Machine 'test/WebServer': name (from the construct id) must be a DNS-1123 label: got \"WebServer\"; a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters; set props.name when the construct id is not one (vm-name-length)");
  });

  test('fails when the name is over 63 characters (never truncated)', () => {
    const name = 'a'.repeat(64);
    expect(() => new Machine(newChart(), 'web', { name })).toThrow(KubevirtError);
    expect(() => new Machine(newChart(), 'web', { name })).toThrow(`name must be a DNS-1123 label: got "${'a'.repeat(64).slice(0, 77)}"`);
  });

  test('fails when CPU or memory is overridden on an instancetype template', () => {
    const template = MachineTemplate.fromInstancetype('u1.medium');
    expect(() => new Machine(newChart(), 'web', { template, memory: Size.gibibytes(8) })).toThrow(
      "Machine 'test/web': memory cannot override the instancetype 'u1.medium': got \"8Gi\"; KubeVirt rejects CPU or memory set together with an instancetype: use MachineTemplate.custom({ cpu, memory }) with explicit values, or pick another instancetype (instancetype-memory-conflict)");
    expect(() => new Machine(newChart(), 'web', { template, cpu: { cores: 4 } })).toThrow(
      "Machine 'test/web': cpu cannot override the instancetype 'u1.medium': got {\"cores\":4}; KubeVirt rejects CPU or memory set together with an instancetype: use MachineTemplate.custom({ cpu, memory }) with explicit values, or pick another instancetype (instancetype-cpu-conflict)");
  });

  test('fails when a CPU override is not a whole number ≥ 1', () => {
    expect(() => new Machine(newChart(), 'web', { cpu: { sockets: 0 } })).toThrow(
      "Machine 'test/web': cpu.sockets must be a whole number of at least 1: got 0; an integer ≥ 1");
  });

  test('fails when the grace period is not whole seconds', () => {
    expect(() => new Machine(newChart(), 'web', { terminationGracePeriod: Duration.millis(500) })).toThrow(
      "Machine 'test/web': terminationGracePeriod must be a whole number of seconds: got \"500ms\"; e.g. Duration.minutes(3)");
  });

  test('fails when a firmware UUID is malformed', () => {
    expect(() => new Machine(newChart(), 'web', { firmwareUuid: 'nope' })).toThrow(
      "Machine 'test/web': firmwareUuid must be a lowercase UUID: got \"nope\"; e.g. 5d307ca9-b3ef-428c-8861-06e72d69f223");
  });

  describe('schema at synth time (the final manifest, patches included, against the strict schema)', () => {
    const synthError = (patch: JsonPatch): string => {
      const chart = newChart();
      ApiObject.of(new Machine(chart, 'web')).addJsonPatch(patch);
      try {
        (chart.node.root as App).synthYaml();
      } catch (e: any) {
        return e.message;
      }
      return '';
    };

    test('fails when a JSON patch writes a string where the schema wants an integer', () => {
      const lines = synthError(JsonPatch.replace('/spec/template/spec/domain/cpu/cores', 'two')).split('\n').map(l => l.trim());
      expect(lines).toContain("[test/web] Machine 'test/web': spec.template.spec.domain.cpu.cores must be an integer: got \"two\"; a value of type integer (schema)");
    });

    test('fails when a JSON patch writes a string where the schema wants a list', () => {
      const lines = synthError(JsonPatch.replace('/spec/template/spec/domain/devices/disks', 'oops')).split('\n').map(l => l.trim());
      expect(lines).toContain("[test/web] Machine 'test/web': spec.template.spec.domain.devices.disks must be an array: got \"oops\"; a value of type array (schema)");
    });

    test('fails when a JSON patch adds a field the schema does not know', () => {
      const lines = synthError(JsonPatch.add('/spec/template/spec/domain/cpu/corez', 2)).split('\n').map(l => l.trim());
      expect(lines).toContain("[test/web] Machine 'test/web': spec.template.spec.domain.cpu.corez is not a field of this object: got 2; did you mean \"cores\"? (schema)");
    });
  });

  test('rules over the final manifest report every violation in the app together', () => {
    const chart = newChart();
    const a = new Machine(chart, 'a');
    const b = new Machine(chart, 'b');
    ApiObject.of(a).addJsonPatch(JsonPatch.replace('/spec/runStrategy', 'Sometimes'));
    ApiObject.of(b).addJsonPatch(JsonPatch.replace('/spec/template/spec/domain/devices/disks/0/disk/bus', 'ide'));
    let message = '';
    try {
      (chart.node.root as App).synthYaml();
    } catch (e: any) {
      message = e.message;
    }
    expect(message).toContain("Machine 'test/a': spec.runStrategy");
    expect(message).toContain("Machine 'test/b': spec.template.spec.domain.devices.disks[0].disk.bus");
  });

  test('cloud-init: its disk and volume come last, inline when small', () => {
    const { vm, all } = synthMachine({ cloudInit: CloudInit.fromConfig({ hostname: 'web', packages: ['nginx'] }) });
    expect(all).toHaveLength(1);
    const s = templateSpec(vm);
    expect(s.domain.devices.disks.map((d: any) => d.name)).toEqual(['root', 'cloudinitdisk']);
    expect(s.domain.devices.disks[1]).toEqual({ name: 'cloudinitdisk', disk: { bus: 'virtio' } });
    expect(s.volumes[1]).toEqual({ name: 'cloudinitdisk', cloudInitNoCloud: { userData: '#cloud-config\nhostname: web\npackages:\n  - nginx\n' } });
  });

  test('cloud-init: data over 2048 bytes goes to a Secret named {machine}-cloud-init', () => {
    const { vm, all, machine } = synthMachine({
      cloudInit: CloudInit.fromConfig({ runcmd: Array.from({ length: 100 }, (_, i) => `echo line-${i}-${'x'.repeat(20)}`) }, { datasource: CloudInitDatasource.CONFIG_DRIVE }),
    });
    const secret = all.find(o => o.kind === 'Secret');
    expect(secret.metadata.name).toBe('web-cloud-init');
    expect(machine.cloudInitSecret).toBeDefined();
    expect(templateSpec(vm).volumes[1]).toEqual({ name: 'cloudinitdisk', cloudInitConfigDrive: { secretRef: { name: 'web-cloud-init' } } });
    expect(Buffer.from(secret.data.userdata, 'base64').toString('utf-8').startsWith('#cloud-config\nruncmd:\n')).toBe(true);
  });

  test('accessCredentials are rendered in order', () => {
    const { vm } = synthMachine({
      cloudInit: CloudInit.fromConfig({ hostname: 'web' }),
      accessCredentials: [
        AccessCredential.sshFromSecret('admin-keys', { propagation: SshPropagation.QEMU_GUEST_AGENT, users: ['admin'] }),
        AccessCredential.sshFromSecret('boot-keys', { propagation: SshPropagation.NO_CLOUD }),
      ],
    });
    expect(templateSpec(vm).accessCredentials).toEqual([
      { sshPublicKey: { source: { secret: { secretName: 'admin-keys' } }, propagationMethod: { qemuGuestAgent: { users: ['admin'] } } } },
      { sshPublicKey: { source: { secret: { secretName: 'boot-keys' } }, propagationMethod: { noCloud: {} } } },
    ]);
  });

  test('fails when a noCloud access credential has no cloud-init volume (reported at synth, with the path)', () => {
    const chart = newChart();
    new Machine(chart, 'web', { accessCredentials: [AccessCredential.sshFromSecret('keys', { propagation: SshPropagation.NO_CLOUD })] });
    expect(() => (chart.node.root as App).synthYaml()).toThrow(/\[test\/web\] Machine 'test\/web': spec\.template\.spec\.accessCredentials\[0\]/);
  });

  test('day-2 sugar: snapshot, exportVolumes, cloneTo and scheduleSnapshots act on this machine', () => {
    const chart = newChart();
    const m = new Machine(chart, 'web');
    expect(m.snapshot('nightly').name).toBe('web-nightly');
    m.exportVolumes('backup');
    m.cloneTo('copy', { targetName: 'web-copy' });
    m.scheduleSnapshots('daily', { schedule: Cron.daily(), retention: 7, image: 'registry.example.com/kubectl@sha256:' + 'a'.repeat(64) });
    const out = synthValid(chart);
    const source = { apiGroup: 'kubevirt.io', kind: 'VirtualMachine', name: 'web' };
    expect(out.find(o => o.kind === 'VirtualMachineSnapshot').spec.source).toEqual(source);
    expect(out.find(o => o.kind === 'VirtualMachineExport').spec.source).toEqual(source);
    expect(out.find(o => o.kind === 'VirtualMachineClone').spec.source).toEqual(source);
    expect(out.find(o => o.kind === 'VirtualMachineClone').spec.target).toEqual({ ...source, name: 'web-copy' });
    expect(out.some(o => o.kind === 'CronJob')).toBe(true);
  });

  test('architecture and machine type are emitted only when set: the cluster, a preference or a DataSource decides them otherwise', () => {
    const def = templateSpec(synthMachine().vm);
    expect(def.architecture).toBeUndefined();
    expect(def.domain.machine).toBeUndefined();
    const arm = templateSpec(synthMachine({ architecture: Architecture.ARM64, firmware: Firmware.efi() }).vm);
    expect(arm.architecture).toBe('arm64');
    expect(arm.domain.machine).toBeUndefined();
    const pinned = templateSpec(synthMachine({ architecture: Architecture.AMD64, machineType: 'pc-q35-rhel9.6.0' }).vm);
    expect(pinned.architecture).toBe('amd64');
    expect(pinned.domain.machine).toEqual({ type: 'pc-q35-rhel9.6.0' });
    const pref = templateSpec(synthMachine({ template: MachineTemplate.fromInstancetype('u1.medium', { preference: 'fedora' }) }).vm);
    expect(pref.architecture).toBeUndefined();
    expect(pref.domain.machine).toBeUndefined();
    const noPref = templateSpec(synthMachine({ template: MachineTemplate.fromInstancetype('u1.medium') }).vm);
    expect(noPref.architecture).toBeUndefined();
    expect(noPref.domain.machine).toBeUndefined();
  });
});
