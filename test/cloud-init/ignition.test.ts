import { DiskSet, DiskSource, Ignition, Machine } from '../../src';
import { synthValid } from '../support/conformance';
import { newChart } from '../support/synth';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGV4YW1wbGUta2V5LW9ubHktZm9yLWRvY3MtMDAwMDAwMDA core@example.com';

describe('Ignition', () => {
  test('fromConfig renders sorted JSON on a config drive', () => {
    const chart = newChart();
    new Machine(chart, 'fcos', {
      disks: new DiskSet({ root: { source: DiskSource.containerDisk('quay.io/containerdisks/fedora-coreos:stable') } }),
      cloudInit: Ignition.fromConfig({ passwd: { users: [{ sshAuthorizedKeys: [KEY], name: 'core' }] }, ignition: { version: '3.4.0' } }).toCloudInit(),
    });
    const vm = synthValid(chart).find(o => o.kind === 'VirtualMachine');
    expect(vm.spec.template.spec.volumes).toContainEqual({
      name: 'cloudinitdisk',
      cloudInitConfigDrive: { userData: `{"ignition":{"version":"3.4.0"},"passwd":{"users":[{"name":"core","sshAuthorizedKeys":["${KEY}"]}]}}` },
    });
    expect(vm.metadata.annotations).toBeUndefined();
  });

  test('fromText keeps the text; a large config goes to a Secret', () => {
    const text = JSON.stringify({ ignition: { version: '3.4.0' }, storage: { files: [{ path: '/etc/motd', contents: { source: `data:,${'x'.repeat(3000)}` } }] } }, null, 2);
    const ign = Ignition.fromText(text);
    expect(ign.version).toBe('3.4.0');
    expect(ign.render()).toBe(text);
    const chart = newChart();
    new Machine(chart, 'flatcar', { cloudInit: ign.toCloudInit() });
    const all = synthValid(chart);
    const vm = all.find(o => o.kind === 'VirtualMachine');
    expect(vm.spec.template.spec.volumes).toContainEqual({ name: 'cloudinitdisk', cloudInitConfigDrive: { secretRef: { name: 'flatcar-cloud-init' } } });
    expect(Buffer.from(all.find(o => o.kind === 'Secret').data.userdata, 'base64').toString()).toBe(text);
  });

  test('fails when ignition.version is missing or not 2.x/3.x', () => {
    expect(() => Ignition.fromConfig({ passwd: {} })).toThrow(
      "Ignition 'fromConfig': ignition.version must be an Ignition spec version: got undefined; a 2.x or 3.x version such as 3.4.0 (Fedora CoreOS needs 3.x)");
    expect(() => Ignition.fromConfig({ ignition: { version: '1.0.0' } })).toThrow("Ignition 'fromConfig': ignition.version must be an Ignition spec version: got \"1.0.0\"");
  });

  test('fails when the text is not JSON', () => {
    expect(() => Ignition.fromText('variant: fcos\nversion: 1.5.0\n')).toThrow(
      'Ignition \'fromText\': json is not valid JSON: got "29 characters"; an Ignition config in JSON; transpile Butane YAML with butane first');
  });

  test('fails when a user has a password hash, unless allowed', () => {
    const config = { ignition: { version: '3.4.0' }, passwd: { users: [{ name: 'core', passwordHash: '$y$j9T$abc' }] } };
    expect(() => Ignition.fromConfig(config)).toThrow(
      "Ignition 'fromConfig': passwd.users[0].passwordHash sets a password: got <redacted>; no passwords in Ignition configs kept in Git: use sshAuthorizedKeys, or set allowPasswords: true");
    expect(Ignition.fromConfig(config, { allowPasswords: true }).version).toBe('3.4.0');
  });

  test('fails when the config holds a private key', () => {
    expect(() => Ignition.fromText(JSON.stringify({ ignition: { version: '3.4.0' }, storage: { files: [{ path: '/k', contents: { source: 'data:,-----BEGIN OPENSSH PRIVATE KEY-----' } }] } }))).toThrow(
      "Ignition 'fromText': config contains a private key");
  });
});
