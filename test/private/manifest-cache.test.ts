import { ApiObject, App, Chart, JsonPatch, Size } from 'cdk8s';
import * as YAML from 'yaml';
import { AccessCredential, CloudInit, DiskSet, Machine, Network, SshPropagation } from '../../src';

/** Synthesizes the app and returns the VM named `name`, without leaving the current synchronous run. */
function vmOf(app: App, name = 'web'): any {
  return YAML.parseAllDocuments(app.synthYaml()).map(d => d.toJS()).find(o => o.kind === 'VirtualMachine' && o.metadata.name === name);
}

describe('kept manifests (one synthesis)', () => {
  test('every change made between two syntheses in the same tick shows up in the second', () => {
    const app = new App();
    const chart = new Chart(app, 'c', { namespace: 'vms' });
    const disks = new DiskSet();
    const other = new Machine(chart, 'db');
    const m = new Machine(chart, 'web', { disks, cloudInit: CloudInit.fromConfig({ hostname: 'web' }) });
    const before = vmOf(app);
    expect(before.spec.template.spec.networks).toEqual([{ name: 'default', pod: {} }]);

    m.addNetwork(Network.multus('lan'));
    // A DiskSet a machine uses is frozen (issue: what is checked is what is emitted).
    expect(() => disks.addDisk('data', { size: Size.gibibytes(1) })).toThrow(/cannot change a DiskSet that Machine 'c\/web' already uses/);
    m.addAccessCredential(AccessCredential.sshFromSecret('keys', { propagation: SshPropagation.NO_CLOUD }));
    m.scheduling.separate(other);
    m.apiObject.metadata.addLabel('tier', 'web');
    ApiObject.of(m).addJsonPatch(JsonPatch.add('/spec/template/spec/domain/devices/autoattachGraphicsDevice', false));
    const after = vmOf(app);

    expect(after.spec.template.spec.networks.map((n: any) => n.name)).toEqual(['default', 'lan']);
    expect(after.spec.dataVolumeTemplates.map((d: any) => d.metadata.name)).toEqual(['web-root']);
    expect(after.spec.template.spec.accessCredentials).toHaveLength(1);
    expect(after.spec.template.spec.affinity.podAntiAffinity).toBeDefined();
    expect(after.metadata.labels.tier).toBe('web');
    expect(after.spec.template.spec.domain.devices.autoattachGraphicsDevice).toBe(false);
  });

  test('fails when a patch made after a clean synthesis breaks a rule (rules run again)', () => {
    const app = new App();
    const chart = new Chart(app, 'c', { namespace: 'vms' });
    const m = new Machine(chart, 'web');
    expect(vmOf(app).spec.runStrategy).toBe('Always');
    ApiObject.of(m).addJsonPatch(JsonPatch.replace('/spec/runStrategy', 'Sometimes'));
    expect(() => app.synthYaml()).toThrow(/Machine 'c\/web': spec\.runStrategy/);
  });

  test('the same output with many charts as with one (each chart validates the whole app)', () => {
    const many = new App();
    for (let i = 0; i < 20; i++) new Machine(new Chart(many, `c${i}`, { namespace: 'vms' }), `vm-${i}`);
    const one = new App();
    const chart = new Chart(one, 'c', { namespace: 'vms' });
    for (let i = 0; i < 20; i++) new Machine(chart, `vm-${i}`);
    expect(many.synthYaml()).toBe(one.synthYaml());
  });
});
