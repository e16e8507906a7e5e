import { messages, VMI, vmWith } from './fixtures';
import { expectConformant } from '../support/conformance';

describe('device and pod-level rules', () => {
  test('a VM using every checked field correctly breaks no rule and is schema-valid', () => {
    const vm = vmWith(spec => {
      spec.architecture = 'amd64';
      spec.domain.devices.video = { type: 'virtio' };
      spec.domain.devices.watchdog = { name: 'wd', i6300esb: { action: 'reset' } };
      spec.dnsPolicy = 'None';
      spec.dnsConfig = { nameservers: ['10.0.0.10', 'fd00::10'], searches: ['svc.cluster.local'], options: [{ name: 'ndots', value: '2' }] };
      spec.domain.memory = { guest: '2Gi', maxGuest: '8Gi' };
    });
    expect(messages(vm, { clusterDependent: true })).toEqual([]);
    expectConformant([vm]);
  });

  test('fails when video is set with autoattachGraphicsDevice false (video-autoattach-graphics)', () => {
    const vm = vmWith(spec => {
      spec.domain.devices.video = { type: 'virtio' };
      spec.domain.devices.autoattachGraphicsDevice = false;
    });
    expect(messages(vm)).toEqual([
      `${VMI}.domain.devices.video must not be set when autoattachGraphicsDevice is false: got {"type":"virtio"}; no video, or autoattachGraphicsDevice unset or true (video-autoattach-graphics)`,
    ]);
  });

  test('fails when the video type is qxl on amd64 (video-type-amd64)', () => {
    const vm = vmWith(spec => {
      spec.architecture = 'amd64';
      spec.domain.devices.video = { type: 'qxl' };
    });
    expect(messages(vm)).toEqual([
      `${VMI}.domain.devices.video.type must be one of vga, cirrus, virtio, ramfb, bochs on amd64: got "qxl"; one of vga, cirrus, virtio, ramfb, bochs (video-type-amd64)`,
    ]);
    // Without an architecture the cluster decides: nothing to check.
    expect(messages(vmWith(spec => { spec.domain.devices.video = { type: 'qxl' }; }))).toEqual([]);
  });

  test('fails when an amd64 VM has a diag288 watchdog (watchdog-model)', () => {
    const vm = vmWith(spec => {
      spec.architecture = 'amd64';
      spec.domain.devices.watchdog = { name: 'wd', diag288: { action: 'reset' } };
    });
    expect(messages(vm)).toEqual([
      `${VMI}.domain.devices.watchdog must use the i6300esb model alone on amd64: got ["diag288"]; i6300esb: { action: … } (watchdog-model)`,
    ]);
    expect(messages(vmWith(spec => {
      spec.architecture = 's390x';
      spec.domain.devices.watchdog = { name: 'wd', i6300esb: {} };
    }))).toEqual([`${VMI}.domain.devices.watchdog must use the diag288 model alone on s390x: got ["i6300esb"]; diag288: { action: … } (watchdog-model)`]);
  });

  test('fails when dnsPolicy is unknown (dns-policy)', () => {
    expect(messages(vmWith(spec => { spec.dnsPolicy = 'ClusterOnly'; }))).toEqual([
      `${VMI}.dnsPolicy must be one of ClusterFirstWithHostNet, ClusterFirst, Default, None: got "ClusterOnly"; one of ClusterFirstWithHostNet, ClusterFirst, Default, None (dns-policy)`,
    ]);
  });

  test('fails when dnsPolicy is None without nameservers (dns-policy-none)', () => {
    expect(messages(vmWith(spec => { spec.dnsPolicy = 'None'; }))).toEqual([
      `${VMI}.dnsConfig.nameservers must list at least one nameserver when dnsPolicy is None: got undefined; one to three nameserver IP addresses (dns-policy-none)`,
    ]);
  });

  test('fails when a nameserver is not an IP address (dns-config-values)', () => {
    const vm = vmWith(spec => {
      spec.dnsConfig = { nameservers: ['dns.example.com'], searches: ['Example.COM'], options: [{ name: '' }] };
    });
    expect(messages(vm)).toEqual([
      `${VMI}.dnsConfig.nameservers[0] must be an IP address: got "dns.example.com"; an IPv4 or IPv6 address (dns-config-values)`,
      `${VMI}.dnsConfig.searches[0] must be a DNS-1123 subdomain: got "Example.COM"; lowercase letters, digits, '-' and '.' (dns-config-values)`,
      `${VMI}.dnsConfig.options[0].name must not be empty: got ""; a resolver option name, e.g. ndots (dns-config-values)`,
    ]);
  });

  test('fails when maxGuest is below guest memory, with cluster-dependent rules on (memory-hotplug)', () => {
    const vm = vmWith(spec => { spec.domain.memory = { guest: '4Gi', maxGuest: '2Gi' }; });
    expect(messages(vm)).toEqual([]);
    expect(messages(vm, { clusterDependent: true })).toEqual([
      'spec.template.spec.domain.memory.guest must not exceed maxGuest: got "4Gi"; at most "2Gi" (memory-hotplug)',
    ]);
    const rt = vmWith(spec => {
      spec.domain.memory = { guest: '4Gi', maxGuest: '8Gi' };
      spec.domain.cpu = { cores: 1, dedicatedCpuPlacement: true, realtime: {}, numa: { guestMappingPassthrough: {} } };
      spec.domain.memory.hugepages = { pageSize: '1Gi' };
    });
    expect(messages(rt, { clusterDependent: true })).toEqual([
      'spec.template.spec.domain.memory.maxGuest must not be set with cpu.realtime: got "8Gi"; no maxGuest on a realtime VM (memory-hotplug)',
    ]);
    const unaligned = vmWith(spec => { spec.domain.memory = { guest: '2Gi', maxGuest: '3073Mi' }; });
    expect(messages(unaligned, { clusterDependent: true })).toEqual([
      'spec.template.spec.domain.memory.maxGuest must be a multiple of 2Mi: got "3073Mi"; a multiple of 2Mi (memory-hotplug)',
    ]);
  });
});
