// The CDI importers of DiskSource (src/storage/cdi-source-spec.ts): each source rendered, and checked as CDI v1.66 checks it.
import { Size } from 'cdk8s';
import { DataVolume, DiskSet, DiskSource } from '../../src';
import { synthValid } from '../support/conformance';
import { newChart, synthMachine } from '../support/synth';

function dvFor(source: DiskSource, size?: Size): any {
  const { vm } = synthMachine({ disks: new DiskSet({ root: { source, size } }) });
  return vm.spec.dataVolumeTemplates?.[0];
}

describe('DiskSource: every CDI v1.66 source, checked as CDI checks it', () => {
  const SHA256 = `sha256:${'a'.repeat(64)}`;

  test('http with extra headers and secret headers', () => {
    expect(dvFor(DiskSource.http('https://images.example.com/disk.qcow2', {
      extraHeaders: ['User-Agent: cdi'], secretExtraHeaders: ['auth-header'], secretRef: 'creds', certConfigMap: 'ca',
    })).spec.source).toEqual({
      http: { url: 'https://images.example.com/disk.qcow2', extraHeaders: ['User-Agent: cdi'], secretExtraHeaders: ['auth-header'], secretRef: 'creds', certConfigMap: 'ca' },
    });
  });

  test('a checksum works in a standalone DataVolume', () => {
    const chart = newChart();
    new DataVolume(chart, 'img', { source: DiskSource.http('https://images.example.com/disk.qcow2', { checksum: SHA256, insecureSkipVerify: true }), size: Size.gibibytes(1) });
    expect(synthValid(chart)[0].spec.source).toEqual({ http: { url: 'https://images.example.com/disk.qcow2', checksum: SHA256, insecureSkipVerify: true } });
  });

  test('fails when a machine disk uses a field KubeVirt v1.9 does not know in dataVolumeTemplates', () => {
    expect(() => new DiskSet({ root: { source: DiskSource.http('https://images.example.com/disk.qcow2', { checksum: SHA256 }) } })).toThrow(
      "DiskSet disk 'root': source sets checksum, which KubeVirt v1.9's dataVolumeTemplates schema does not have: got \"http\"; a standalone DataVolume attached with DiskSource.dataVolume(), or the source without that field");
  });

  test('registry keeps oci-archive:// and adds docker:// otherwise; certConfigMap and secretRef', () => {
    expect(dvFor(DiskSource.registry('oci-archive:///images/disk.tar', { certConfigMap: 'ca', secretRef: 'pull' })).spec.source)
      .toEqual({ registry: { url: 'oci-archive:///images/disk.tar', certConfigMap: 'ca', secretRef: 'pull' } });
  });

  test('gcs, imageio, vddk and upload', () => {
    expect(dvFor(DiskSource.gcs('gs://bucket/disk.qcow2', { secretRef: 'gcs-key' })).spec.source)
      .toEqual({ gcs: { url: 'gs://bucket/disk.qcow2', secretRef: 'gcs-key' } });
    expect(dvFor(DiskSource.imageio('https://engine.example.com/ovirt-engine/api', { secretRef: 'engine', diskId: 'd-1', certConfigMap: 'engine-ca' })).spec.source)
      .toEqual({ imageio: { url: 'https://engine.example.com/ovirt-engine/api', diskId: 'd-1', secretRef: 'engine', certConfigMap: 'engine-ca' } });
    expect(dvFor(DiskSource.vddk('https://vcenter.example.com/sdk', {
      secretRef: 'vsphere', uuid: '52260566-b032-36cb-55b1-79bf29e30490', backingFile: '[iSCSI] vm/vm_1.vmdk', thumbprint: '20:6C:8A:5D', initImageUrl: 'quay.io/example/vddk:8',
    })).spec.source).toEqual({
      vddk: { url: 'https://vcenter.example.com/sdk', uuid: '52260566-b032-36cb-55b1-79bf29e30490', backingFile: '[iSCSI] vm/vm_1.vmdk', thumbprint: '20:6C:8A:5D', secretRef: 'vsphere', initImageURL: 'quay.io/example/vddk:8' },
    });
    expect(dvFor(DiskSource.upload(), Size.gibibytes(10)).spec.source).toEqual({ upload: {} });
  });

  test('fails when an s3 URL uses the s3:// scheme, which CDI rejects', () => {
    expect(() => DiskSource.s3('s3://bucket/disk.qcow2')).toThrow(
      'DiskSource.s3: url must be a valid URL: got "s3://bucket/disk.qcow2"; an http://, https:// or gs:// URL with a host and no whitespace (CDI validateSourceURL) (cdi-source-url)');
  });

  test('fails when a URL has no host or contains whitespace', () => {
    expect(() => DiskSource.gcs('gs://')).toThrow('DiskSource.gcs: url must be a valid URL: got "gs://"');
    expect(() => DiskSource.http('https://example.com/a b.img')).toThrow('DiskSource.http: url must be a valid URL: got "https://example.com/a b.img"');
  });

  test('fails when a registry URL has another scheme', () => {
    expect(() => DiskSource.registry('https://quay.io/x')).toThrow(
      'DiskSource.registry: url must be an image reference: got "https://quay.io/x"; an image reference such as quay.io/containerdisks/fedora:41; the scheme, if given, docker:// or oci-archive:// (cdi-registry-url)');
  });

  test('fails when a checksum is malformed', () => {
    expect(() => DiskSource.http('https://e.example/x.img', { checksum: 'sha256:abc' })).toThrow(
      "DiskSource.http: checksum must be algorithm:hash: got \"sha256:abc\"; md5, sha1, sha256 or sha512, a colon, and the hash in hex of the algorithm's length, e.g. sha256:<64 hex digits> (cdi-checksum)");
  });

  test('fails when an extra header is not a header line', () => {
    expect(() => DiskSource.http('https://e.example/x.img', { extraHeaders: ['no colon'] })).toThrow(
      "DiskSource.http: extraHeaders[0] must be an HTTP header line: got \"no colon\"; 'Name: value' on one line");
  });

  test('fails when an imageio source has neither certConfigMap nor insecureSkipVerify', () => {
    expect(() => DiskSource.imageio('https://engine.example.com/api', { secretRef: 'engine', diskId: 'd-1' })).toThrow(
      'DiskSource.imageio: certConfigMap is required unless insecureSkipVerify is true: got undefined; a ConfigMap name with the engine CA, or insecureSkipVerify: true (cdi-imageio-source)');
    expect(DiskSource.imageio('https://engine.example.com/api', { secretRef: 'engine', diskId: 'd-1', insecureSkipVerify: true }).type).toBe('imageio');
  });

  test('fails when a vddk source misses a field CDI requires', () => {
    expect(() => DiskSource.vddk('https://vcenter.example.com/sdk', { secretRef: 'v', uuid: 'u', backingFile: '', thumbprint: 't' })).toThrow(
      'DiskSource.vddk: backingFile is required: got ""; CDI requires secretRef, uuid, backingFile and thumbprint (cdi-vddk-source)');
  });

  test('fails when a data disk from an upload has no size', () => {
    expect(() => new DiskSet().addDisk('data', { source: DiskSource.upload() })).toThrow(
      "DiskSet disk 'data': size is required for a upload source: got undefined; a Size, e.g. Size.gibibytes(100)");
  });
});
