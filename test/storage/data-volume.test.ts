import { App, Chart, Size } from 'cdk8s';
import { AccessMode, DataVolume, DataVolumeContentType, DiskSet, DiskSource, GoldenImage, GoldenImageSource, Machine, VolumeMode } from '../../src';
import { synthValid } from '../support/conformance';
import { newChart } from '../support/synth';

describe('DataVolume', () => {
  test('a standalone DataVolume with the storage API; new fields only when set', () => {
    const chart = newChart();
    new DataVolume(chart, 'iso', { source: DiskSource.http('https://images.example.com/win.iso'), size: Size.gibibytes(6) });
    const [dv] = synthValid(chart);
    expect(dv).toEqual({
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataVolume',
      metadata: { name: 'iso', namespace: 'vms' },
      spec: { source: { http: { url: 'https://images.example.com/win.iso' } }, storage: { resources: { requests: { storage: '6Gi' } } } },
    });
  });

  test('pvc API, access mode, volume mode, class, contentType, preallocation, labels and annotations', () => {
    const chart = newChart();
    new DataVolume(chart, 'data', {
      source: DiskSource.blank(),
      size: Size.gibibytes(1.5),
      usePvcApi: true,
      accessModes: [AccessMode.READ_WRITE_MANY],
      volumeMode: VolumeMode.BLOCK,
      storageClass: 'ceph-block',
      contentType: DataVolumeContentType.KUBEVIRT,
      preallocation: true,
      labels: { tier: 'db' },
      annotations: { 'cdi.kubevirt.io/storage.bind.immediate.requested': 'true' },
    });
    const [dv] = synthValid(chart);
    expect(dv.metadata).toEqual({ name: 'data', namespace: 'vms', labels: { tier: 'db' }, annotations: { 'cdi.kubevirt.io/storage.bind.immediate.requested': 'true' } });
    expect(dv.spec).toEqual({
      source: { blank: {} },
      pvc: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '1536Mi' } }, storageClassName: 'ceph-block', volumeMode: 'Block' },
      contentType: 'kubevirt',
      preallocation: true,
    });
  });

  test('pvc API defaults to ReadWriteOnce; clone sources get the namespace and need no size with the storage API', () => {
    const chart = newChart();
    new DataVolume(chart, 'a', { source: DiskSource.blank(), size: Size.gibibytes(1), usePvcApi: true });
    new DataVolume(chart, 'b', { source: DiskSource.pvcClone('golden') });
    new DataVolume(chart, 'c', { source: DiskSource.upload(), size: Size.gibibytes(2), contentType: DataVolumeContentType.ARCHIVE });
    const [a, b, c] = synthValid(chart);
    expect(a.spec.pvc.accessModes).toEqual(['ReadWriteOnce']);
    expect(b.spec).toEqual({ source: { pvc: { name: 'golden', namespace: 'vms' } }, storage: {} });
    expect(c.spec.contentType).toBe('archive');
  });

  test('two machines attach one DataVolume by name', () => {
    const chart = newChart();
    const shared = new DataVolume(chart, 'shared', {
      source: DiskSource.blank(), size: Size.gibibytes(10), accessModes: [AccessMode.READ_WRITE_MANY], volumeMode: VolumeMode.BLOCK,
    });
    for (const name of ['a', 'b']) {
      new Machine(chart, name, { disks: new DiskSet().addDisk('shared', { source: DiskSource.dataVolume(shared) }) });
    }
    const vms = synthValid(chart).filter(o => o.kind === 'VirtualMachine');
    for (const vm of vms) {
      expect(vm.spec.template.spec.volumes).toContainEqual({ name: 'shared', dataVolume: { name: 'shared' } });
      expect(vm.spec.dataVolumeTemplates.map((t: any) => t.metadata.name)).toEqual([`${vm.metadata.name}-root`]);
    }
  });

  test('fails when a standalone DataVolume takes the name of a machine disk\'s DataVolume', () => {
    const chart = newChart();
    new DataVolume(chart, 'web-root', { source: DiskSource.blank(), size: Size.gibibytes(1) });
    new Machine(chart, 'web');
    expect(() => synthValid(chart)).toThrow(
      "Machine 'test/web': spec.dataVolumeTemplates[0].metadata.name would create the DataVolume/PVC 'web-root' in namespace 'vms', which DataVolume 'test/web-root' creates too");
  });

  test('fails when a machine attaches a DataVolume of another namespace', () => {
    const chart = newChart();
    const dv = new DataVolume(chart, 'dv', { source: DiskSource.blank(), size: Size.gibibytes(1), namespace: 'other' });
    expect(() => new Machine(chart, 'web', { disks: new DiskSet().addDisk('d', { source: DiskSource.dataVolume(dv) }) })).toThrow(
      "Machine 'test/web': disks 'd'.source refers to DataVolume 'dv', which is in namespace 'other': got \"vms\"; a machine in the same namespace: a VM can only use volumes of its own namespace");
  });

  test('fails when an archive DataVolume is attached as a disk', () => {
    const chart = newChart();
    const dv = new DataVolume(chart, 'dv', { source: DiskSource.upload(), size: Size.gibibytes(1), contentType: DataVolumeContentType.ARCHIVE });
    expect(() => DiskSource.dataVolume(dv)).toThrow(
      'DiskSource.dataVolume: dataVolume holds an archive, not a disk image: got "dv"; a DataVolume with contentType kubevirt');
  });

  test('fails when the size is missing for an import', () => {
    expect(() => new DataVolume(newChart(), 'dv', { source: DiskSource.blank() })).toThrow(
      "DataVolume 'test/dv': size is required for a blank source with the storage API: got undefined; a Size of at least 1Mi; only clones, snapshots and DataSources with the storage API may leave it out (cdi-storage-size)");
    expect(() => new DataVolume(newChart(), 'dv', { source: DiskSource.pvcClone('g'), usePvcApi: true })).toThrow(
      "DataVolume 'test/dv': size is required for a pvcClone source with the pvc API");
  });

  test('fails when the size is below 1Mi', () => {
    expect(() => new DataVolume(newChart(), 'dv', { source: DiskSource.blank(), size: Size.kibibytes(512) })).toThrow(
      "DataVolume 'test/dv': size must be a whole number of kibibytes, at least 1Mi: got \"512Ki\"; a Size of at least 1Mi (cdi-storage-size)");
  });

  test('fails when the pvc API gets more than one access mode', () => {
    expect(() => new DataVolume(newChart(), 'dv', { source: DiskSource.blank(), size: Size.gibibytes(1), usePvcApi: true, accessModes: [AccessMode.READ_WRITE_ONCE, AccessMode.READ_WRITE_MANY] })).toThrow(
      "DataVolume 'test/dv': accessModes lists more than one mode with the pvc API: got [\"ReadWriteOnce\",\"ReadWriteMany\"]; exactly one access mode with usePvcApi (CDI validateDataVolumeSpec) (cdi-pvc-access-modes)");
  });

  test('fails when a blank or registry source is an archive', () => {
    expect(() => new DataVolume(newChart(), 'dv', { source: DiskSource.blank(), size: Size.gibibytes(1), contentType: DataVolumeContentType.ARCHIVE })).toThrow(
      "DataVolume 'test/dv': contentType cannot be archive for a blank source: got \"archive\"; DataVolumeContentType.KUBEVIRT or unset (CDI validateBlankSource/validateRegistrySource) (cdi-content-type)");
  });

  test('fails when the source creates no storage', () => {
    expect(() => new DataVolume(newChart(), 'dv', { source: DiskSource.existingPvc('x') })).toThrow(
      "DataVolume 'test/dv': source creates no storage: got \"existingPvc\"");
  });

  test('fails when a clone source has no namespace to fall back on', () => {
    expect(() => new DataVolume(new Chart(new App(), 'test'), 'dv', { source: DiskSource.volumeSnapshot('s') })).toThrow(
      "DataVolume 'test/dv': source needs a namespace: CDI requires one for clone and snapshot sources: got \"volumeSnapshot\"");
  });

  test('fails when the name is not a Kubernetes name', () => {
    expect(() => new DataVolume(newChart(), 'Bad', { source: DiskSource.blank(), size: Size.gibibytes(1) })).toThrow(
      "DataVolume 'test/Bad': name (from the construct id) must be a Kubernetes object name: got \"Bad\"");
  });
});

