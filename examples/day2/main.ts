import { App, Chart, Duration } from 'cdk8s';
import { Machine, MachineClone, MachineExport, MachineRestore, MachineSnapshot, MachineTemplate, RunStrategy } from 'cdk8s-kubevirt';

const app = new App();
const chart = new Chart(app, 'day2', { namespace: 'vms' });

const db = new Machine(chart, 'db', { template: MachineTemplate.MEDIUM, runStrategy: RunStrategy.HALTED });

// A snapshot before an upgrade: VirtualMachineSnapshot `db-before-upgrade`.
const snapshot = new MachineSnapshot(chart, 'before-upgrade', { machine: db, failureDeadline: Duration.minutes(10) });

// Rolling back is one more object, committed for the sync that should restore: `db-rollback`.
new MachineRestore(chart, 'rollback', { machine: db, snapshot });

// A staging copy with its own MAC address and without the production labels: `db-staging-copy`.
new MachineClone(chart, 'staging-copy', {
  machine: db,
  targetName: 'db-staging',
  labelFilters: ['*', '!env'],
  templateLabelFilters: ['*', '!env'],
  newMacAddresses: { default: '52:54:00:10:00:02' },
});

// The volumes served for download for four hours: `db-export`.
new MachineExport(chart, 'export', { machine: db, ttl: Duration.hours(4) });
app.synth();
