/**
 * Pod-level fields of the VM template (`spec.template.spec`): scheduling class, DNS, and the
 * template's own labels and annotations. Each field is emitted only when set.
 */
import type * as kv from '../imports/kubevirt-json';
import { fail } from '../private/errors';
import { isDns1123Subdomain } from '../private/names';
import { sortedOwnMap } from '../private/units';

/** DNS policy of the virt-launcher pod. */
export enum DnsPolicy {
  /** Cluster DNS first, then the node's upstream servers (Kubernetes' default). */
  CLUSTER_FIRST = 'ClusterFirst',
  /** ClusterFirst, for pods on the host network. */
  CLUSTER_FIRST_WITH_HOST_NET = 'ClusterFirstWithHostNet',
  /** The node's resolver configuration. */
  DEFAULT = 'Default',
  /** Only `dnsConfig`, which must then list at least one nameserver. */
  NONE = 'None',
}

/** A resolver option (`options` in resolv.conf). */
export interface DnsOption {
  /** Option name, e.g. `ndots`. */
  readonly name: string;
  /**
   * Option value.
   * @default - none
   */
  readonly value?: string;
}

/**
 * DNS settings merged into the pod's resolv.conf (what the guest gets over DHCP on the pod network).
 *
 * @see https://kubevirt.io/user-guide/network/dns/
 */
export interface DnsConfig {
  /**
   * Nameserver IP addresses (at most 3).
   * @default - none
   */
  readonly nameservers?: string[];
  /**
   * Search domains (at most 6, 256 characters in all).
   * @default - none
   */
  readonly searches?: string[];
  /**
   * Resolver options.
   * @default - none
   */
  readonly options?: DnsOption[];
}

/**
 * Pod-level options of a machine.
 *
 * @example
 * new Machine(chart, 'web', {
 *   priorityClassName: 'vm-critical',
 *   dnsPolicy: DnsPolicy.NONE,
 *   dnsConfig: { nameservers: ['10.0.0.10'], searches: ['corp.example.com'] },
 *   templateLabels: { 'kubevirt.io/domain': 'web' },
 * });
 */
export interface PodOptions {
  /**
   * PriorityClass of the virt-launcher pod.
   * @default - the cluster's default priority
   * @see https://kubevirt.io/user-guide/compute/run_strategies/
   */
  readonly priorityClassName?: string;
  /**
   * Scheduler that places the virt-launcher pod.
   * @default - the default scheduler
   */
  readonly schedulerName?: string;
  /**
   * DNS policy of the pod.
   * @default - Kubernetes' default, DnsPolicy.CLUSTER_FIRST
   * @see https://kubevirt.io/user-guide/network/dns/
   */
  readonly dnsPolicy?: DnsPolicy;
  /**
   * DNS settings. Required, with a nameserver, when `dnsPolicy` is NONE.
   * @default - none
   * @see https://kubevirt.io/user-guide/network/dns/
   */
  readonly dnsConfig?: DnsConfig;
  /**
   * Labels on the VM template (and so on the VMI and its pod) only, on top of `labels`, which go on
   * both the VM object and its template.
   * @default - none besides `labels` and the selector label
   */
  readonly templateLabels?: { [key: string]: string };
  /**
   * Annotations on the VM template (and so on the VMI) only, on top of `annotations`, which go on
   * both the VM object and its template.
   * @default - none besides `annotations`
   */
  readonly templateAnnotations?: { [key: string]: string };
}

type StringMap = { [key: string]: string };

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-fA-F:]+(%[A-Za-z0-9]+)?$/;

function isIp(s: string): boolean {
  return IPV4.test(s) || (s.includes(':') && IPV6.test(s) && (s.match(/::/g) ?? []).length <= 1);
}

