import * as kplus from 'cdk8s-plus-28';
import { Machine, MachinePool, Network } from '../../src';
import { synthValid } from '../support/conformance';
import { newChart } from '../support/synth';

describe('expose', () => {
  test('machine.expose gives a Service selecting the machine pod, SSH on a NodePort', () => {
    const chart = newChart();
    const m = new Machine(chart, 'web');
    const svc = m.expose('ssh', { type: kplus.ServiceType.NODE_PORT, ports: [{ port: 22, nodePort: 30022 }] });
    expect(svc.name).toBe('web-ssh');
    const s = synthValid(chart).find(o => o.kind === 'Service');
    expect(s.metadata).toEqual({ name: 'web-ssh', namespace: 'vms' });
    expect(s.spec).toEqual({ type: 'NodePort', externalIPs: [], selector: { 'cdk8s-kubevirt/machine': 'web' }, ports: [{ port: 22, nodePort: 30022 }] });
  });

  test('target ports are added to a pod interface that lists ports, and left alone when it forwards all', () => {
    const chart = newChart();
    const m = new Machine(chart, 'web', { networks: [Network.pod({ ports: [{ port: 80, name: 'http' }] })] });
    m.expose('lb', { type: kplus.ServiceType.LOAD_BALANCER, ports: [{ port: 443, targetPort: 8443, name: 'https' }, { port: 80, name: 'http' }] });
    new Machine(chart, 'api').expose('svc', { ports: [{ port: 8080 }] });
    const out = synthValid(chart);
    const web = out.find(o => o.kind === 'VirtualMachine' && o.metadata.name === 'web');
    expect(web.spec.template.spec.domain.devices.interfaces[0].ports).toEqual([{ name: 'http', port: 80, protocol: 'TCP' }, { port: 8443, protocol: 'TCP' }]);
    const api = out.find(o => o.kind === 'VirtualMachine' && o.metadata.name === 'api');
    expect(api.spec.template.spec.domain.devices.interfaces[0].ports).toBeUndefined();
  });

  test('fails when a Service has two ports and either is unnamed (Kubernetes requires names then)', () => {
    const chart = newChart();
    new Machine(chart, 'web').expose('lb', { ports: [{ port: 443 }, { port: 80 }] });
    expect(() => synthValid(chart)).toThrow(/Machine 'test\/web': Service 'web-lb' spec\.ports\[0\]\.name .*\(service-port-name\)/);
  });

  test('a pool is exposed behind one Service', () => {
    const chart = newChart();
    new MachinePool(chart, 'web', { replicas: 2 }).expose('http', { ports: [{ port: 80 }] });
    const s = synthValid(chart).find(o => o.kind === 'Service');
    expect(s.spec.selector).toEqual({ 'cdk8s-kubevirt/pool': 'web' });
  });

  test('fails when the machine has no pod network', () => {
    const m = new Machine(newChart(), 'web', { networks: [Network.multus('lan')] });
    expect(() => m.expose('ssh', { ports: [{ port: 22 }] })).toThrow(
      "Machine 'test/web': expose needs the pod network, which a Service reaches: got [\"lan\"]; add Network.pod() to networks");
  });

  test('fails when no port is given', () => {
    expect(() => new Machine(newChart(), 'web').expose('x', { ports: [] })).toThrow("Machine 'test/web': expose.ports must not be empty: got []; at least one port");
  });
});
