import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import * as YAML from 'yaml';
import { MachineTemplate } from '../../src/machine/machine-template';
import { DiskEmission } from '../../src/storage/disk-set';
import { Viti, VitiDialect, VitiOptions } from '../../src/viti/converter';
import { synthValid } from '../support/conformance';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'viti');

/** Every Viti Machine document of a fixture file. */
function fixture(file: string): any[] {
  return YAML.parseAllDocuments(fs.readFileSync(path.join(FIXTURES, file), 'utf-8')).map(d => d.toJS()).filter(d => d !== null);
}

/** Converts one manifest in a fresh app (a chart with no namespace) and returns every validated object. */
function convert(manifest: any, options: VitiOptions = {}): { vm: any; all: any[]; pvcs: any[] } {
  const chart = new Chart(new App(), 'viti');
  Viti.toMachine(chart, 'machine', manifest, options);
  const all = synthValid(chart);
  return { vm: all.find(o => o.kind === 'VirtualMachine'), all, pvcs: all.filter(o => o.kind === 'PersistentVolumeClaim') };
}

function convertFixture(file: string, options: VitiOptions = {}): { vm: any; all: any[]; pvcs: any[] } {
  const docs = fixture(file);
  expect(docs).toHaveLength(1);
  return convert(docs[0], options);
}

/** A reference-dialect Machine with this spec. */
function machine(spec: any, metadata: any = { name: 'vm', namespace: 'default' }): any {
  return { apiVersion: 'vitistack.io/v1alpha1', kind: 'Machine', metadata, spec };
}

/** The message a conversion throws. */
function failure(manifest: any, options: VitiOptions = {}): string {
  const chart = new Chart(new App(), 'viti');
  try {
    Viti.toMachine(chart, 'machine', manifest, options);
  } catch (e: any) {
    expect(e.name).toBe('KubevirtError');
    return e.message;
  }
  throw new Error('the conversion did not fail');
}

const domain = (vm: any) => vm.spec.template.spec.domain;
const tspec = (vm: any) => vm.spec.template.spec;
const pvc = (name: string, size: string, extra: any = {}) => ({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } }, ...extra });

