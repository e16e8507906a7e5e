import { App, Chart, JsonPatch } from 'cdk8s';
import { InterfaceBinding, InterfaceModel, Machine } from '../../src';
import { NetworkAttachment, NetworkAttachmentConfig, SriovLinkState } from '../../src/network/network-attachment';
import { synthValid } from '../support/conformance';
import { newChart, templateSpec } from '../support/synth';

function nadOf(all: any[], name: string): any {
  return all.find(o => o.kind === 'NetworkAttachmentDefinition' && o.metadata.name === name);
}

describe('NetworkAttachment', () => {
  test('bridge: a Multus NetworkAttachmentDefinition with the bridge CNI config as sorted JSON', () => {
    // GIVEN
    const chart = newChart();
    // WHEN
    new NetworkAttachment(chart, 'vlan-100', {
      config: NetworkAttachmentConfig.bridge({ bridge: 'br1', vlan: 100, mtu: 9000, macspoofchk: true, ipam: { type: 'whereabouts', range: '10.0.0.0/24' } }),
    });
    // THEN
    const nad = nadOf(synthValid(chart), 'vlan-100');
    expect(nad.apiVersion).toBe('k8s.cni.cncf.io/v1');
    expect(nad.metadata).toEqual({ name: 'vlan-100', namespace: 'vms' });
    expect(JSON.parse(nad.spec.config)).toEqual({
      cniVersion: '0.3.1',
      name: 'vlan-100',
      type: 'bridge',
      bridge: 'br1',
      vlan: 100,
      mtu: 9000,
      macspoofchk: true,
      ipam: { type: 'whereabouts', range: '10.0.0.0/24' },
    });
    expect(nad.spec.config).toBe([
      '{',
      '  "bridge": "br1",',
      '  "cniVersion": "0.3.1",',
      '  "ipam": {',
      '    "range": "10.0.0.0/24",',
      '    "type": "whereabouts"',
      '  },',
      '  "macspoofchk": true,',
      '  "mtu": 9000,',
      '  "name": "vlan-100",',
      '  "type": "bridge",',
      '  "vlan": 100',
      '}',
    ].join('\n'));
  });

  test('bridge without options: only cniVersion, name, type and bridge', () => {
    const chart = newChart();
    new NetworkAttachment(chart, 'lan', { config: NetworkAttachmentConfig.bridge({ bridge: 'br0' }) });
    expect(JSON.parse(nadOf(synthValid(chart), 'lan').spec.config)).toEqual({ cniVersion: '0.3.1', name: 'lan', type: 'bridge', bridge: 'br0' });
  });

  test('sriov: the resourceName annotation and the sriov CNI fields', () => {
    const chart = newChart();
    new NetworkAttachment(chart, 'fast', {
      annotations: { team: 'net' },
      config: NetworkAttachmentConfig.sriov({
        resourceName: 'intel.com/sriov_netdevice',
        vlan: 20,
        vlanQos: 3,
        spoofChk: false,
        trust: true,
        linkState: SriovLinkState.ENABLE,
        minTxRateMbps: 100,
        maxTxRateMbps: 1000,
        cniVersion: '1.0.0',
      }),
    });
    const nad = nadOf(synthValid(chart), 'fast');
    expect(nad.metadata.annotations).toEqual({ 'k8s.v1.cni.cncf.io/resourceName': 'intel.com/sriov_netdevice', 'team': 'net' });
    expect(JSON.parse(nad.spec.config)).toEqual({
      cniVersion: '1.0.0',
      name: 'fast',
      type: 'sriov',
      vlan: 20,
      vlanQoS: 3,
      spoofchk: 'off',
      trust: 'on',
      link_state: 'enable',
      min_tx_rate: 100,
      max_tx_rate: 1000,
    });
  });

  test('custom: any CNI config (here a conflist), keys sorted, its own name kept', () => {
    const chart = newChart();
    const nad = new NetworkAttachment(chart, 'mv', {
      config: NetworkAttachmentConfig.custom({ plugins: [{ type: 'macvlan', master: 'eth1', mode: 'bridge' }, { type: 'tuning' }], name: 'macvlan-net', cniVersion: '1.0.0' }),
    });
    expect(nad.config.type).toBe('conflist');
    expect(nad.config.binding).toBe(InterfaceBinding.BRIDGE);
    expect(nadOf(synthValid(chart), 'mv').spec.config).toBe(JSON.stringify({
      cniVersion: '1.0.0', name: 'macvlan-net', plugins: [{ master: 'eth1', mode: 'bridge', type: 'macvlan' }, { type: 'tuning' }],
    }, undefined, 2));
  });

  test('custom sriov config: SR-IOV binding and the resource annotation', () => {
    const config = NetworkAttachmentConfig.custom({ cniVersion: '0.3.1', type: 'sriov' }, { resourceName: 'mellanox.com/cx5' });
    expect(config.binding).toBe(InterfaceBinding.SRIOV);
    const chart = newChart();
    new NetworkAttachment(chart, 'mlx', { config });
    expect(nadOf(synthValid(chart), 'mlx').metadata.annotations).toEqual({ 'k8s.v1.cni.cncf.io/resourceName': 'mellanox.com/cx5' });
  });

  test('networkName is namespace/name with a namespace, name without', () => {
    const chart = newChart();
    expect(new NetworkAttachment(chart, 'a', { config: NetworkAttachmentConfig.bridge({ bridge: 'br0' }) }).networkName).toBe('vms/a');
    expect(new NetworkAttachment(chart, 'b', { namespace: 'infra', config: NetworkAttachmentConfig.bridge({ bridge: 'br0' }) }).networkName).toBe('infra/b');
    const bare = new Chart(new App(), 'bare');
    expect(new NetworkAttachment(bare, 'c', { config: NetworkAttachmentConfig.bridge({ bridge: 'br0' }) }).networkName).toBe('c');
  });

  test('machines take the attachment itself: bridge binding for bridge, SR-IOV for sriov', () => {
    const chart = newChart();
    const vlan = new NetworkAttachment(chart, 'vlan-100', { config: NetworkAttachmentConfig.bridge({ bridge: 'br1', vlan: 100 }) });
    const fast = new NetworkAttachment(chart, 'fast', { config: NetworkAttachmentConfig.sriov({ resourceName: 'intel.com/sriov_netdevice' }) });
    new Machine(chart, 'web', {
      networks: [vlan.network({ name: 'eth0', model: InterfaceModel.VIRTIO, macAddress: '52:54:00:00:00:01' }), fast.network()],
    });
    const vm = synthValid(chart).find(o => o.kind === 'VirtualMachine');
    expect(templateSpec(vm).networks).toEqual([
      { name: 'eth0', multus: { networkName: 'vms/vlan-100' } },
      { name: 'fast', multus: { networkName: 'vms/fast' } },
    ]);
    expect(templateSpec(vm).domain.devices.interfaces).toEqual([
      { name: 'eth0', bridge: {}, model: 'virtio', macAddress: '52:54:00:00:00:01' },
      { name: 'fast', sriov: {} },
    ]);
  });

  test('snapshot', () => {
    const chart = new Chart(new App(), 'snap', { namespace: 'net' });
    new NetworkAttachment(chart, 'vlan-100', { config: NetworkAttachmentConfig.bridge({ bridge: 'br1', vlan: 100 }) });
    new NetworkAttachment(chart, 'fast', { config: NetworkAttachmentConfig.sriov({ resourceName: 'intel.com/sriov_netdevice', vlan: 5 }) });
    expect(synthValid(chart)).toMatchSnapshot();
  });

  test('the hand-written NetworkAttachmentDefinition schema rejects a config without a type', () => {
    const chart = newChart();
    const nad = new NetworkAttachment(chart, 'x', { config: NetworkAttachmentConfig.bridge({ bridge: 'br0' }) });
    nad.apiObject.addJsonPatch(JsonPatch.replace('/spec/config', '{"cniVersion":"0.3.1"}'));
    expect(() => synthValid(chart)).toThrow('NetworkAttachmentDefinition/x: /spec/config(json) must have required property \'type\'');
  });

  test('the hand-written schema rejects an unknown spec field and a config that is not JSON', () => {
    const chart = newChart();
    const nad = new NetworkAttachment(chart, 'x', { config: NetworkAttachmentConfig.bridge({ bridge: 'br0' }) });
    nad.apiObject.addJsonPatch(JsonPatch.add('/spec/confg', 'typo'), JsonPatch.replace('/spec/config', '{cniVersion: 0.3.1}'));
    expect(() => synthValid(chart)).toThrow(/NetworkAttachmentDefinition\/x: \/spec must NOT have additional properties \(confg\)\n {2}NetworkAttachmentDefinition\/x: \/spec\/config must be JSON: /);
  });

  test('fails when the bridge name is not a Linux interface name', () => {
    expect(() => NetworkAttachmentConfig.bridge({ bridge: 'a-very-long-bridge' })).toThrow(
      "NetworkAttachmentConfig.bridge: bridge must be a Linux interface name: got \"a-very-long-bridge\"; 1 to 15 letters, digits, '_', '.' or '-'");
  });

  test('fails when a VLAN is out of range', () => {
    expect(() => NetworkAttachmentConfig.bridge({ bridge: 'br1', vlan: 4095 })).toThrow(
      'NetworkAttachmentConfig.bridge: vlan is out of range: got 4095; a whole number from 1 to 4094');
    expect(() => NetworkAttachmentConfig.sriov({ resourceName: 'intel.com/x', vlan: 0 })).toThrow(
      'NetworkAttachmentConfig.sriov: vlan is out of range: got 0; a whole number from 1 to 4094');
  });

  test('fails when the MTU is out of range', () => {
    expect(() => NetworkAttachmentConfig.bridge({ bridge: 'br1', mtu: 10 })).toThrow(
      'NetworkAttachmentConfig.bridge: mtu is out of range: got 10; a whole number from 68 to 65535');
  });

  test('fails when the cniVersion is not a version', () => {
    expect(() => NetworkAttachmentConfig.bridge({ bridge: 'br1', cniVersion: 'v1' })).toThrow(
      "NetworkAttachmentConfig.bridge: cniVersion must be a CNI version: got \"v1\"; e.g. '0.3.1' or '1.0.0'");
  });

  test('fails when ipam is not an object', () => {
    expect(() => NetworkAttachmentConfig.bridge({ bridge: 'br1', ipam: [] as any })).toThrow(
      'NetworkAttachmentConfig.bridge: options.ipam has the wrong type: got an array of 0; expected a map of strings (each value a JSON value) (property-type)');
  });

  test('fails when the SR-IOV resource name has no vendor prefix', () => {
    expect(() => NetworkAttachmentConfig.sriov({ resourceName: 'sriov_netdevice' })).toThrow(
      "NetworkAttachmentConfig.sriov: resourceName must be a device-plugin resource name: got \"sriov_netdevice\"; '<vendor domain>/<resource>', e.g. intel.com/sriov_netdevice");
  });

  test('fails when the SR-IOV QoS or rates are out of range', () => {
    expect(() => NetworkAttachmentConfig.sriov({ resourceName: 'intel.com/x', vlanQos: 8 })).toThrow(
      'NetworkAttachmentConfig.sriov: vlanQos is out of range: got 8; a whole number from 0 to 7');
    expect(() => NetworkAttachmentConfig.sriov({ resourceName: 'intel.com/x', maxTxRateMbps: -1 })).toThrow(
      'NetworkAttachmentConfig.sriov: maxTxRateMbps is out of range: got -1; a whole number ≥ 0');
    expect(() => NetworkAttachmentConfig.sriov({ resourceName: 'intel.com/x', minTxRateMbps: 500, maxTxRateMbps: 100 })).toThrow(
      'NetworkAttachmentConfig.sriov: minTxRateMbps must not exceed maxTxRateMbps: got 500; at most 100');
  });

  test('fails when a custom config has no cniVersion, no type, or a plugin without type', () => {
    expect(() => NetworkAttachmentConfig.custom({ type: 'bridge' })).toThrow(
      "NetworkAttachmentConfig.custom: config.cniVersion must be a CNI version: got undefined; e.g. '0.3.1' or '1.0.0'");
    expect(() => NetworkAttachmentConfig.custom({ cniVersion: '0.3.1' })).toThrow(
      "NetworkAttachmentConfig.custom: config.type must name a CNI plugin: got undefined; a plugin type such as 'bridge', or a 'plugins' list");
    expect(() => NetworkAttachmentConfig.custom({ cniVersion: '0.3.1', plugins: [{ type: 'bridge' }, {}] })).toThrow(
      "NetworkAttachmentConfig.custom: config.plugins[1].type must name a CNI plugin: got undefined; a plugin type such as 'bridge'");
  });

  test('fails when a custom config is not a JSON object or cannot be serialized', () => {
    expect(() => NetworkAttachmentConfig.custom('{"cniVersion":"0.3.1"}' as any)).toThrow(
      'NetworkAttachmentConfig.custom: config has the wrong type: got "{\\"cniVersion\\":\\"0.3.1\\"}"; expected a map of strings (each value a JSON value) (property-type)');
    const circular: any = { cniVersion: '0.3.1', type: 'bridge' };
    circular.self = circular;
    expect(() => NetworkAttachmentConfig.custom(circular)).toThrow('NetworkAttachmentConfig.custom: config.self refers back to itself: got an object; a JSON value without cycles (property-type)');
  });

  test('fails when a custom config asks for masquerade', () => {
    expect(() => NetworkAttachmentConfig.custom({ cniVersion: '0.3.1', type: 'bridge' }, { binding: InterfaceBinding.MASQUERADE })).toThrow(
      'NetworkAttachmentConfig.custom: binding cannot be masquerade on a multus network: got "masquerade"; bridge or sriov (interface-masquerade-pod)');
  });

  test('fails when the name is not a DNS-1123 label', () => {
    expect(() => new NetworkAttachment(newChart(), 'Prod_Net', { config: NetworkAttachmentConfig.bridge({ bridge: 'br0' }) })).toThrow(
      "NetworkAttachment 'test/Prod_Net': name (from the construct id) must be a DNS-1123 label: got \"Prod_Net\"; a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters; set props.name when the construct id is not one");
  });

  test('fails when the namespace is not a namespace name', () => {
    expect(() => new NetworkAttachment(newChart(), 'lan', { namespace: 'Infra', config: NetworkAttachmentConfig.bridge({ bridge: 'br0' }) })).toThrow(
      "NetworkAttachment 'test/lan': namespace must be a namespace name: got \"Infra\"; a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters");
  });

  test('fails when the resourceName annotation contradicts the config', () => {
    expect(() => new NetworkAttachment(newChart(), 'fast', {
      annotations: { 'k8s.v1.cni.cncf.io/resourceName': 'intel.com/other' },
      config: NetworkAttachmentConfig.sriov({ resourceName: 'intel.com/sriov_netdevice' }),
    })).toThrow("NetworkAttachment 'test/fast': annotations.k8s.v1.cni.cncf.io/resourceName must match the config's resourceName: got \"intel.com/other\"; 'intel.com/sriov_netdevice', or leave the annotation out");
  });

  test('fails when a machine asks for a binding the config cannot give', () => {
    const fast = new NetworkAttachment(newChart(), 'fast', { config: NetworkAttachmentConfig.sriov({ resourceName: 'intel.com/sriov_netdevice' }) });
    expect(() => fast.network({ binding: InterfaceBinding.BRIDGE })).toThrow(
      "NetworkAttachment 'test/fast': binding does not fit a 'sriov' network: got \"bridge\"; sriov (or leave it out)");
  });
});