/** Fails on pod options KubeVirt rejects (validatePodDNSConfig, validateDNSPolicy in vmi-create-admitter.go). */
export function checkPodOptions(who: string, p: PodOptions): void {
  for (const [property, value] of [['priorityClassName', p.priorityClassName], ['schedulerName', p.schedulerName]] as const) {
    if (value !== undefined && !isDns1123Subdomain(value)) {
      fail(who, { property, problem: 'must be a DNS-1123 subdomain', value, allowed: "lowercase letters, digits, '-' and '.', at most 253 characters" });
    }
  }
  const dns = p.dnsConfig;
  if (p.dnsPolicy === DnsPolicy.NONE && !(dns?.nameservers?.length)) {
    fail(who, { property: 'dnsConfig.nameservers', problem: 'must list at least one nameserver when dnsPolicy is None', value: dns?.nameservers, allowed: 'one to three IP addresses', ruleId: 'dns-policy-none' });
  }
  if (!dns) return;
  const ns = dns.nameservers ?? [];
  if (ns.length > 3) {
    fail(who, { property: 'dnsConfig.nameservers', problem: 'must have at most 3 entries', value: ns, allowed: 'at most 3 nameservers', ruleId: 'dns-config-limits' });
  }
  for (const n of ns) {
    if (!isIp(n)) fail(who, { property: 'dnsConfig.nameservers', problem: 'must be IP addresses', value: n, allowed: 'an IPv4 or IPv6 address', ruleId: 'dns-config-values' });
  }
  const searches = dns.searches ?? [];
  if (searches.length > 6) {
    fail(who, { property: 'dnsConfig.searches', problem: 'must have at most 6 entries', value: searches, allowed: 'at most 6 search domains', ruleId: 'dns-config-limits' });
  }
  if (searches.join(' ').length > 256) {
    fail(who, { property: 'dnsConfig.searches', problem: 'must total at most 256 characters', value: `${searches.join(' ').length} characters`, allowed: 'search domains of at most 256 characters in all, joined by spaces', ruleId: 'dns-config-limits' });
  }
  for (const s of searches) {
    if (!isDns1123Subdomain(s)) fail(who, { property: 'dnsConfig.searches', problem: 'must be DNS-1123 subdomains', value: s, allowed: "lowercase letters, digits, '-' and '.', e.g. svc.cluster.local", ruleId: 'dns-config-values' });
  }
  for (const o of dns.options ?? []) {
    if (typeof o.name !== 'string' || o.name === '') fail(who, { property: 'dnsConfig.options', problem: 'must each have a name', value: o.name, allowed: 'a resolver option name, e.g. ndots', ruleId: 'dns-config-values' });
  }
}

/** Adds the pod-level fields to a rendered template spec. Never throws. */
export function renderPodOptions(p: PodOptions, templateSpec: kv.VirtualMachineInstanceSpec): void {
  if (p.dnsConfig) {
    const d = p.dnsConfig;
    const out: kv.At<kv.VirtualMachineInstanceSpec, 'dnsConfig'> = {};
    if (d.nameservers?.length) out.nameservers = [...d.nameservers];
    if (d.options?.length) out.options = d.options.map(o => ({ name: o.name, ...(o.value !== undefined ? { value: o.value } : {}) }));
    if (d.searches?.length) out.searches = [...d.searches];
    templateSpec.dnsConfig = out;
  }
  if (p.dnsPolicy) templateSpec.dnsPolicy = p.dnsPolicy;
  if (p.priorityClassName) templateSpec.priorityClassName = p.priorityClassName;
  if (p.schedulerName) templateSpec.schedulerName = p.schedulerName;
}

/**
 * The template's labels: machine labels, then labels constructs added to the template (`added`), then
 * template-only labels, then the selector labels.
 */
export function templateLabels(labels: StringMap, p: PodOptions, selector: StringMap, added?: StringMap): StringMap | undefined {
  return sortedOwnMap({ ...labels, ...added, ...p.templateLabels, ...selector });
}

/** The template's annotations: machine annotations, then template-only ones. */
export function templateAnnotations(annotations: StringMap | undefined, p: PodOptions): StringMap | undefined {
  return sortedOwnMap({ ...annotations, ...p.templateAnnotations });
}