describe('Viti', () => {
  describe('every example of both Viti documents', () => {
    const files = fs.readdirSync(FIXTURES).filter(f => f.endsWith('.yaml')).sort();

    test('the fixtures hold every example', () => {
      expect(files).toEqual([
        'overview-basic-small.yaml', 'overview-custom.yaml', 'overview-large.yaml', 'overview-with-disks.yaml',
        'reference-basic-vm.yaml', 'reference-cloud-init-secret-ref.yaml', 'reference-cloud-init-vm.yaml', 'reference-custom-vm.yaml',
        'reference-full.yaml', 'reference-networked-vm.yaml', 'reference-override.yaml', 'reference-root-disk.yaml',
        'reference-templates.yaml', 'with-other-kinds.yaml',
      ]);
    });

    test.each(files)('%s converts and validates against the schemas', (file) => {
      const machines = fixture(file).filter(d => d.apiVersion === Viti.API_VERSION);
      expect(machines.length).toBeGreaterThan(0);
      for (const m of machines) {
        const { vm, pvcs } = convert(m);
        expect(vm.metadata.labels[Viti.MACHINE_LABEL]).toBe(m.metadata.name);
        expect(pvcs.map(p => p.metadata.name)).toContain(`${vm.metadata.name}-root`);
      }
    });
  });

  describe('reference dialect', () => {
    test('a template gives CPU, memory and a blank root PVC {machine}-root (Basic Virtual Machine)', () => {
      const { vm, pvcs, all } = convertFixture('reference-basic-vm.yaml');
      expect(all.map(o => `${o.kind}/${o.metadata.name}`)).toEqual(['PersistentVolumeClaim/basic-vm-root', 'VirtualMachine/basic-vm']);
      expect(vm.metadata.namespace).toBe('default');
      expect(vm.metadata.labels).toEqual({ 'app.kubernetes.io/managed-by': 'cdk8s-kubevirt', 'vitistack.io/machine': 'basic-vm' });
      expect(vm.spec.runStrategy).toBe('Always');
      expect(domain(vm).cpu).toEqual({ cores: 2, sockets: 1, threads: 1 });
      expect(domain(vm).memory).toEqual({ guest: '4Gi' });
      expect(pvcs[0].metadata).toEqual({ name: 'basic-vm-root', namespace: 'default', labels: vm.metadata.labels });
      expect(pvcs[0].spec).toEqual(pvc('basic-vm-root', '40Gi'));
      expect(domain(vm).devices.disks).toEqual([{ name: 'root', disk: { bus: 'virtio' } }]);
      expect(tspec(vm).volumes).toEqual([{ name: 'root', persistentVolumeClaim: { claimName: 'basic-vm-root' } }]);
      expect(tspec(vm).networks).toEqual([{ name: 'default', pod: {} }]);
      expect(vm.spec.dataVolumeTemplates).toBeUndefined();
    });

    test.each([
      ['small-vm', { cores: 1, sockets: 1, threads: 1 }, '2Gi', '20Gi'],
      ['medium-vm', { cores: 2, sockets: 1, threads: 1 }, '4Gi', '40Gi'],
      ['large-vm', { cores: 4, sockets: 1, threads: 1 }, '8Gi', '80Gi'],
    ])('the template table: %s', (name, cpu, memory, root) => {
      const m = fixture('reference-templates.yaml').find(d => d.metadata.name === name);
      const { vm, pvcs } = convert(m);
      expect(domain(vm).cpu).toEqual(cpu);
      expect(domain(vm).memory.guest).toBe(memory);
      expect(pvcs.map(p => [p.metadata.name, p.spec.resources.requests.storage])).toEqual([[`${name}-root`, root]]);
    });

    test('overrides follow the reference: medium + 4 cores + 8Gi gives 4 cores, 8Gi and a 40Gi disk', () => {
      const { vm, pvcs } = convertFixture('reference-override.yaml');
      expect(domain(vm).cpu).toEqual({ cores: 4, sockets: 1, threads: 1 });
      expect(domain(vm).memory.guest).toBe('8Gi');
      expect(pvcs.map(p => p.spec.resources.requests.storage)).toEqual(['40Gi']);
    });

    test('data disks become blank PVCs {machine}-{disk} next to the template root (Virtual Machine with Overrides)', () => {
      const { vm, pvcs } = convertFixture('reference-custom-vm.yaml');
      expect(domain(vm).cpu).toEqual({ cores: 4, sockets: 1, threads: 1 });
      expect(domain(vm).memory.guest).toBe('8Gi');
      expect(pvcs.map(p => [p.metadata.name, p.spec])).toEqual([
        ['custom-vm-root', pvc('', '20Gi')],
        ['custom-vm-data', pvc('', '100Gi', { storageClassName: 'fast-ssd' })],
      ]);
      expect(domain(vm).devices.disks).toEqual([{ name: 'root', disk: { bus: 'virtio' } }, { name: 'data', disk: { bus: 'virtio' } }]);
      expect(tspec(vm).volumes).toEqual([
        { name: 'root', persistentVolumeClaim: { claimName: 'custom-vm-root' } },
        { name: 'data', persistentVolumeClaim: { claimName: 'custom-vm-data' } },
      ]);
    });

    test('a disk named root overrides the template root disk, as in the Disk Configuration Mapping', () => {
      const { vm, pvcs } = convertFixture('reference-root-disk.yaml');
      expect(pvcs).toHaveLength(1);
      expect(pvcs[0].metadata.name).toBe('root-disk-vm-root');
      expect(pvcs[0].spec).toEqual({ storageClassName: 'fast-ssd', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } } });
      expect(tspec(vm).volumes).toEqual([{ name: 'root', persistentVolumeClaim: { claimName: 'root-disk-vm-root' } }]);
      expect(domain(vm).devices.disks).toEqual([{ name: 'root', disk: { bus: 'virtio' } }]);
    });

    test('a root disk without a size keeps the template size', () => {
      const { pvcs } = convert(machine({ template: 'large', disks: [{ name: 'root', storageClass: 'fast-ssd' }] }));
      expect(pvcs[0].spec).toEqual(pvc('', '80Gi', { storageClassName: 'fast-ssd' }));
    });

    test('networks become multus networks with bridge binding and their model (Virtual Machine with Networking)', () => {
      const { vm } = convertFixture('reference-networked-vm.yaml');
      expect(tspec(vm).networks).toEqual([
        { name: 'eth0', multus: { networkName: 'prod-network' } },
        { name: 'eth1', multus: { networkName: 'storage-network' } },
      ]);
      expect(domain(vm).devices.interfaces).toEqual([
        { name: 'eth0', bridge: {}, model: 'virtio' },
        { name: 'eth1', bridge: {}, model: 'virtio' },
      ]);
    });

    test('userData becomes an inline cloudInitNoCloud volume (Virtual Machine with Cloud-Init)', () => {
      const m = fixture('reference-cloud-init-vm.yaml')[0];
      const { vm, all } = convert(m);
      expect(domain(vm).devices.disks).toContainEqual({ name: 'cloudinitdisk', disk: { bus: 'virtio' } });
      expect(tspec(vm).volumes).toContainEqual({ name: 'cloudinitdisk', cloudInitNoCloud: { userData: m.spec.cloudInit.userData } });
      expect(all.filter(o => o.kind === 'Secret')).toEqual([]);
      expect(Viti.unmappedFields(m)).toEqual([]);
    });

    test('userData wins over secretRef, as in the Cloud-Init Processing example, and secretRef is reported', () => {
      const m = fixture('reference-cloud-init-secret-ref.yaml')[0];
      const { vm } = convert(m);
      expect(tspec(vm).volumes).toContainEqual({ name: 'cloudinitdisk', cloudInitNoCloud: { userData: m.spec.cloudInit.userData } });
      expect(Viti.unmappedFields(m)).toEqual([
        "spec.cloudInit.secretRef: ignored because spec.cloudInit.userData is set; the VM gets the inline userData, as in the operator's example",
      ]);
    });

    test('secretRef alone becomes secretRef, with networkData inline', () => {
      const { vm } = convert(machine({ template: 'small', cloudInit: { secretRef: { name: 'machine-secrets', key: 'userData' }, networkData: 'version: 2\n' } }));
      expect(tspec(vm).volumes).toContainEqual({ name: 'cloudinitdisk', cloudInitNoCloud: { secretRef: { name: 'machine-secrets' }, networkData: 'version: 2\n' } });
    });

    test('a secretRef without a key reads the default key', () => {
      const { vm } = convert(machine({ template: 'small', cloudInit: { secretRef: { name: 'machine-secrets' } } }));
      expect(tspec(vm).volumes).toContainEqual({ name: 'cloudinitdisk', cloudInitNoCloud: { secretRef: { name: 'machine-secrets' } } });
    });

    test('networkData alone becomes a cloud-init volume with network data only', () => {
      const { vm } = convert(machine({ template: 'small', cloudInit: { networkData: 'version: 2\n' } }));
      expect(tspec(vm).volumes).toContainEqual({ name: 'cloudinitdisk', cloudInitNoCloud: { networkData: 'version: 2\n' } });
    });

    test('user data over 2048 bytes goes to a Secret {machine}-cloud-init in the machine namespace', () => {
      const userData = `#cloud-config\nruncmd:\n${'  - echo hello\n'.repeat(200)}`;
      const chart = new Chart(new App(), 'viti', { namespace: 'default' });
      Viti.toMachine(chart, 'machine', machine({ template: 'small', cloudInit: { userData } }));
      const all = synthValid(chart);
      const secret = all.find(o => o.kind === 'Secret');
      expect(secret.metadata).toEqual({ name: 'vm-cloud-init', namespace: 'default' });
      expect(Buffer.from(secret.data.userdata, 'base64').toString()).toBe(userData);
    });

    test('every field of the API reference maps, field by field', () => {
      const m = fixture('reference-full.yaml')[0];
      const { vm, pvcs } = convert(m);
      // labels: the Viti ones are kept, vitistack.io/machine is added
      expect(vm.metadata).toEqual({
        name: 'full-vm',
        namespace: 'prod',
        labels: {
          'app.kubernetes.io/managed-by': 'cdk8s-kubevirt',
          'cluster.vitistack.io/cluster-name': 'cluster-a',
          'vitistack.io/machine': 'full-vm',
          'vitistack.io/machine-template': 'medium',
        },
      });
      expect(vm.spec.template.metadata.labels['cluster.vitistack.io/cluster-name']).toBe('cluster-a');
      // CPU and memory
      expect(domain(vm).cpu).toEqual({ cores: 2, sockets: 1, threads: 1 });
      expect(domain(vm).memory).toEqual({ guest: '4Gi' });
      // disks: PVCs with storage class, access mode and volume mode; "default" is the cluster default
      expect(pvcs.map(p => [p.metadata.name, p.spec])).toEqual([
        ['full-vm-root', { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '40Gi' } }, storageClassName: 'fast-ssd', volumeMode: 'Block' }],
        ['full-vm-shared', { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '100Gi' } }, storageClassName: 'nfs', volumeMode: 'Filesystem' }],
        ['full-vm-media', { accessModes: ['ReadOnlyMany'], resources: { requests: { storage: '10Gi' } } }],
      ]);
      expect(pvcs.every(p => p.metadata.labels['vitistack.io/machine'] === 'full-vm')).toBe(true);
      // boot order: disk → root disk 1, network → first interface 2; a ReadOnlyMany disk is read-only
      expect(domain(vm).devices.disks).toEqual([
        { name: 'root', disk: { bus: 'virtio' }, bootOrder: 1 },
        { name: 'shared', disk: { bus: 'virtio' } },
        { name: 'media', disk: { bus: 'virtio', readonly: true } },
        { name: 'cloudinitdisk', disk: { bus: 'virtio' } },
      ]);
      // networks: model and MAC
      expect(domain(vm).devices.interfaces).toEqual([
        { name: 'eth0', bridge: {}, model: 'virtio', macAddress: '52:54:00:12:34:56', bootOrder: 2 },
        { name: 'eth1', bridge: {}, model: 'e1000' },
        { name: 'eth2', bridge: {}, model: 'rtl8139' },
      ]);
      expect(tspec(vm).networks.map((n: any) => n.multus.networkName)).toEqual(['prod-network', 'legacy-network', 'old-network']);
      // cloud-init volume
      expect(tspec(vm).volumes[3]).toEqual({ name: 'cloudinitdisk', cloudInitNoCloud: { userData: m.spec.cloudInit.userData, networkData: m.spec.cloudInit.networkData } });
      // machine type, features, firmware
      expect(domain(vm).machine).toEqual({ type: 'q35' });
      expect(domain(vm).features.acpi).toEqual({ enabled: true });
      expect(domain(vm).features.apic).toEqual({ enabled: true });
      expect(Object.keys(domain(vm).features.hyperv).sort()).toEqual([
        'frequencies', 'ipi', 'reenlightenment', 'relaxed', 'reset', 'runtime', 'spinlocks', 'synic', 'synictimer', 'tlbflush', 'vapic', 'vpindex',
      ]);
      expect(domain(vm).features.smm).toEqual({ enabled: true });
      expect(domain(vm).firmware.bootloader).toEqual({ efi: { secureBoot: true } });
      // status is ignored; the cdrom boot entry is reported
      expect(JSON.stringify(vm)).not.toContain('Running');
      expect(Viti.unmappedFields(m)).toEqual([
        'spec.bootOrder[2]: "cdrom" is skipped; a Viti Machine declares no CD-ROM, so there is no device to boot from',
      ]);
    });

    test.each([
      [{ acpi: false, apic: false, hyperv: false }, { acpi: { enabled: false }, apic: { enabled: false } }],
      [{ hyperv: false }, undefined],
    ])('features %j', (features, expected) => {
      const { vm } = convert(machine({ template: 'small', domain: { features } }));
      expect(domain(vm).features).toEqual(expected);
    });

    test('efi without secure boot, and efi: false gives BIOS', () => {
      const efi = convert(machine({ template: 'small', domain: { firmware: { bootloader: { efi: true } } } })).vm;
      expect(domain(efi).firmware.bootloader).toEqual({ efi: { secureBoot: false } });
      expect(domain(efi).features).toBeUndefined();
      const bios = convert(machine({ template: 'small', domain: { firmware: { bootloader: { efi: false, secureBoot: false } } } })).vm;
      expect(domain(bios).firmware.bootloader).toEqual({ bios: {} });
    });

    test.each([
      ['pc-q35', 'q35'],
      ['pc-i440fx', 'pc'],
      ['pc-q35-rhel9.4.0', 'pc-q35-rhel9.4.0'],
    ])('machine type %s becomes %s', (type, expected) => {
      const { vm } = convert(machine({ template: 'small', domain: { machine: { type } } }));
      expect(domain(vm).machine).toEqual({ type: expected });
    });

    test('network boot without networks goes on the pod interface', () => {
      const { vm } = convert(machine({ template: 'small', bootOrder: ['network', 'disk'] }));
      expect(domain(vm).devices.interfaces).toEqual([{ name: 'default', masquerade: {}, bootOrder: 1 }]);
      expect(domain(vm).devices.disks[0]).toEqual({ name: 'root', disk: { bus: 'virtio' }, bootOrder: 2 });
    });

    test('MAC addresses are written in lowercase', () => {
      const { vm } = convert(machine({ template: 'small', networks: [{ name: 'eth0', networkName: 'ns1/prod', macAddress: '52:54:00:AB:CD:EF' }] }));
      expect(domain(vm).devices.interfaces).toEqual([{ name: 'eth0', bridge: {}, macAddress: '52:54:00:ab:cd:ef' }]);
      expect(tspec(vm).networks).toEqual([{ name: 'eth0', multus: { networkName: 'ns1/prod' } }]);
    });

    test.each([
      ['100G', '97656250Ki'],
      ['1.5Gi', '1536Mi'],
      ['2048Mi', '2Gi'],
      [1073741824, '1Gi'],
    ])('size %j is rendered as %s', (size, expected) => {
      const { vm } = convert(machine({ template: 'small', resources: { memory: { size } } }));
      expect(domain(vm).memory.guest).toBe(expected);
    });

    test('DiskEmission.DATA_VOLUME_TEMPLATES gives blank DataVolumes instead of PVCs', () => {
      const { vm, pvcs } = convertFixture('reference-custom-vm.yaml', { diskEmission: DiskEmission.DATA_VOLUME_TEMPLATES });
      expect(pvcs).toEqual([]);
      expect(vm.spec.dataVolumeTemplates).toEqual([
        { metadata: { name: 'custom-vm-root' }, spec: { storage: { resources: { requests: { storage: '20Gi' } } }, source: { blank: {} } } },
        { metadata: { name: 'custom-vm-data' }, spec: { storage: { resources: { requests: { storage: '100Gi' } }, storageClassName: 'fast-ssd' }, source: { blank: {} } } },
      ]);
    });

    test('the namespace option overrides metadata.namespace', () => {
      const { all } = convertFixture('reference-custom-vm.yaml', { namespace: 'migrated' });
      expect(all.map(o => o.metadata.namespace)).toEqual(['migrated', 'migrated', 'migrated']);
    });

    test('metadata the API server fills in is ignored, annotations are kept but last-applied-configuration', () => {
      const { vm } = convert(machine({ template: 'small' }, {
        name: 'vm',
        namespace: 'default',
        uid: 'c0ffee',
        resourceVersion: '42',
        generation: 3,
        creationTimestamp: '2024-01-01T12:00:00Z',
        finalizers: ['machine.vitistack.io/cleanup'],
        managedFields: [],
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', 'argocd.argoproj.io/sync-wave': '1' },
      }));
      expect(vm.metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': '1' });
      expect(vm.metadata.uid).toBeUndefined();
      expect(vm.metadata.finalizers).toBeUndefined();
    });

    test('a spec with neither dialect is the reference dialect', () => {
      expect(Viti.dialectOf(machine({ template: 'small' }))).toBe(VitiDialect.REFERENCE);
      expect(Viti.dialectOf(machine({ disks: [] }))).toBe(VitiDialect.REFERENCE);
    });

    test('Viti.template gives the built-in templates', () => {
      expect(Viti.template(VitiDialect.REFERENCE, 'small')).toBe(MachineTemplate.SMALL);
      expect(Viti.template(VitiDialect.REFERENCE, 'medium')).toBe(MachineTemplate.MEDIUM);
      expect(Viti.template(VitiDialect.REFERENCE, 'large')).toBe(MachineTemplate.LARGE);
    });
  });

  describe('overview dialect', () => {
    test('spec.name names the VM; vitistack.io/machine keeps the Machine name (Basic Small VM)', () => {
      const { vm, pvcs } = convertFixture('overview-basic-small.yaml');
      expect(vm.metadata.name).toBe('example-vm-small');
      expect(vm.metadata.namespace).toBeUndefined();
      expect(vm.metadata.labels['vitistack.io/machine']).toBe('example-machine-small');
      expect(domain(vm).cpu).toEqual({ cores: 1, sockets: 1, threads: 1 });
      expect(domain(vm).memory.guest).toBe('1Gi');
      expect(pvcs.map(p => [p.metadata.name, p.spec])).toEqual([['example-vm-small-root', pvc('', '20Gi')]]);
    });

    test('cpu and memory in bytes override the instance type (Small VM with Resource Overrides)', () => {
      const { vm } = convertFixture('overview-custom.yaml');
      expect(domain(vm).cpu).toEqual({ cores: 4, sockets: 4, threads: 2 });
      expect(domain(vm).memory.guest).toBe('4Gi');
    });

    test('additional disks become PVCs (VM with Additional Disks)', () => {
      const { vm, pvcs } = convertFixture('overview-with-disks.yaml');
      expect(domain(vm).cpu).toEqual({ cores: 2, sockets: 2, threads: 1 });
      expect(domain(vm).memory.guest).toBe('2Gi');
      expect(pvcs.map(p => [p.metadata.name, p.spec])).toEqual([
        ['example-vm-storage-root', pvc('', '40Gi')],
        ['example-vm-storage-data-disk', pvc('', '10Gi', { storageClassName: 'fast-ssd' })],
        ['example-vm-storage-backup-disk', pvc('', '50Gi', { storageClassName: 'standard' })],
      ]);
      expect(domain(vm).devices.disks.map((d: any) => d.name)).toEqual(['root', 'data-disk', 'backup-disk']);
    });

    test('the large instance type: 4 cores, 2 sockets, 2 threads, 4Gi', () => {
      const { vm, pvcs } = convertFixture('overview-large.yaml');
      expect(domain(vm).cpu).toEqual({ cores: 4, sockets: 2, threads: 2 });
      expect(domain(vm).memory.guest).toBe('4Gi');
      expect(pvcs[0].spec.resources.requests.storage).toBe('80Gi');
    });

    test('the dialect decides the size table: medium is 2Gi here and 4Gi in the reference', () => {
      const overview = convert({ ...machine({}), spec: { instanceType: 'medium' } }).vm;
      const reference = convert(machine({ template: 'medium' })).vm;
      expect([domain(overview).memory.guest, domain(overview).cpu.sockets]).toEqual(['2Gi', 2]);
      expect([domain(reference).memory.guest, domain(reference).cpu.sockets]).toEqual(['4Gi', 1]);
      expect(Viti.dialectOf(fixture('overview-custom.yaml')[0])).toBe(VitiDialect.OVERVIEW);
      expect(Viti.template(VitiDialect.OVERVIEW, 'large').cpu).toEqual({ cores: 4, sockets: 2, threads: 2 });
    });
  });

  describe('bad input', () => {
    const who = "Viti Machine 'default/vm'";

    test('fails when a field is unknown, naming its JSON path', () => {
      expect(failure(fixture('broken/unknown-field.yaml')[0])).toBe(
        "Viti Machine 'default/typo-vm': spec.resources.cpu.corez is not a field of a Viti Machine: got 4; one of cores, threads, sockets");
    });

    test('fails when fields are unknown at every level, reporting them all', () => {
      const m = { ...machine({ template: 'small', tempalte: 'large', disks: [{ name: 'data', size: '1Gi', bus: 'sata' }] }), extra: 1 };
      m.metadata = { ...m.metadata, generateName: 'vm-' };
      expect(failure(m)).toBe([
        `${who}: extra is not a field of a Viti Machine: got 1; a Kubernetes object field: apiVersion, kind, metadata, spec, status`,
        `${who}: metadata.generateName is not a field of a Viti Machine: got "vm-"; name, namespace, labels, annotations (and the fields the API server fills in, which are ignored)`,
        `${who}: spec.tempalte is not a field of a Viti Machine: got "large"; one of template, resources, disks, networks, bootOrder, cloudInit, domain (reference dialect)`,
        `${who}: spec.disks[0].bus is not a field of a Viti Machine: got "sata"; one of name, size, storageClass, accessMode, volumeMode`,
      ].join('\n'));
    });

    test('fails when an overview field is unknown', () => {
      expect(failure({ ...machine({}), spec: { instanceType: 'small', cpu: { threads: 2 } } })).toBe(
        `${who}: spec.cpu.threads is not a field of a Viti Machine: got 2; one of cores, sockets, threadsPerCore`);
    });

    test('fails when the kind is wrong', () => {
      expect(failure(fixture('broken/wrong-kind.yaml')[0])).toBe(
        "Viti Machine 'default/wrong-kind-vm': kind is not a Viti Machine: got \"VirtualMachine\"; Machine (other vitistack.io kinds, such as NetworkConfiguration, need the Viti operator)");
    });

    test('fails when the apiVersion is wrong', () => {
      expect(failure(fixture('broken/wrong-api-version.yaml')[0])).toBe(
        "Viti Machine 'default/wrong-version-vm': apiVersion is not the Viti Machine API version: got \"vitistack.io/v1beta1\"; vitistack.io/v1alpha1 (the only version the converter reads)");
    });

    test('fails when sizes are invalid', () => {
      expect(failure(fixture('broken/invalid-size.yaml')[0])).toBe([
        "Viti Machine 'default/bad-size-vm': spec.resources.memory.size is not a Kubernetes quantity: got \"8GB\"; a Kubernetes quantity of whole kibibytes, e.g. \"20Gi\", \"512Mi\" or \"100G\"",
        "Viti Machine 'default/bad-size-vm': spec.disks[0].size must be a whole number of bytes: got \"1.5\"; a Kubernetes quantity of whole kibibytes, e.g. \"20Gi\", \"512Mi\" or \"100G\"",
      ].join('\n'));
    });

    test.each([
      ['1000', 'must be a positive whole number of kibibytes', '"1000"'],
      ['0Gi', 'must be a positive whole number of kibibytes', '"0Gi"'],
      ['-1Gi', 'is not a Kubernetes quantity', '"-1Gi"'],
      ['1e9', 'must be a positive whole number of kibibytes', '"1e9"'],
      ['1.5', 'must be a whole number of bytes', '"1.5"'],
    ])('fails when a size is %s', (size, problem, got) => {
      expect(failure(machine({ template: 'small', resources: { memory: { size } } }))).toBe(
        `${who}: spec.resources.memory.size ${problem}: got ${got}; a Kubernetes quantity of whole kibibytes, e.g. "20Gi", "512Mi" or "100G"`);
    });

    test('fails when the overview memory is not a number of bytes', () => {
      expect(failure({ ...machine({}), spec: { instanceType: 'small', memory: '4Gi' } })).toBe(
        `${who}: spec.memory must be a number of bytes (overview dialect): got "4Gi"; a whole number of kibibytes in bytes, e.g. 4294967296 for 4Gi`);
      expect(failure({ ...machine({}), spec: { instanceType: 'small', memory: 1000000 } })).toBe(
        `${who}: spec.memory must be a positive whole number of kibibytes: got 1000000; a Kubernetes quantity of whole kibibytes, e.g. "20Gi", "512Mi" or "100G"`);
    });

    test('fails when the template is unknown (TemplateNotFound)', () => {
      expect(failure(fixture('broken/unknown-template.yaml')[0])).toBe(
        "Viti Machine 'default/xl-vm': spec.template is not a known template (TemplateNotFound): got \"xlarge\"; one of small, medium, large");
      expect(() => Viti.template(VitiDialect.REFERENCE, 'xlarge')).toThrow(
        'Viti: spec.template is not a known template (TemplateNotFound): got "xlarge"; one of small, medium, large');
    });

    test('fails when the instance type is unknown (TemplateNotFound)', () => {
      expect(failure({ ...machine({}), spec: { instanceType: 'Small' } })).toBe(
        `${who}: spec.instanceType is not a known instance type (TemplateNotFound): got "Small"; one of small, medium, large`);
      expect(() => Viti.template(VitiDialect.OVERVIEW, 'huge')).toThrow(
        'Viti: spec.instanceType is not a known instance type (TemplateNotFound): got "huge"; one of small, medium, large');
    });

    test('fails when there is no template', () => {
      expect(failure(machine({ resources: { cpu: { cores: 2 } } }))).toBe(
        `${who}: spec.template is required: got undefined; one of small, medium, large`);
    });

    test('fails when the spec mixes the dialects', () => {
      const message = "Viti Machine 'default/mixed-vm': spec mixes the two Viti dialects: got [\"template\",\"cpu\"]; "
        + 'either reference fields (template, resources, disks, networks, bootOrder, cloudInit, domain) or overview fields (instanceType, name, cpu, memory, disks)';
      expect(failure(fixture('broken/mixed-dialects.yaml')[0])).toBe(message);
      expect(() => Viti.dialectOf(fixture('broken/mixed-dialects.yaml')[0])).toThrow(message);
    });

    test('fails when the cloud-init Secret key is not one KubeVirt reads', () => {
      expect(failure(fixture('broken/secret-key.yaml')[0])).toBe(
        "Viti Machine 'default/secret-key-vm': spec.cloudInit.secretRef.key is not a key KubeVirt reads: got \"cloud-config\"; "
        + "'userdata' or 'userData': KubeVirt reads the user data from one of these keys of the Secret, so rename the key in the Secret");
    });

    test('fails when cloudInit sets nothing', () => {
      expect(failure(machine({ template: 'small', cloudInit: {} }))).toBe(
        `${who}: spec.cloudInit sets no cloud-init data: got {}; userData, networkData or secretRef`);
    });

    test('fails when userData holds a password, unless allowPasswords', () => {
      const m = machine({ template: 'small', cloudInit: { userData: '#cloud-config\npassword: hunter2\n' } });
      expect(failure(m)).toBe(
        `${who}: spec.cloudInit: CloudInit 'fromUserData': userData line 2 sets a password (key 'password'): got <redacted>; `
        + 'no passwords in user data: use AccessCredential.userPasswordFromSecret() or CloudInit.fromSecret(), or set allowPasswords: true');
      expect(tspec(convert(m, { allowPasswords: true }).vm).volumes[1].cloudInitNoCloud.userData).toBe('#cloud-config\npassword: hunter2\n');
    });

    test('fails when secure boot is on without EFI', () => {
      expect(failure(machine({ template: 'small', domain: { firmware: { bootloader: { secureBoot: true } } } }))).toBe(
        `${who}: spec.domain.firmware.bootloader.secureBoot needs EFI: got true; efi: true together with secureBoot: true, or secureBoot: false`);
    });

    test('fails when disks are invalid', () => {
      expect(failure(machine({
        template: 'small',
        disks: [
          { name: 'data', size: '1Gi' },
          { name: 'data', size: '1Gi' },
          { name: 'Logs', size: '1Gi' },
          { name: 'scratch' },
          { name: 'cache', size: '1Gi', accessMode: 'RWO', volumeMode: 'block', storageClass: 'Fast_SSD' },
          'root',
        ],
      }))).toBe([
        `${who}: spec.disks[1].name is used by another disk: got "data"; unique disk names (disk-name-unique)`,
        `${who}: spec.disks[2].name must be a DNS-1123 label: got "Logs"; a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters (disk-name-dns1123)`,
        `${who}: spec.disks[3].size is required: got undefined; a Kubernetes quantity of whole kibibytes, e.g. "20Gi", "512Mi" or "100G"`,
        `${who}: spec.disks[4].storageClass must be a StorageClass name: got "Fast_SSD"; a DNS-1123 subdomain, or 'default' for the cluster's default StorageClass`,
        `${who}: spec.disks[4].accessMode is not a supported value: got "RWO"; one of ReadWriteOnce, ReadWriteMany, ReadOnlyMany, ReadWriteOncePod`,
        `${who}: spec.disks[4].volumeMode is not a supported value: got "block"; one of Filesystem, Block`,
        `${who}: spec.disks[5] must be a mapping: got "root"; a mapping of fields`,
      ].join('\n'));
    });

    test('fails when networks are invalid', () => {
      expect(failure(machine({
        template: 'small',
        networks: [
          { name: 'eth0', networkName: 'prod', model: 'virtio-net', macAddress: '52:54:00:12:34' },
          { name: 'eth0', networkName: 'Prod_Net' },
          { name: 'eth 1' },
        ],
      }))).toBe([
        `${who}: spec.networks[0].model is not a supported value: got "virtio-net"; one of virtio, e1000, e1000e, igb, ne2k_pci, pcnet, rtl8139`,
        `${who}: spec.networks[0].macAddress must be a MAC address: got "52:54:00:12:34"; six hex pairs separated by colons, e.g. 52:54:00:12:34:56 (interface-mac-address)`,
        `${who}: spec.networks[1].name is used by another network: got "eth0"; unique network names (network-name-unique)`,
        `${who}: spec.networks[1].networkName must name a NetworkAttachmentDefinition: got "Prod_Net"; 'name' or 'namespace/name' (DNS-1123) (network-multus-name)`,
        `${who}: spec.networks[2].name must be a valid interface name: got "eth 1"; letters, digits, '_' and '-' (interface-name-format)`,
        `${who}: spec.networks[2].networkName is required: got undefined; a string`,
      ].join('\n'));
    });

    test('fails when the boot order is invalid', () => {
      expect(failure(machine({ template: 'small', bootOrder: ['disk', 'pxe', 'disk'] }))).toBe([
        `${who}: spec.bootOrder[1] is not a boot device: got "pxe"; one of disk, network, cdrom`,
        `${who}: spec.bootOrder[2] is listed twice: got "disk"; each boot device at most once`,
      ].join('\n'));
      expect(failure(machine({ template: 'small', bootOrder: 'disk' }))).toBe(
        `${who}: spec.bootOrder must be a list: got "disk"; a YAML sequence`);
    });

    test('fails when CPU counts, booleans and types are wrong', () => {
      expect(failure(machine({
        template: 'small',
        resources: { cpu: { cores: 0, threads: '2', sockets: 1.5 } },
        domain: { features: { acpi: 'yes' }, machine: { type: 'pc q35' } },
      }))).toBe([
        `${who}: spec.resources.cpu.cores must be a whole number of at least 1: got 0; an integer ≥ 1`,
        `${who}: spec.resources.cpu.sockets must be a whole number of at least 1: got 1.5; an integer ≥ 1`,
        `${who}: spec.resources.cpu.threads must be a whole number of at least 1: got "2"; an integer ≥ 1`,
        `${who}: spec.domain.machine.type must be a machine type: got "pc q35"; pc-q35, pc-i440fx, or a QEMU machine type such as q35 or pc-q35-rhel9.4.0`,
        `${who}: spec.domain.features.acpi must be true or false: got "yes"; a boolean`,
      ].join('\n'));
    });

    test('fails when metadata is wrong', () => {
      expect(failure(machine({ template: 'small' }, { namespace: 'Default', labels: { tier: 1 } }))).toBe([
        "Viti Machine 'Default/<unnamed>': metadata.name is required: got undefined; a string",
        "Viti Machine 'Default/<unnamed>': metadata.namespace must be a namespace name: got \"Default\"; a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters",
        "Viti Machine 'Default/<unnamed>': metadata.labels.tier must be a string: got 1; a string (quote numbers and booleans)",
      ].join('\n'));
      expect(failure(machine({ template: 'small' }, { name: 'Web_1' }))).toBe(
        "Viti Machine 'Web_1': metadata.name must be a DNS-1123 label (it names the VirtualMachine): got \"Web_1\"; a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters");
    });

    test('fails when the manifest is not a mapping', () => {
      expect(failure('Machine')).toBe(
        "Viti Machine '<unnamed>': (document) must be a mapping: got \"Machine\"; a vitistack.io/v1alpha1 Machine object");
      expect(failure(machine(undefined))).toBe(`${who}: spec is required: got undefined; a mapping`);
    });

    test('fails when the option namespace is not a namespace name', () => {
      expect(failure(machine({ template: 'small' }), { namespace: 'Bad' })).toBe(
        "Viti Machine 'default/vm': namespace (option) must be a namespace name: got \"Bad\"; a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters");
    });

    test('fails at synthesis when a KubeVirt admission rule rejects the result', () => {
      const chart = new Chart(new App(), 'viti');
      Viti.toMachine(chart, 'machine', machine({ template: 'small', disks: [{ name: 'cloudinitdisk', size: '1Gi' }], cloudInit: { userData: '#cloud-config\n' } }));
      expect(() => synthValid(chart)).toThrow(
        "[viti/machine] Machine 'viti/machine': spec.template.spec.volumes[2].name must be unique among volumes: got \"cloudinitdisk\"; a name no other volume uses (volume-name-unique)");
    });
  });
});
