import { DnsPolicy } from '../../src';
import { synthMachine, templateSpec } from '../support/synth';

const ERR = "Machine 'test/web'";

describe('Machine pod-level fields', () => {
  test('priorityClassName, schedulerName, dnsPolicy and dnsConfig', () => {
    const { vm } = synthMachine({
      priorityClassName: 'vm-critical',
      schedulerName: 'volcano',
      dnsPolicy: DnsPolicy.NONE,
      dnsConfig: { nameservers: ['10.0.0.10'], searches: ['corp.example.com'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] },
    });
    const spec = templateSpec(vm);
    expect(spec.priorityClassName).toBe('vm-critical');
    expect(spec.schedulerName).toBe('volcano');
    expect(spec.dnsPolicy).toBe('None');
    expect(spec.dnsConfig).toEqual({ nameservers: ['10.0.0.10'], searches: ['corp.example.com'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] });
  });

  test('template labels and annotations go on the template alone; labels and annotations on both', () => {
    const { vm } = synthMachine({
      labels: { app: 'web' },
      annotations: { 'example.com/owner': 'team-a' },
      templateLabels: { 'kubevirt.io/domain': 'web', 'tier': 'front' },
      templateAnnotations: { 'vm.kubevirt.io/os': 'fedora' },
    });
    expect(vm.metadata.labels).toEqual({ 'app': 'web', 'app.kubernetes.io/managed-by': 'cdk8s-kubevirt' });
    expect(vm.metadata.annotations).toEqual({ 'example.com/owner': 'team-a' });
    expect(vm.spec.template.metadata.labels).toEqual({
      'app': 'web', 'app.kubernetes.io/managed-by': 'cdk8s-kubevirt', 'cdk8s-kubevirt/machine': 'web', 'kubevirt.io/domain': 'web', 'tier': 'front',
    });
    expect(vm.spec.template.metadata.annotations).toEqual({ 'example.com/owner': 'team-a', 'vm.kubevirt.io/os': 'fedora' });
  });

  test('fails when dnsPolicy is None without nameservers', () => {
    expect(() => synthMachine({ dnsPolicy: DnsPolicy.NONE })).toThrow(
      `${ERR}: dnsConfig.nameservers must list at least one nameserver when dnsPolicy is None: got undefined; one to three IP addresses (dns-policy-none)`);
  });

  test('fails when a nameserver is not an IP address', () => {
    expect(() => synthMachine({ dnsConfig: { nameservers: ['dns.example.com'] } })).toThrow(
      `${ERR}: dnsConfig.nameservers must be IP addresses: got "dns.example.com"; an IPv4 or IPv6 address (dns-config-values)`);
  });

  test('fails when there are 4 nameservers', () => {
    expect(() => synthMachine({ dnsConfig: { nameservers: ['1.1.1.1', '1.0.0.1', '8.8.8.8', '8.8.4.4'] } })).toThrow(
      `${ERR}: dnsConfig.nameservers must have at most 3 entries: got ["1.1.1.1","1.0.0.1","8.8.8.8","8.8.4.4"]; at most 3 nameservers (dns-config-limits)`);
  });

  test('fails when a search domain is not a DNS subdomain, or an option has no name', () => {
    expect(() => synthMachine({ dnsConfig: { searches: ['Corp'] } })).toThrow(
      `${ERR}: dnsConfig.searches must be DNS-1123 subdomains: got "Corp"; lowercase letters, digits, '-' and '.', e.g. svc.cluster.local (dns-config-values)`);
    expect(() => synthMachine({ dnsConfig: { options: [{ name: '' }] } })).toThrow(
      `${ERR}: dnsConfig.options must each have a name: got ""; a resolver option name, e.g. ndots (dns-config-values)`);
  });

  test('fails when priorityClassName is not an object name', () => {
    expect(() => synthMachine({ priorityClassName: 'High' })).toThrow(
      `${ERR}: priorityClassName must be a DNS-1123 subdomain: got "High"; lowercase letters, digits, '-' and '.', at most 253 characters`);
  });
});

