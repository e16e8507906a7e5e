import { App, Chart, Duration, Size } from 'cdk8s';
import { DiskSet, DiskSource, EvictionStrategy, Ignition, Machine, MachineTemplate, MigrationPolicy } from 'cdk8s-kubevirt';

const app = new App();
const chart = new Chart(app, 'migration-policy', { namespace: 'vms' });

// NovaCron's live-migration policy: bandwidth "10Gbps" is 1.25 GB/s; KubeVirt wants bytes per
// second, so 1192Mi (10 Gbit/s rounded down to whole MiB).
const policy = new MigrationPolicy(chart, 'novacron-live', {
  bandwidthPerMigration: Size.mebibytes(1192),
  allowAutoConverge: true,
  allowPostCopy: false,
  completionTimeoutPerGiB: Duration.seconds(150),
  namespaceSelector: { 'kubernetes.io/metadata.name': 'vms' },
});

// A Fedora CoreOS machine configured by Ignition (on a config drive), following the policy.
const coreos = new Machine(chart, 'coreos', {
  template: MachineTemplate.MEDIUM,
  evictionStrategy: EvictionStrategy.LIVE_MIGRATE,
  disks: new DiskSet({ root: { source: DiskSource.registry('quay.io/containerdisks/fedora-coreos:stable') } }),
  cloudInit: Ignition.fromConfig({
    ignition: { version: '3.4.0' },
    passwd: { users: [{ name: 'core', sshAuthorizedKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGV4YW1wbGUta2V5LW9ubHktZm9yLWRvY3MtMDAwMDAwMDA core@example.com'] }] },
  }).toCloudInit(),
});
policy.applyTo(coreos);
app.synth();
