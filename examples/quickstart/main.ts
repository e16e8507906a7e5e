import { App, Chart, Size } from 'cdk8s';
import { CloudInit, DiskSet, DiskSource, Machine } from 'cdk8s-kubevirt';

const app = new App();
const chart = new Chart(app, 'quickstart', { namespace: 'vms' });
new Machine(chart, 'web', {
  cpu: { cores: 2 },
  memory: Size.gibibytes(4),
  disks: new DiskSet({ root: { source: DiskSource.registry('quay.io/containerdisks/fedora:41'), size: Size.gibibytes(30) } }),
  cloudInit: CloudInit.fromConfig({
    users: [{ name: 'admin', sudo: 'ALL=(ALL) NOPASSWD:ALL', sshAuthorizedKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGV4YW1wbGUta2V5LW9ubHktZm9yLWRvY3MtMDAwMDAwMDA admin@example.com'] }],
  }),
});
app.synth();
