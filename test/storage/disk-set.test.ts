import { Size } from 'cdk8s';
import { AccessMode, DiskBus, DiskCache, DiskEmission, DiskSet, DiskSource, DiskType, Machine, MachineTemplate, VolumeMode } from '../../src';
import { synthValid } from '../support/conformance';
import { newChart, synthMachine, templateSpec } from '../support/synth';

describe('DiskSet', () => {
  test('root and data disks keep their declared order, named {machine}-{disk}', () => {
    const disks = new DiskSet({ root: { source: DiskSource.registry('quay.io/containerdisks/ubuntu:24.04'), size: Size.gibibytes(30) } })
      .addDisk('data', { size: Size.gibibytes(100), storageClass: 'fast-ssd', accessMode: AccessMode.READ_WRITE_MANY, volumeMode: VolumeMode.BLOCK })
      .addDisk('logs', { size: Size.gibibytes(10) });
    const { vm } = synthMachine({ disks });
    expect(templateSpec(vm).domain.devices.disks.map((d: any) => d.name)).toEqual(['root', 'data', 'logs']);
    expect(templateSpec(vm).volumes).toEqual([
      { name: 'root', dataVolume: { name: 'web-root' } },
      { name: 'data', dataVolume: { name: 'web-data' } },
      { name: 'logs', dataVolume: { name: 'web-logs' } },
    ]);
    expect(vm.spec.dataVolumeTemplates[1]).toEqual({
      metadata: { name: 'web-data' },
      spec: {
        source: { blank: {} },
        storage: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '100Gi' } }, storageClassName: 'fast-ssd', volumeMode: 'Block' },
      },
    });
  });

  test('disk options: bus, type, boot order, read-only, serial, cache', () => {
    const disks = new DiskSet({ root: { bootOrder: 1, serial: 'ROOT-01', cache: DiskCache.WRITE_THROUGH } })
      .addDisk('scratch', { size: Size.gibibytes(1), bus: DiskBus.SCSI, readOnly: true })
      .addDisk('install', { source: DiskSource.http('https://example.com/win.iso'), size: Size.gibibytes(6), type: DiskType.CDROM, bootOrder: 2 })
      .addDisk('san', { source: DiskSource.existingPvc('san-lun'), type: DiskType.LUN });
    const { vm } = synthMachine({ disks });
    expect(templateSpec(vm).domain.devices.disks.slice(0, 4)).toEqual([
      { name: 'root', disk: { bus: 'virtio' }, bootOrder: 1, serial: 'ROOT-01', cache: 'writethrough' },
      { name: 'scratch', disk: { bus: 'scsi', readonly: true } },
      { name: 'install', cdrom: { bus: 'sata' }, bootOrder: 2 },
      { name: 'san', lun: { bus: 'scsi' } },
    ]);
  });

  test('a data disk without a size emits resources: {} (what KubeVirt stores anyway), so CDI sizes it from the source', () => {
    const disks = new DiskSet().addDisk('copy', { source: DiskSource.dataSource('fedora', 'images') });
    const { vm } = synthMachine({ disks });
    expect(vm.spec.dataVolumeTemplates[1].spec).toEqual({ storage: { resources: {} }, sourceRef: { kind: 'DataSource', name: 'fedora', namespace: 'images' } });
  });

  test('the template default bus applies to disks that do not set one', () => {
    const { vm } = synthMachine({ template: MachineTemplate.custom({ diskBus: DiskBus.SATA }) });
    expect(templateSpec(vm).domain.devices.disks[0]).toEqual({ name: 'root', disk: { bus: 'sata' } });
  });

  test('usePvcApi renders spec.pvc with an access mode', () => {
    const { vm } = synthMachine({ disks: new DiskSet({ root: { usePvcApi: true } }) });
    expect(vm.spec.dataVolumeTemplates[0].spec.pvc).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } } });
    expect(vm.spec.dataVolumeTemplates[0].spec.storage).toBeUndefined();
  });

  test('DiskEmission.PERSISTENT_VOLUME_CLAIMS emits plain PVCs named {machine}-{disk}', () => {
    const disks = new DiskSet({ emit: DiskEmission.PERSISTENT_VOLUME_CLAIMS, root: { storageClass: 'fast-ssd' } })
      .addDisk('data', { size: Size.gibibytes(100) });
    const { vm, all } = synthMachine({ disks, template: MachineTemplate.MEDIUM });
    expect(vm.spec.dataVolumeTemplates).toBeUndefined();
    expect(templateSpec(vm).volumes.slice(0, 2)).toEqual([
      { name: 'root', persistentVolumeClaim: { claimName: 'web-root' } },
      { name: 'data', persistentVolumeClaim: { claimName: 'web-data' } },
    ]);
    const pvcs = all.filter(o => o.kind === 'PersistentVolumeClaim');
    expect(pvcs.map(p => p.metadata.name)).toEqual(['web-root', 'web-data']);
    expect(pvcs[0]).toEqual({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'web-root', namespace: 'vms', labels: { 'app.kubernetes.io/managed-by': 'cdk8s-kubevirt' } },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '40Gi' } }, storageClassName: 'fast-ssd' },
    });
  });

  test('one DiskSet serves several machines, each with its own storage', () => {
    const chart = newChart();
    const disks = new DiskSet().addDisk('data', { size: Size.gibibytes(5) });
    new Machine(chart, 'a', { disks });
    new Machine(chart, 'b', { disks });
    const vms = synthValid(chart).filter(o => o.kind === 'VirtualMachine');
    expect(vms.map(v => v.spec.dataVolumeTemplates.map((d: any) => d.metadata.name))).toEqual([['a-root', 'a-data'], ['b-root', 'b-data']]);
  });

  test('fails when a disk name is not a DNS-1123 label', () => {
    expect(() => new DiskSet().addDisk('DataDisk', { size: Size.gibibytes(1) })).toThrow(
      "DiskSet: name must be a DNS-1123 label: got \"DataDisk\"; a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters (disk-name-dns1123)");
  });

  test('fails when a disk name is used twice', () => {
    expect(() => new DiskSet().addDisk('root')).toThrow(
      'DiskSet: name is already used by another disk: got "root"; a name not in root (disk-name-unique)');
  });

  test('fails when a blank data disk has no size', () => {
    expect(() => new DiskSet().addDisk('data')).toThrow(
      "DiskSet disk 'data': size is required for a blank source: got undefined; a Size, e.g. Size.gibibytes(100)");
  });

  test('fails when a size is given for a source that creates no storage', () => {
    expect(() => new DiskSet({ root: { source: DiskSource.containerDisk('quay.io/x/y:1'), size: Size.gibibytes(1) } })).toThrow(
      "DiskSet disk 'root': size cannot be set for a containerDisk source, which creates no storage: got \"1Gi\"; no size");
  });

  test('fails when a boot order is below 1', () => {
    expect(() => new DiskSet({ root: { bootOrder: 0 } })).toThrow(
      "DiskSet disk 'root': bootOrder must be a whole number of at least 1: got 0; an integer ≥ 1 (boot-order-min)");
  });

  test('fails when a serial has characters KubeVirt rejects', () => {
    expect(() => new DiskSet({ root: { serial: 'a b' } })).toThrow(
      "DiskSet disk 'root': serial must be a valid disk serial: got \"a b\"; letters, digits, '_', '.', '+' and '-', at most 256 characters (disk-serial)");
  });

  test('fails when a CD-ROM is on the virtio bus', () => {
    expect(() => new DiskSet().addDisk('iso', { source: DiskSource.existingPvc('iso'), type: DiskType.CDROM, bus: DiskBus.VIRTIO })).toThrow(
      "DiskSet disk 'iso': bus cannot be virtio for a CD-ROM: got \"virtio\"; sata, scsi or usb (disk-cdrom-virtio)");
  });

  test('fails when a sata disk is read-only', () => {
    expect(() => new DiskSet({ root: { bus: DiskBus.SATA, readOnly: true } })).toThrow(
      "DiskSet disk 'root': readOnly cannot be true on the sata bus: got true; bus virtio or scsi for a read-only disk (disk-sata-read-only)");
  });

  test('fails when a LUN is not backed by a PVC or DataVolume', () => {
    expect(() => new DiskSet().addDisk('lun', { source: DiskSource.containerDisk('quay.io/x/y:1'), type: DiskType.LUN })).toThrow(
      "DiskSet disk 'lun': source must be backed by a PVC or DataVolume for a LUN: got \"containerDisk\"; any source except containerDisk (disk-lun-source)");
  });

  test('fails when plain PVC emission is asked for a source that needs CDI', () => {
    expect(() => new DiskSet({ emit: DiskEmission.PERSISTENT_VOLUME_CLAIMS, root: { source: DiskSource.http('https://example.com/a.img') } })).toThrow(
      "DiskSet disk 'root': source needs CDI, which DiskEmission.PERSISTENT_VOLUME_CLAIMS does without: got \"http\"; DiskSource.blank(), existingPvc() or containerDisk(), or DiskEmission.DATA_VOLUME_TEMPLATES");
  });

  describe('a DiskSet freezes when a machine takes it', () => {
    test('fails when a disk is added to a DiskSet a machine already uses (its PVC would be missing)', () => {
      const disks = new DiskSet({ emit: DiskEmission.PERSISTENT_VOLUME_CLAIMS });
      new Machine(newChart(), 'web', { disks });
      expect(() => disks.addDisk('late', { size: Size.gibibytes(1) })).toThrow(
        "DiskSet: addDisk cannot change a DiskSet that Machine 'test/web' already uses: got \"late\"; add every disk before a machine takes the DiskSet, or give the machine a DiskSet of its own");
    });

    test('fails when a shared DiskSet grows after two machines took it, naming both', () => {
      const chart = newChart();
      const disks = new DiskSet();
      new Machine(chart, 'a-b', { disks });
      new Machine(chart, 'a', { disks });
      expect(() => disks.addDisk('b-c', { size: Size.gibibytes(1) })).toThrow(
        "DiskSet: addDisk cannot change a DiskSet that Machine 'test/a-b', Machine 'test/a' already use: got \"b-c\"; add every disk before a machine takes the DiskSet, or give the machine a DiskSet of its own");
    });

    test('disks added before the machine takes the set are all emitted, PVCs included', () => {
      const disks = new DiskSet({ emit: DiskEmission.PERSISTENT_VOLUME_CLAIMS }).addDisk('data', { size: Size.gibibytes(5) });
      const chart = newChart();
      new Machine(chart, 'web', { disks });
      const all = synthValid(chart);
      expect(all.filter(o => o.kind === 'PersistentVolumeClaim').map(o => o.metadata.name)).toEqual(['web-root', 'web-data']);
    });

    test('changing disk options after addDisk changes nothing', () => {
      const options: any = { size: Size.gibibytes(5), bootOrder: 2 };
      const disks = new DiskSet().addDisk('data', options);
      options.bootOrder = 0;
      const { vm } = synthMachine({ disks });
      expect(vm.spec.template.spec.domain.devices.disks.find((d: any) => d.name === 'data').bootOrder).toBe(2);
    });
  });
});

