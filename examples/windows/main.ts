import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { DiskSet, DiskSource, InterfaceModel, Machine, MachineTemplate, Network, RunStrategy, Sysprep } from 'cdk8s-kubevirt';

// A Windows Server 2022 VM the way upstream's Windows preference and templates set one up
// (kubevirt/common-instancetypes preferences/windows, kubevirt/common-templates windows*.tpl.yaml):
// EFI + secure boot + SMM, a persistent TPM, Hyper-V enlightenments with the Windows clock timers,
// a USB tablet, the root disk on sata and the NIC with the e1000e model, which Windows drives
// without the virtio drivers.
const app = new App();
const chart = new Chart(app, 'windows', { namespace: 'vms' });

// The answer file for Windows setup. It holds no password: set one afterwards through the guest
// agent, or keep the answer file in a Secret managed outside Git (Sysprep.fromSecret).
new kplus.ConfigMap(chart, 'Unattend', {
  metadata: { name: 'win2k22-unattend' },
  data: {
    'autounattend.xml': [
      '<?xml version="1.0" encoding="utf-8"?>',
      '<unattend xmlns="urn:schemas-microsoft-com:unattend">',
      '  <settings pass="oobeSystem">',
      '    <component name="Microsoft-Windows-Shell-Setup" processorArchitecture="amd64" publicKeyToken="31bf3856ad364e35" language="neutral" versionScope="nonSxS">',
      '      <OOBE><HideEULAPage>true</HideEULAPage><SkipMachineOOBE>true</SkipMachineOOBE></OOBE>',
      '      <TimeZone>UTC</TimeZone>',
      '    </component>',
      '  </settings>',
      '</unattend>',
      '',
    ].join('\n'),
  },
});

new Machine(chart, 'win2k22', {
  template: MachineTemplate.windows({ cpu: { sockets: 2, cores: 2 } }),
  runStrategy: RunStrategy.HALTED,
  disks: new DiskSet({ root: { source: DiskSource.dataSource('win2k22', 'kubevirt-os-images') } }),
  // The pod NIC takes the template's model, e1000e; a second NIC can name another model explicitly.
  networks: [Network.pod(), Network.multus('vms/lab-bridge', { name: 'lab', model: InterfaceModel.E1000E })],
  sysprep: Sysprep.fromConfigMap('win2k22-unattend'),
});
app.synth();
