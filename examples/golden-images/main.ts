import { App, Chart, Cron, Size } from 'cdk8s';
import { DiskSet, GoldenImage, GoldenImageSource, ImportGarbageCollection, Machine, MachineTemplate } from 'cdk8s-kubevirt';

const app = new App();

// Kube-DC's OS templates / virtrigaud's VMImage: golden images in a shared namespace.
const images = new Chart(app, 'os-images', { namespace: 'os-images' });
const fedora = new GoldenImage(images, 'fedora', {
  labels: { 'instancetype.kubevirt.io/default-preference': 'fedora' },
  source: GoldenImageSource.registryImport('quay.io/containerdisks/fedora:41', {
    schedule: Cron.schedule({ minute: '0', hour: '3' }),
    size: Size.gibibytes(10),
    garbageCollect: ImportGarbageCollection.OUTDATED,
    importsToKeep: 2,
  }),
});
// An image prepared by hand, kept in a PVC.
const ubuntu = new GoldenImage(images, 'ubuntu-22-04', { source: GoldenImageSource.pvc('ubuntu-22-04-base') });

// Machines clone their root disk from the golden images.
const vms = new Chart(app, 'golden-image-vms', { namespace: 'vms' });
new Machine(vms, 'fedora-vm', {
  template: MachineTemplate.SMALL,
  disks: new DiskSet({ root: { source: fedora.diskSource(), size: Size.gibibytes(20) } }),
});
new Machine(vms, 'ubuntu-vm', {
  template: MachineTemplate.MEDIUM,
  disks: new DiskSet({ root: { source: ubuntu.diskSource() } }),
});
app.synth();
