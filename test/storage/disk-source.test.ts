import { Size } from 'cdk8s';
import { DiskSet, DiskSource, RegistryPullMethod } from '../../src';
import { synthMachine } from '../support/synth';

function dvFor(source: DiskSource, size?: Size): any {
  const { vm } = synthMachine({ disks: new DiskSet({ root: { source, size } }) });
  return vm.spec.dataVolumeTemplates?.[0];
}

describe('DiskSource', () => {
  test('blank', () => {
    expect(dvFor(DiskSource.blank()).spec.source).toEqual({ blank: {} });
  });

  test('http with secret and CA ConfigMap', () => {
    expect(dvFor(DiskSource.http('https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img', { secretRef: 'creds', certConfigMap: 'ca' })).spec.source)
      .toEqual({ http: { url: 'https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img', secretRef: 'creds', certConfigMap: 'ca' } });
  });

  test('registry adds docker:// and keeps the pull method', () => {
    expect(dvFor(DiskSource.registry('quay.io/containerdisks/fedora:41', { pullMethod: RegistryPullMethod.NODE })).spec.source)
      .toEqual({ registry: { url: 'docker://quay.io/containerdisks/fedora:41', pullMethod: 'node' } });
    expect(dvFor(DiskSource.registry('docker://quay.io/x/y:1')).spec.source).toEqual({ registry: { url: 'docker://quay.io/x/y:1' } });
  });

  test('s3', () => {
    expect(dvFor(DiskSource.s3('https://s3.example.com/bucket/disk.qcow2', { secretRef: 's3-creds' })).spec.source)
      .toEqual({ s3: { url: 'https://s3.example.com/bucket/disk.qcow2', secretRef: 's3-creds' } });
  });

  test('PVC clone, volume snapshot and DataSource (sizes inferred by CDI when not given)', () => {
    expect(dvFor(DiskSource.pvcClone('golden', 'images'), Size.gibibytes(30)).spec).toEqual({
      source: { pvc: { name: 'golden', namespace: 'images' } },
      storage: { resources: { requests: { storage: '30Gi' } } },
    });
    expect(dvFor(DiskSource.volumeSnapshot('snap-1')).spec.source).toEqual({ snapshot: { name: 'snap-1', namespace: 'vms' } });
    expect(dvFor(DiskSource.dataSource('fedora', 'kubevirt-os-images')).spec.sourceRef)
      .toEqual({ kind: 'DataSource', name: 'fedora', namespace: 'kubevirt-os-images' });
  });

  test('containerDisk and existing PVC create no DataVolume', () => {
    const { vm } = synthMachine({ disks: new DiskSet({ root: { source: DiskSource.containerDisk('quay.io/containerdisks/fedora:41') } }).addDisk('data', { source: DiskSource.existingPvc('shared-data') }) });
    expect(vm.spec.dataVolumeTemplates).toBeUndefined();
    expect(vm.spec.template.spec.volumes.slice(0, 2)).toEqual([
      { name: 'root', containerDisk: { image: 'quay.io/containerdisks/fedora:41' } },
      { name: 'data', persistentVolumeClaim: { claimName: 'shared-data' } },
    ]);
  });

  test('fails when a URL is not valid', () => {
    expect(() => DiskSource.http('ftp://example.com/x')).toThrow(
      'DiskSource.http: url must be a valid URL: got "ftp://example.com/x"; an http://, https:// or gs:// URL with a host and no whitespace (CDI validateSourceURL) (cdi-source-url)');
  });

  test('fails when a referenced object name is not a Kubernetes name', () => {
    expect(() => DiskSource.pvcClone('Golden')).toThrow(
      "DiskSource.pvcClone: name must be a Kubernetes object name: got \"Golden\"; a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', at most 253 characters");
    expect(() => DiskSource.dataSource('fedora', 'Bad_NS')).toThrow(
      'DiskSource.dataSource: namespace must be a namespace name: got "Bad_NS"; a DNS-1123 label');
  });

  test('fails when a containerDisk image has a scheme', () => {
    expect(() => DiskSource.containerDisk('docker://quay.io/x')).toThrow(
      'DiskSource.containerDisk: image must be a container image reference: got "docker://quay.io/x"; e.g. quay.io/containerdisks/fedora:41 (no scheme)');
  });
});
