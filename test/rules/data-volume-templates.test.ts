import { messages, validVm } from './fixtures';
import { expectConformant } from '../support/conformance';

/** A valid VM whose root disk comes from a DataVolume template. */
function vmWithDv(): any {
  const vm = validVm();
  vm.spec.dataVolumeTemplates = [{
    metadata: { name: 'web-root' },
    spec: {
      storage: { resources: { requests: { storage: '10Gi' } } },
      source: { registry: { url: 'docker://quay.io/containerdisks/fedora:41' } },
    },
  }];
  vm.spec.template.spec.volumes[0] = { name: 'root', dataVolume: { name: 'web-root' } };
  return vm;
}

describe('dataVolumeTemplates rules', () => {
  test('the base fixture is valid', () => {
    expectConformant([vmWithDv()]);
    expect(messages(vmWithDv())).toEqual([]);
  });

  test('accepts a sourceRef, a pvc dataSourceRef, and a PVC volume reference', () => {
    const vm = vmWithDv();
    vm.spec.dataVolumeTemplates[0].spec = {
      pvc: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, dataSourceRef: { kind: 'VolumeSnapshot', name: 's' } },
    };
    vm.spec.template.spec.volumes[0] = { name: 'root', persistentVolumeClaim: { claimName: 'web-root' } };
    expect(messages(vm)).toEqual([]);
    vm.spec.dataVolumeTemplates[0].spec = { storage: {}, sourceRef: { kind: 'DataSource', name: 'fedora' } };
    expect(messages(vm)).toEqual([]);
  });

  test('fails when a template has no name (dv-template-name)', () => {
    const vm = vmWithDv();
    delete vm.spec.dataVolumeTemplates[0].metadata.name;
    vm.spec.template.spec.volumes[0] = { name: 'root', containerDisk: { image: 'x' } };
    expect(messages(vm)).toEqual([
      'spec.dataVolumeTemplates[0].metadata.name must be set: got undefined; '
      + "a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', at most 253 characters (dv-template-name)",
    ]);
  });

  test('fails when a template name is not a DNS-1123 subdomain (dv-template-name)', () => {
    const vm = vmWithDv();
    vm.spec.dataVolumeTemplates[0].metadata.name = 'Web_Root';
    vm.spec.template.spec.volumes[0].dataVolume.name = 'Web_Root';
    expect(messages(vm)).toEqual([
      'spec.dataVolumeTemplates[0].metadata.name must be a DNS-1123 subdomain: got "Web_Root"; '
      + "a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', at most 253 characters (dv-template-name)",
    ]);
  });

  test('fails when a template sets both pvc and storage (dv-template-pvc-or-storage)', () => {
    const vm = vmWithDv();
    vm.spec.dataVolumeTemplates[0].spec.pvc = { accessModes: ['ReadWriteOnce'] };
    expect(messages(vm)).toEqual([
      'spec.dataVolumeTemplates[0].spec must set exactly one of pvc or storage: got ["pvc","storage"]; exactly one of pvc, storage (storage is preferred) (dv-template-pvc-or-storage)',
    ]);
  });

  test('fails when a template has no source (dv-template-source)', () => {
    const vm = vmWithDv();
    delete vm.spec.dataVolumeTemplates[0].spec.source;
    expect(messages(vm)).toEqual([
      'spec.dataVolumeTemplates[0].spec must set a source: got []; exactly one of source, sourceRef, pvc/storage dataSource or dataSourceRef (dv-template-source)',
    ]);
  });

  test('fails when source is combined with dataSourceRef (dv-template-source)', () => {
    const vm = vmWithDv();
    vm.spec.dataVolumeTemplates[0].spec.storage.dataSourceRef = { kind: 'VolumeSnapshot', name: 's' };
    expect(messages(vm)).toEqual([
      'spec.dataVolumeTemplates[0].spec must set only one of source, sourceRef, dataSource or dataSourceRef: got ["source","storage.dataSourceRef"]; '
      + 'exactly one of source, sourceRef, pvc/storage dataSource or dataSourceRef (dv-template-source)',
    ]);
  });

  test('fails when source has two types (dv-template-source)', () => {
    const vm = vmWithDv();
    vm.spec.dataVolumeTemplates[0].spec.source.blank = {};
    expect(messages(vm)).toEqual([
      'spec.dataVolumeTemplates[0].spec.source must set exactly one source type: got ["registry","blank"]; '
      + 'exactly one of http, s3, gcs, registry, pvc, upload, blank, imageio, vddk, snapshot (dv-template-source)',
    ]);
  });

  test('fails when no volume references a template (dv-template-referenced)', () => {
    const vm = vmWithDv();
    vm.spec.template.spec.volumes[0] = { name: 'root', containerDisk: { image: 'x' } };
    expect(messages(vm)).toEqual([
      'spec.dataVolumeTemplates[0].metadata.name must be referenced by a volume: got "web-root"; '
      + "a name used by a volume's dataVolume.name or persistentVolumeClaim.claimName (dv-template-referenced)",
    ]);
  });

  test('fails when a template is in another namespace (dv-template-namespace)', () => {
    const vm = vmWithDv();
    vm.spec.dataVolumeTemplates[0].metadata.namespace = 'other';
    expect(messages(vm)).toEqual([
      'spec.dataVolumeTemplates[0].metadata.namespace must equal the VM\'s namespace: got "other"; "apps", or unset (dv-template-namespace)',
    ]);
  });
});
