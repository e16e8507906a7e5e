import { App, Chart, Cron, Size } from 'cdk8s';
import { DiskSet, Machine, RegistryPullMethod } from '../../src';
import { GoldenImage, GoldenImageSource, ImportGarbageCollection, ImportRetentionPolicy } from '../../src/storage/golden-image';
import { synthValid } from '../support/conformance';
import { newChart } from '../support/synth';

const NIGHTLY = Cron.schedule({ minute: '0', hour: '3' });

function byKind(all: any[], kind: string): any[] {
  return all.filter(o => o.kind === kind);
}

describe('GoldenImage', () => {
  test('registry import: a DataImportCron managing a DataSource of the same name', () => {
    // GIVEN
    const chart = newChart('os-images');
    // WHEN
    const image = new GoldenImage(chart, 'fedora', {
      labels: { 'instancetype.kubevirt.io/default-instancetype': 'u1.medium' },
      source: GoldenImageSource.registryImport('quay.io/containerdisks/fedora:41', {
        schedule: NIGHTLY,
        size: Size.gibibytes(10),
        storageClass: 'ceph-block',
        pullMethod: RegistryPullMethod.NODE,
        secretRef: 'quay-creds',
        certConfigMap: 'quay-ca',
        garbageCollect: ImportGarbageCollection.OUTDATED,
        importsToKeep: 2,
        retentionPolicy: ImportRetentionPolicy.NONE,
      }),
    });
    // THEN
    const all = synthValid(chart);
    expect(byKind(all, 'DataImportCron')).toEqual([{
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataImportCron',
      metadata: { name: 'fedora', namespace: 'os-images', labels: { 'instancetype.kubevirt.io/default-instancetype': 'u1.medium' } },
      spec: {
        managedDataSource: 'fedora',
        schedule: '0 3 * * *',
        garbageCollect: 'Outdated',
        importsToKeep: 2,
        retentionPolicy: 'None',
        template: {
          spec: {
            source: { registry: { url: 'docker://quay.io/containerdisks/fedora:41', pullMethod: 'node', secretRef: 'quay-creds', certConfigMap: 'quay-ca' } },
            storage: { resources: { requests: { storage: '10Gi' } }, storageClassName: 'ceph-block' },
          },
        },
      },
    }]);
    // The DataSource is left for CDI to point at the latest import: empty source, and the label CDI
    // requires (equal to the cron's name) before it updates a DataSource it did not create.
    expect(byKind(all, 'DataSource')).toEqual([{
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataSource',
      metadata: {
        name: 'fedora',
        namespace: 'os-images',
        labels: { 'cdi.kubevirt.io/dataImportCron': 'fedora', 'instancetype.kubevirt.io/default-instancetype': 'u1.medium' },
      },
      spec: { source: {} },
    }]);
    expect(image.dataImportCron).toBeDefined();
  });

  test('registry import keeps a docker:// URL as given and emits only what is set', () => {
    const chart = newChart();
    new GoldenImage(chart, 'cirros', { source: GoldenImageSource.registryImport('docker://quay.io/kubevirt/cirros-container-disk-demo:latest', { schedule: Cron.daily(), size: Size.mebibytes(512) }) });
    expect(byKind(synthValid(chart), 'DataImportCron')[0].spec).toEqual({
      managedDataSource: 'cirros',
      schedule: '0 0 * * *',
      template: { spec: { source: { registry: { url: 'docker://quay.io/kubevirt/cirros-container-disk-demo:latest' } }, storage: { resources: { requests: { storage: '512Mi' } } } } },
    });
  });

  test('existing PVC or VolumeSnapshot: only a DataSource, in the image namespace unless the source names one', () => {
    const chart = newChart('os-images');
    const pvc = new GoldenImage(chart, 'centos', { source: GoldenImageSource.pvc('centos-stream9') });
    new GoldenImage(chart, 'win', { name: 'windows-2022', source: GoldenImageSource.volumeSnapshot('win2022-golden', 'win-images') });
    const all = synthValid(chart);
    expect(byKind(all, 'DataImportCron')).toEqual([]);
    expect(pvc.dataImportCron).toBeUndefined();
    expect(byKind(all, 'DataSource').map(d => [d.metadata, d.spec])).toEqual([
      [{ name: 'centos', namespace: 'os-images' }, { source: { pvc: { name: 'centos-stream9', namespace: 'os-images' } } }],
      [{ name: 'windows-2022', namespace: 'os-images' }, { source: { snapshot: { name: 'win2022-golden', namespace: 'win-images' } } }],
    ]);
  });

  test('DiskSets take the golden image directly, through diskSource()', () => {
    const app = new App();
    const images = new Chart(app, 'images', { namespace: 'os-images' });
    const vms = new Chart(app, 'vms', { namespace: 'vms' });
    const fedora = new GoldenImage(images, 'fedora', { source: GoldenImageSource.registryImport('quay.io/containerdisks/fedora:41', { schedule: NIGHTLY, size: Size.gibibytes(10) }) });
    new Machine(vms, 'web', { disks: new DiskSet({ root: { source: fedora.diskSource() } }) });
    const vm = synthValid(vms).find(o => o.kind === 'VirtualMachine');
    expect(vm.spec.dataVolumeTemplates[0].spec.sourceRef).toEqual({ kind: 'DataSource', name: 'fedora', namespace: 'os-images' });
  });

  test('snapshot', () => {
    const chart = new Chart(new App(), 'snap', { namespace: 'os-images' });
    new GoldenImage(chart, 'fedora', { source: GoldenImageSource.registryImport('quay.io/containerdisks/fedora:41', { schedule: NIGHTLY, size: Size.gibibytes(10), importsToKeep: 3 }) });
    new GoldenImage(chart, 'centos', { source: GoldenImageSource.pvc('centos-stream9') });
    expect(synthValid(chart)).toMatchSnapshot();
  });

  test('fails when the schedule does not have five fields', () => {
    expect(() => GoldenImageSource.registryImport('quay.io/containerdisks/fedora:41', { schedule: Cron.schedule({ minute: '0 3' }), size: Size.gibibytes(10) })).toThrow(
      "GoldenImageSource.registryImport: schedule must be a cron schedule as Kubernetes parses it (it has 6 fields, not 5): got \"0 3 * * * *\"; five fields (minute 0-59, hour 0-23, day-of-month 1-31, month 1-12 or jan-dec, day-of-week 0-6 or sun-sat) of '*', '?', numbers, ranges a-b, steps /n and lists, or one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly, @every <duration>, e.g. Cron.schedule({ minute: '0', hour: '3' }) (cron-schedule)");
  });

  test('fails when the image is not an image reference', () => {
    expect(() => GoldenImageSource.registryImport('quay.io/containerdisks/fedora 41', { schedule: NIGHTLY, size: Size.gibibytes(10) })).toThrow(
      'GoldenImageSource.registryImport: image must be an image reference: got "quay.io/containerdisks/fedora 41"; e.g. quay.io/containerdisks/fedora:41');
  });

  test('fails when the size is not whole', () => {
    expect(() => GoldenImageSource.registryImport('quay.io/containerdisks/fedora:41', { schedule: NIGHTLY, size: Size.kibibytes(0.5) })).toThrow(
      'GoldenImageSource.registryImport: size must be a positive whole number of kibibytes: got "0.5Ki"; a positive whole number of kibibytes, e.g. Size.gibibytes(20)');
  });

  test('fails when importsToKeep is below 1 or set with garbageCollect Never', () => {
    expect(() => GoldenImageSource.registryImport('quay.io/containerdisks/fedora:41', { schedule: NIGHTLY, size: Size.gibibytes(10), importsToKeep: 0 })).toThrow(
      'GoldenImageSource.registryImport: importsToKeep must be a whole number of at least 1: got 0; e.g. 3');
    expect(() => GoldenImageSource.registryImport('quay.io/containerdisks/fedora:41', {
      schedule: NIGHTLY, size: Size.gibibytes(10), importsToKeep: 2, garbageCollect: ImportGarbageCollection.NEVER,
    })).toThrow('GoldenImageSource.registryImport: importsToKeep has no effect when garbageCollect is Never: got 2; leave importsToKeep out, or use ImportGarbageCollection.OUTDATED');
  });

  test('fails when a storage class, secret or ConfigMap name is invalid', () => {
    expect(() => GoldenImageSource.registryImport('quay.io/x/y:1', { schedule: NIGHTLY, size: Size.gibibytes(1), storageClass: 'Fast SSD' })).toThrow(
      "GoldenImageSource.registryImport: storageClass must be a storage class name: got \"Fast SSD\"; a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', at most 253 characters");
    expect(() => GoldenImageSource.registryImport('quay.io/x/y:1', { schedule: NIGHTLY, size: Size.gibibytes(1), secretRef: 'Creds' })).toThrow(
      "GoldenImageSource.registryImport: secretRef must be a Kubernetes object name: got \"Creds\"; a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', at most 253 characters");
  });

  test('fails when a PVC or snapshot reference is invalid', () => {
    expect(() => GoldenImageSource.pvc('Centos')).toThrow(
      "GoldenImageSource.pvc: name must be a Kubernetes object name: got \"Centos\"; a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', at most 253 characters");
    expect(() => GoldenImageSource.volumeSnapshot('win', 'Win.Images')).toThrow(
      "GoldenImageSource.volumeSnapshot: namespace must be a namespace name: got \"Win.Images\"; a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters");
  });

  test('fails when the name is not an object name', () => {
    expect(() => new GoldenImage(newChart(), 'Fedora', { source: GoldenImageSource.pvc('f') })).toThrow(
      "GoldenImage 'test/Fedora': name (from the construct id) must be a Kubernetes object name: got \"Fedora\"; a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', at most 253 characters; set props.name when the construct id is not one");
  });

  test('fails when the namespace is not a namespace name', () => {
    expect(() => new GoldenImage(newChart(), 'fedora', { namespace: 'OS', source: GoldenImageSource.pvc('f') })).toThrow(
      "GoldenImage 'test/fedora': namespace must be a namespace name: got \"OS\"; a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters");
  });

  test('fails when a PVC source has no namespace anywhere', () => {
    expect(() => new GoldenImage(new Chart(new App(), 'bare'), 'centos', { source: GoldenImageSource.pvc('centos-stream9') })).toThrow(
      "GoldenImage 'bare/centos': source needs a namespace: got \"pvc\"; give the golden image a namespace (props or chart), or the source one: the DataSource schema requires it");
  });
});
