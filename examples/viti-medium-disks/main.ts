import { App, Chart, Size } from 'cdk8s';
import { DiskSet, Machine, MachineTemplate } from 'cdk8s-kubevirt';

const app = new App();
const chart = new Chart(app, 'viti-medium-disks', { namespace: 'default' });
new Machine(chart, 'example-vm-storage', {
  template: MachineTemplate.MEDIUM,
  disks: new DiskSet()
    .addDisk('data-disk', { size: Size.gibibytes(10), storageClass: 'fast-ssd' })
    .addDisk('backup-disk', { size: Size.gibibytes(50), storageClass: 'standard' }),
  labels: { 'vitistack.io/machine': 'example-vm-storage' },
});
app.synth();
