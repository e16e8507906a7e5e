import { App, Chart } from 'cdk8s';
import { CloudInit, Machine, MachineTemplate } from 'cdk8s-kubevirt';

const app = new App();
const chart = new Chart(app, 'viti-cloud-init', { namespace: 'default' });
new Machine(chart, 'cloud-init-vm', {
  template: MachineTemplate.LARGE,
  cloudInit: CloudInit.fromConfig({
    users: [{ name: 'admin', sudo: 'ALL=(ALL) NOPASSWD:ALL', sshAuthorizedKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGV4YW1wbGUta2V5LW9ubHktZm9yLWRvY3MtMDAwMDAwMDA admin@example.com'] }],
    packages: ['curl', 'vim'],
    runcmd: ['systemctl enable docker', 'systemctl start docker'],
  }),
  labels: { 'vitistack.io/machine': 'cloud-init-vm' },
});
app.synth();
