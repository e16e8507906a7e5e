import { App, Chart, Duration, Size } from 'cdk8s';
import { CloudInit, DiskSet, DiskSource, EvictionStrategy, Machine, MachineTemplate, Network, Probe } from 'cdk8s-kubevirt';

const app = new App();
const chart = new Chart(app, 'kube-dc-ubuntu', { namespace: 'demo' });
new Machine(chart, 'ubuntu-vm', {
  template: MachineTemplate.custom({ name: 'ubuntu', cpu: { cores: 2 }, memory: Size.gibibytes(4) }),
  disks: new DiskSet({
    root: { source: DiskSource.http('https://cloud-images.ubuntu.com/noble/current/noble-server-cloudimg-amd64.img'), size: Size.gibibytes(20) },
  }),
  networks: [Network.multus('default/ovn-demo', { name: 'vpc-net-0', defaultNetwork: true })],
  readinessProbe: Probe.guestAgentPing({ failureThreshold: 10, initialDelay: Duration.seconds(20), period: Duration.seconds(10) }),
  evictionStrategy: EvictionStrategy.LIVE_MIGRATE,
  cloudInit: CloudInit.fromConfig({
    users: [{ name: 'ubuntu', sudo: 'ALL=(ALL) NOPASSWD:ALL', sshAuthorizedKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGV4YW1wbGUta2V5LW9ubHktZm9yLWRvY3MtMDAwMDAwMDA admin@example.com'] }],
    packageUpdate: true,
    packageUpgrade: true,
    packages: ['qemu-guest-agent'],
    runcmd: ['systemctl start qemu-guest-agent'],
  }),
});
app.synth();
