import { App, Chart } from 'cdk8s';
import { Firmware, Machine, MachineTemplate } from 'cdk8s-kubevirt';

const app = new App();
const chart = new Chart(app, 'viti-efi-secure-boot', { namespace: 'default' });
new Machine(chart, 'secure-vm', {
  template: MachineTemplate.MEDIUM,
  machineType: 'q35',
  features: { acpi: true, apic: true },
  firmware: Firmware.efi({ secureBoot: true }),
  labels: { 'vitistack.io/machine': 'secure-vm' },
});
app.synth();