describe('DiskSet claimName and rootName', () => {
  test('a disk chooses its DataVolume name and the root disk its name in the VM', () => {
    const chart = newChart();
    new Machine(chart, 'web', {
      disks: new DiskSet({ rootName: 'system', root: { source: DiskSource.registry('quay.io/containerdisks/fedora:41'), claimName: 'web-system-disk' } })
        .addDisk('data', { size: Size.gibibytes(5) }),
    });
    const vm = synthValid(chart).find(o => o.kind === 'VirtualMachine');
    expect(vm.spec.dataVolumeTemplates.map((t: any) => t.metadata.name)).toEqual(['web-system-disk', 'web-data']);
    expect(vm.spec.dataVolumeTemplates[0].spec.storage).toEqual({ resources: { requests: { storage: '20Gi' } } });
    expect(vm.spec.template.spec.domain.devices.disks.slice(0, 2)).toEqual([{ name: 'system', disk: { bus: 'virtio' } }, { name: 'data', disk: { bus: 'virtio' } }]);
    expect(vm.spec.template.spec.volumes.slice(0, 2)).toEqual([{ name: 'system', dataVolume: { name: 'web-system-disk' } }, { name: 'data', dataVolume: { name: 'web-data' } }]);
  });

  test('fails when two machines share a DiskSet with a fixed claimName', () => {
    const chart = newChart();
    const disks = new DiskSet({ root: { claimName: 'fixed' } });
    new Machine(chart, 'a', { disks });
    new Machine(chart, 'b', { disks });
    expect(() => synthValid(chart)).toThrow("Machine 'test/b': spec.dataVolumeTemplates[0].metadata.name would create the DataVolume/PVC 'fixed' in namespace 'vms', which Machine 'test/a' creates too");
  });

  test('fails when claimName is set on a source that creates no storage, or is not a name', () => {
    expect(() => new DiskSet().addDisk('d', { source: DiskSource.existingPvc('x'), claimName: 'y' })).toThrow(
      "DiskSet disk 'd': claimName cannot be set for a existingPvc source, which creates no storage: got \"y\"; no claimName");
    expect(() => new DiskSet({ root: { claimName: 'Not_A_Name' } })).toThrow(
      "DiskSet disk 'root': claimName must be a Kubernetes object name: got \"Not_A_Name\"");
  });

  test('fails when rootName is not a DNS-1123 label', () => {
    expect(() => new DiskSet({ rootName: 'Root' })).toThrow('DiskSet: name must be a DNS-1123 label: got "Root"');
  });
});

describe('GoldenImage.diskSource() namespaces', () => {
  test('a golden image without a namespace serves a machine without one', () => {
    const chart = new Chart(new App(), 'test');
    const image = new GoldenImage(chart, 'fedora', { source: GoldenImageSource.pvc('fedora-golden', 'images') });
    new Machine(chart, 'web', { disks: new DiskSet({ root: { source: image.diskSource() } }) });
    const vm = synthValid(chart).find(o => o.kind === 'VirtualMachine');
    expect(vm.spec.dataVolumeTemplates[0].spec.sourceRef).toEqual({ kind: 'DataSource', name: 'fedora' });
  });

  test('fails when a machine with a namespace uses a golden image without one', () => {
    const chart = new Chart(new App(), 'test');
    const image = new GoldenImage(chart, 'fedora', { source: GoldenImageSource.pvc('fedora-golden', 'images') });
    expect(() => new Machine(chart, 'web', { namespace: 'vms', disks: new DiskSet({ root: { source: image.diskSource() } }) })).toThrow(
      "Machine 'test/web': disks 'root'.source refers to GoldenImage 'fedora', which is in no namespace: got \"vms\"; a machine in the same namespace: a VM can only use volumes of its own namespace");
  });
});
