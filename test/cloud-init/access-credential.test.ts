import { ApiObject, Chart, Testing } from 'cdk8s';
import { AccessCredential, SshPropagation } from '../../src/cloud-init/access-credential';
import { CloudInit, CloudInitDatasource } from '../../src/cloud-init/cloud-init';
import { synthValid } from '../support/conformance';

/**
 * Embeds credentials (and, when given, a cloud-init volume) in a minimal VirtualMachine, synthesizes
 * and validates it, and returns the rendered accessCredentials.
 */
function synthCredentials(credentials: AccessCredential[], cloudInit?: CloudInit): any[] {
  const chart = new Chart(Testing.app(), 'test');
  const volume = cloudInit?._bind(chart, 'web').volume;
  new ApiObject(chart, 'vm', {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name: 'web' },
    spec: {
      runStrategy: 'Always',
      template: {
        spec: {
          accessCredentials: credentials.map(c => c._toKube()),
          domain: { devices: { disks: volume ? [{ name: 'cloudinitdisk', disk: { bus: 'virtio' } }] : [] } },
          volumes: volume ? [volume] : [],
        },
      },
    },
  });
  const vm = synthValid(chart).find(m => m.kind === 'VirtualMachine');
  return vm.spec.template.spec.accessCredentials;
}

describe('AccessCredential', () => {
  test('sshFromSecret with the guest agent names the users', () => {
    const cred = AccessCredential.sshFromSecret('web-ssh', { propagation: SshPropagation.QEMU_GUEST_AGENT, users: ['fedora', 'ops'] });
    expect(synthCredentials([cred])).toEqual([{
      sshPublicKey: {
        propagationMethod: { qemuGuestAgent: { users: ['fedora', 'ops'] } },
        source: { secret: { secretName: 'web-ssh' } },
      },
    }]);
    expect(cred.secretName).toEqual('web-ssh');
    expect(cred.propagation).toEqual(SshPropagation.QEMU_GUEST_AGENT);
    expect(cred._requiredDatasource).toBeUndefined();
  });

  test('sshFromSecret with NoCloud needs a NoCloud volume', () => {
    const cred = AccessCredential.sshFromSecret('web-ssh', { propagation: SshPropagation.NO_CLOUD });
    expect(synthCredentials([cred], CloudInit.fromConfig({ hostname: 'web' }))).toEqual([{
      sshPublicKey: { propagationMethod: { noCloud: {} }, source: { secret: { secretName: 'web-ssh' } } },
    }]);
    expect(cred._requiredDatasource).toEqual(CloudInitDatasource.NO_CLOUD);
  });

  test('sshFromSecret with ConfigDrive needs a ConfigDrive volume', () => {
    const cred = AccessCredential.sshFromSecret('web-ssh', { propagation: SshPropagation.CONFIG_DRIVE });
    const cloudInit = CloudInit.fromConfig({ hostname: 'web' }, { datasource: CloudInitDatasource.CONFIG_DRIVE });
    expect(synthCredentials([cred], cloudInit)).toEqual([{
      sshPublicKey: { propagationMethod: { configDrive: {} }, source: { secret: { secretName: 'web-ssh' } } },
    }]);
    expect(cred._requiredDatasource).toEqual(CloudInitDatasource.CONFIG_DRIVE);
  });

  test('userPasswordFromSecret uses the guest agent', () => {
    const cred = AccessCredential.userPasswordFromSecret('web-passwords');
    expect(synthCredentials([cred])).toEqual([{
      userPassword: { propagationMethod: { qemuGuestAgent: {} }, source: { secret: { secretName: 'web-passwords' } } },
    }]);
    expect(cred.propagation).toEqual(SshPropagation.QEMU_GUEST_AGENT);
    expect(cred._requiredDatasource).toBeUndefined();
  });

  test('_toKube returns a fresh copy each time', () => {
    const users = ['fedora'];
    const cred = AccessCredential.sshFromSecret('web-ssh', { propagation: SshPropagation.QEMU_GUEST_AGENT, users });
    users.push('intruder');
    const first = cred._toKube();
    first.sshPublicKey.propagationMethod.qemuGuestAgent.users.push('other');
    expect(cred._toKube().sshPublicKey.propagationMethod.qemuGuestAgent.users).toEqual(['fedora']);
  });

  test('accepts a secret name of exactly 51 characters', () => {
    const name = 'a'.repeat(51);
    expect(AccessCredential.userPasswordFromSecret(name)._toKube()).toEqual({
      userPassword: { propagationMethod: { qemuGuestAgent: {} }, source: { secret: { secretName: name } } },
    });
  });

  test('fails when the secret name is longer than 51 characters', () => {
    const name = 'a'.repeat(52);
    expect(() => AccessCredential.sshFromSecret(name, { propagation: SshPropagation.NO_CLOUD })).toThrow(
      `AccessCredential 'sshFromSecret': secretName is too long (52 characters): got "${name}"; at most 51 characters, because the launcher pod's volume is named '<secret>-access-cred' and must fit in 63 (access-credential-secret-name-length)`);
  });

  test('fails when the secret name is not a DNS-1123 label', () => {
    const allowed = "a DNS-1123 label of at most 51 characters: lowercase letters, digits and '-', starting and ending with a letter or digit (the launcher pod's volume '<secret>-access-cred' must be a label)";
    expect(() => AccessCredential.userPasswordFromSecret('Web_Passwords')).toThrow(
      `AccessCredential 'userPasswordFromSecret': secretName must be a DNS-1123 label: got "Web_Passwords"; ${allowed}`);
    expect(() => AccessCredential.sshFromSecret('web.ssh', { propagation: SshPropagation.NO_CLOUD })).toThrow(
      `AccessCredential 'sshFromSecret': secretName must be a DNS-1123 label: got "web.ssh"; ${allowed}`);
    expect(() => AccessCredential.sshFromSecret('', { propagation: SshPropagation.NO_CLOUD })).toThrow(
      `AccessCredential 'sshFromSecret': secretName must be a DNS-1123 label: got ""; ${allowed}`);
  });

  test('fails when the guest agent is given no users', () => {
    const message = "AccessCredential 'sshFromSecret': users must name at least one user with qemuGuestAgent propagation: got ";
    const allowed = "; the guest users whose authorized_keys the agent manages, for example ['fedora'] (access-credential-guest-agent-users)";
    expect(() => AccessCredential.sshFromSecret('web-ssh', { propagation: SshPropagation.QEMU_GUEST_AGENT })).toThrow(`${message}undefined${allowed}`);
    expect(() => AccessCredential.sshFromSecret('web-ssh', { propagation: SshPropagation.QEMU_GUEST_AGENT, users: [] })).toThrow(`${message}[]${allowed}`);
  });

  test('fails when users are given with NoCloud or ConfigDrive', () => {
    expect(() => AccessCredential.sshFromSecret('web-ssh', { propagation: SshPropagation.NO_CLOUD, users: ['fedora'] })).toThrow(
      "AccessCredential 'sshFromSecret': users is only for qemuGuestAgent propagation, not noCloud: got [\"fedora\"]; leave users unset: cloud-init gives the keys to its default user");
    expect(() => AccessCredential.sshFromSecret('web-ssh', { propagation: SshPropagation.CONFIG_DRIVE, users: [] })).toThrow(
      "AccessCredential 'sshFromSecret': users is only for qemuGuestAgent propagation, not configDrive: got []; leave users unset: cloud-init gives the keys to its default user");
  });

  test('fails when a user name is malformed or listed twice', () => {
    expect(() => AccessCredential.sshFromSecret('web-ssh', { propagation: SshPropagation.QEMU_GUEST_AGENT, users: ['fedora', 'Ops'] })).toThrow(
      "AccessCredential 'sshFromSecret': users[1] must be a Linux user name: got \"Ops\"; lowercase letters, digits, '_', '-' and '.', starting with a letter or '_', at most 32 characters");
    expect(() => AccessCredential.sshFromSecret('web-ssh', { propagation: SshPropagation.QEMU_GUEST_AGENT, users: ['fedora', 'ops', 'fedora'] })).toThrow(
      "AccessCredential 'sshFromSecret': users[2] is listed twice: got \"fedora\"; each user once (the list is a set)");
  });

  test('fails when the propagation is not an SshPropagation', () => {
    expect(() => AccessCredential.sshFromSecret('web-ssh', { propagation: 'cloudInit' as SshPropagation })).toThrow(
      'AccessCredential.sshFromSecret: options.propagation has the wrong type: got "cloudInit"; expected a SshPropagation: SshPropagation.QEMU_GUEST_AGENT, SshPropagation.NO_CLOUD, SshPropagation.CONFIG_DRIVE (property-type)');
  });
});
