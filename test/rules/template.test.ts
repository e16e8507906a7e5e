import { messages, vmWith, VMI } from './fixtures';
import { expectConformant } from '../support/conformance';

/** A valid VM with an SSH key propagated by noCloud, and its cloud-init volume. */
function withSshKey(method: any = { noCloud: {} }): any {
  return vmWith(spec => {
    spec.accessCredentials = [{ sshPublicKey: { source: { secret: { secretName: 'keys' } }, propagationMethod: method } }];
    spec.domain.devices.disks.push({ name: 'cloudinit', disk: { bus: 'virtio' } });
    spec.volumes.push({ name: 'cloudinit', cloudInitNoCloud: { userData: '#cloud-config\n' } });
  });
}

describe('template rules', () => {
  test('accepts valid probes, DNS, access credentials, inputs and I/O threads, schema included', () => {
    const vm = withSshKey();
    const spec = vm.spec.template.spec;
    spec.accessCredentials.push({ userPassword: { source: { secret: { secretName: 'pw' } }, propagationMethod: { qemuGuestAgent: {} } } });
    spec.readinessProbe = { httpGet: { port: 80 } };
    spec.livenessProbe = { guestAgentPing: {} };
    spec.evictionStrategy = 'LiveMigrate';
    spec.hostname = 'web-1';
    spec.subdomain = 'web.apps';
    spec.dnsConfig = { nameservers: ['1.1.1.1', '8.8.8.8', '9.9.9.9'], searches: ['a', 'b', 'c', 'd', 'e', 'f'] };
    spec.domain.devices.inputs = [{ name: 'tablet', type: 'tablet', bus: 'usb' }];
    spec.domain.ioThreadsPolicy = 'supplementalPool';
    spec.domain.ioThreads = { supplementalPoolThreadCount: 2 };
    vm.spec.template.metadata.labels['kubevirt.io/vm'] = 'web';
    expectConformant([vm]);
    expect(messages(vm)).toEqual([]);
  });

  test('fails when a probe has two handlers (probe-one-handler)', () => {
    const vm = vmWith(spec => {
      spec.livenessProbe = { exec: { command: ['true'] }, guestAgentPing: {} };
    });
    expect(messages(vm)).toEqual([
      `${VMI}.livenessProbe must set exactly one handler: got ["exec","guestAgentPing"]; one of httpGet, tcpSocket, exec, guestAgentPing (probe-one-handler)`,
    ]);
  });

  test('fails when a probe has no handler (probe-one-handler)', () => {
    const vm = vmWith(spec => {
      spec.readinessProbe = { periodSeconds: 5 };
    });
    expect(messages(vm)).toEqual([`${VMI}.readinessProbe must set exactly one handler: got []; one of httpGet, tcpSocket, exec, guestAgentPing (probe-one-handler)`]);
  });

  test('fails when a tcpSocket probe has no pod network (probe-pod-network)', () => {
    const vm = vmWith(spec => {
      spec.domain.devices.interfaces[0] = { name: 'default', bridge: {} };
      spec.networks[0] = { name: 'default', multus: { networkName: 'main', default: true } };
      spec.readinessProbe = { tcpSocket: { port: 22 } };
    });
    expect(messages(vm)).toEqual([
      `${VMI}.readinessProbe.tcpSocket must not be used without a pod network: got {"port":22}; exec or guestAgentPing, or add a pod network (probe-pod-network)`,
    ]);
  });

  test('fails when evictionStrategy is unknown (eviction-strategy)', () => {
    const vm = vmWith(spec => {
      spec.evictionStrategy = 'Migrate';
    });
    expect(messages(vm)).toEqual([
      `${VMI}.evictionStrategy must be one of LiveMigrate, LiveMigrateIfPossible, None, External: got "Migrate"; one of LiveMigrate, LiveMigrateIfPossible, None, External (eviction-strategy)`,
    ]);
  });

  test('fails when hostname has a dot (hostname-dns-label)', () => {
    const vm = vmWith(spec => {
      spec.hostname = 'web.example';
    });
    expect(messages(vm)).toEqual([
      `${VMI}.hostname must be a DNS-1123 label: got "web.example"; a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters (hostname-dns-label)`,
    ]);
  });

  test('fails when subdomain has capitals (subdomain-dns-subdomain)', () => {
    const vm = vmWith(spec => {
      spec.subdomain = 'Web';
    });
    expect(messages(vm)).toEqual([
      `${VMI}.subdomain must be a DNS-1123 subdomain: got "Web"; a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', at most 253 characters (subdomain-dns-subdomain)`,
    ]);
  });

  test('fails when dnsConfig has 4 nameservers (dns-config-limits)', () => {
    const vm = vmWith(spec => {
      spec.dnsConfig = { nameservers: ['1.1.1.1', '1.0.0.1', '8.8.8.8', '8.8.4.4'] };
    });
    expect(messages(vm)).toEqual([`${VMI}.dnsConfig.nameservers must have at most 3 entries: got "4 entries"; at most 3 nameservers (dns-config-limits)`]);
  });

  test('fails when dnsConfig has 7 search paths (dns-config-limits)', () => {
    const vm = vmWith(spec => {
      spec.dnsConfig = { searches: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] };
    });
    expect(messages(vm)).toEqual([`${VMI}.dnsConfig.searches must have at most 6 entries: got "7 entries"; at most 6 search paths (dns-config-limits)`]);
  });

  test('fails when dnsConfig search paths exceed 256 characters (dns-config-limits)', () => {
    const vm = vmWith(spec => {
      spec.dnsConfig = { searches: ['a'.repeat(200), 'b'.repeat(60)] };
    });
    expect(messages(vm)).toEqual([
      `${VMI}.dnsConfig.searches must total at most 256 characters: got "261 characters"; search paths of at most 256 characters in all, joined by spaces (dns-config-limits)`,
    ]);
  });

  test('fails when an access credential has two types (access-credential-shape)', () => {
    const vm = withSshKey();
    vm.spec.template.spec.accessCredentials[0].userPassword = { source: { secret: { secretName: 'pw' } }, propagationMethod: { qemuGuestAgent: {} } };
    expect(messages(vm)).toEqual([
      `${VMI}.accessCredentials[0] must set exactly one credential type: got ["sshPublicKey","userPassword"]; one of sshPublicKey, userPassword (access-credential-shape)`,
    ]);
  });

  test('fails when an access credential has two propagation methods (access-credential-shape)', () => {
    const vm = withSshKey({ noCloud: {}, qemuGuestAgent: { users: ['fedora'] } });
    expect(messages(vm)).toEqual([
      `${VMI}.accessCredentials[0].sshPublicKey.propagationMethod must set exactly one propagation method: got ["qemuGuestAgent","noCloud"]; `
      + 'one of qemuGuestAgent, noCloud, configDrive (access-credential-shape)',
    ]);
  });

  test('fails when an access credential has no source (access-credential-shape)', () => {
    const vm = withSshKey();
    vm.spec.template.spec.accessCredentials[0].sshPublicKey.source = {};
    expect(messages(vm)).toEqual([`${VMI}.accessCredentials[0].sshPublicKey.source must set exactly one source: got {}; secret (access-credential-shape)`]);
  });

  test('fails when configDrive propagation has no cloudInitConfigDrive volume (access-credential-cloud-init-volume)', () => {
    const vm = withSshKey({ configDrive: {} });
    expect(messages(vm)).toEqual([
      `${VMI}.accessCredentials[0].sshPublicKey.propagationMethod.configDrive must have a cloudInitConfigDrive volume: got {}; `
      + 'a volume with cloudInitConfigDrive, or another propagation method (access-credential-cloud-init-volume)',
    ]);
  });

  test('fails when qemuGuestAgent propagation has no users (access-credential-guest-agent-users)', () => {
    const vm = withSshKey({ qemuGuestAgent: { users: [] } });
    expect(messages(vm)).toEqual([
      `${VMI}.accessCredentials[0].sshPublicKey.propagationMethod.qemuGuestAgent.users must list at least one user: got []; one or more guest user names (access-credential-guest-agent-users)`,
    ]);
  });

  test('fails when an input uses the ps2 bus (input-device)', () => {
    const vm = vmWith(spec => {
      spec.domain.devices.inputs = [{ name: 'tablet', type: 'tablet', bus: 'ps2' }];
    });
    expect(messages(vm)).toEqual([`${VMI}.domain.devices.inputs[0].bus must be virtio or usb (input "tablet"): got "ps2"; one of virtio, usb (input-device)`]);
  });

  test('fails when an input is a keyboard (input-device)', () => {
    const vm = vmWith(spec => {
      spec.domain.devices.inputs = [{ name: 'kbd', type: 'keyboard', bus: 'usb' }];
    });
    expect(messages(vm)).toEqual([`${VMI}.domain.devices.inputs[0].type must be tablet (input "kbd"): got "keyboard"; tablet (input-device)`]);
  });

  test('fails when ioThreadsPolicy is unknown (io-threads-policy)', () => {
    const vm = vmWith(spec => {
      spec.domain.ioThreadsPolicy = 'dedicated';
    });
    expect(messages(vm)).toEqual([
      `${VMI}.domain.ioThreadsPolicy must be one of shared, auto, supplementalPool: got "dedicated"; one of shared, auto, supplementalPool (io-threads-policy)`,
    ]);
  });

  test('fails when supplementalPool has no thread count (io-threads-policy)', () => {
    const vm = vmWith(spec => {
      spec.domain.ioThreadsPolicy = 'supplementalPool';
    });
    expect(messages(vm)).toEqual([
      `${VMI}.domain.ioThreads.supplementalPoolThreadCount must be at least 1 with ioThreadsPolicy supplementalPool: got undefined; an integer of 1 or more (io-threads-policy)`,
    ]);
  });

  test('fails when a template label is reserved for KubeVirt (template-labels-reserved)', () => {
    const vm = vmWith((_spec, m) => {
      m.spec.template.metadata.labels['kubevirt.io/nodeName'] = 'node-1';
    });
    expect(messages(vm)).toEqual([
      'spec.template.metadata.labels["kubevirt.io/nodeName"] must not be set: the label is reserved for KubeVirt: got "node-1"; labels other than kubevirt.io/created-by, '
      + 'kubevirt.io/install-strategy, kubevirt.io/migrationJobUID, kubevirt.io/migrationTargetNodeName, kubevirt.io/nodeName, kubevirt.io/schedulable (template-labels-reserved)',
    ]);
  });

  test('fails when there are 257 networks and interfaces (list-limit)', () => {
    const vm = vmWith(spec => {
      for (let i = 0; i < 256; i++) {
        spec.domain.devices.interfaces.push({ name: `n${i}`, bridge: {} });
        spec.networks.push({ name: `n${i}`, multus: { networkName: `net${i}` } });
      }
    });
    expect(messages(vm)).toEqual([
      `${VMI}.domain.devices.interfaces must have at most 256 items: got "257 items"; at most 256 items (list-limit)`,
      `${VMI}.networks must have at most 256 items: got "257 items"; at most 256 items (list-limit)`,
    ]);
  });
});
