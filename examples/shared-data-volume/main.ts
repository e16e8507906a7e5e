import { App, Chart, Size } from 'cdk8s';
import { AccessMode, DataVolume, DiskSet, DiskSource, Machine, MachineTemplate, VolumeMode } from 'cdk8s-kubevirt';

const app = new App();
const chart = new Chart(app, 'shared-data-volume', { namespace: 'vms' });

// One reference data set, imported once by CDI and read by two machines.
// ReadWriteMany: the two VMs' pods may run on different nodes (and live migration needs it too);
// CDI's importer writes it once, and the guests only read it (read-only disks: two guests writing one
// block device without a cluster filesystem would corrupt it).
const dataset = new DataVolume(chart, 'reference-data', {
  source: DiskSource.http('https://images.example.com/datasets/reference-2026.qcow2', {
    extraHeaders: ['User-Agent: cdk8s-kubevirt-example'],
    secretExtraHeaders: ['dataset-auth-header'],
  }),
  size: Size.gibibytes(50),
  accessModes: [AccessMode.READ_WRITE_MANY],
  volumeMode: VolumeMode.BLOCK,
  storageClass: 'ceph-block',
  preallocation: true,
});

for (const name of ['analytics-a', 'analytics-b']) {
  new Machine(chart, name, {
    template: MachineTemplate.MEDIUM,
    disks: new DiskSet({ rootName: 'system', root: { source: DiskSource.registry('quay.io/containerdisks/fedora:41') } })
      .addDisk('reference', { source: DiskSource.dataVolume(dataset), readOnly: true, serial: 'reference' }),
  });
}
app.synth();
