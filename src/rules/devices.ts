/**
 * Device and pod-level rules: video, watchdog models per architecture, DNS policy and values, and
 * memory hot-plug headroom.
 * Sources (KubeVirt v1.9): pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go
 * (validateVideoConfig, validateDNSPolicy, validatePodDNSConfig), pkg/virt-api/webhooks/amd64.go
 * (validateWatchdogAmd64, validateVideoTypeAmd64), pkg/virt-api/webhooks/s390x.go
 * (validateWatchdogS390x), pkg/liveupdate/memory/memory.go (ValidateLiveUpdateMemory, called from
 * admitters/vms-admitter.go validateLiveUpdateFeatures).
 */
import { parseQuantity } from './cpu-memory';
import { devices, isObj, isSet, list, obj, oneOf, Rule, specRule, violation, Violation, vmRule } from './types';
import { isDns1123Subdomain } from '../private/names';

const ADMITTER = 'pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go';
const AMD64 = 'pkg/virt-api/webhooks/amd64.go';
const S390X = 'pkg/virt-api/webhooks/s390x.go';
const MEMORY = 'pkg/liveupdate/memory/memory.go';

export const AMD64_VIDEO_TYPES = ['vga', 'cirrus', 'virtio', 'ramfb', 'bochs'];
export const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-fA-F:.]+$/;

function isIp(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  return IPV4.test(value) || (value.includes(':') && IPV6.test(value) && (value.match(/::/g) ?? []).length <= 1);
}

const MI2 = 2 * 2 ** 20;
const GI = 2 ** 30;

export const DEVICE_RULES: Rule[] = [
  specRule({
    id: 'video-autoattach-graphics',
    source: ADMITTER,
    summary: 'rejects a video device when autoattachGraphicsDevice is false',
    check: ({ spec, path }) => {
      const d = devices(spec);
      return isSet(d.video) && d.autoattachGraphicsDevice === false
        ? [violation('video-autoattach-graphics', `${path}.domain.devices.video`, 'must not be set when autoattachGraphicsDevice is false', d.video,
          'no video, or autoattachGraphicsDevice unset or true')]
        : [];
    },
  }),
  specRule({
    id: 'video-type-amd64',
    source: AMD64,
    summary: 'rejects a video type other than vga, cirrus, virtio, ramfb, bochs on amd64',
    check: ({ spec, path }) => {
      const video = devices(spec).video;
      if (spec.architecture !== 'amd64' || !isSet(video)) return [];
      const type = obj(video).type;
      return AMD64_VIDEO_TYPES.includes(type) ? []
        : [violation('video-type-amd64', `${path}.domain.devices.video.type`, `must be ${oneOf(AMD64_VIDEO_TYPES)} on amd64`, type, oneOf(AMD64_VIDEO_TYPES))];
    },
  }),
  specRule({
    id: 'watchdog-model',
    source: `${AMD64}, ${S390X}`,
    summary: 'rejects a watchdog other than i6300esb on amd64, or other than diag288 on s390x',
    check: ({ spec, path }) => {
      const w = devices(spec).watchdog;
      if (!isSet(w)) return [];
      const want = spec.architecture === 'amd64' ? 'i6300esb' : spec.architecture === 's390x' ? 'diag288' : undefined;
      if (want === undefined) return [];
      const models = ['i6300esb', 'diag288'].filter(m => isSet(obj(w)[m]));
      return models.length === 1 && models[0] === want ? []
        : [violation('watchdog-model', `${path}.domain.devices.watchdog`, `must use the ${want} model alone on ${spec.architecture}`, models, `${want}: { action: … }`)];
    },
  }),
  specRule({
    id: 'dns-policy',
    source: ADMITTER,
    summary: 'rejects a dnsPolicy outside ClusterFirstWithHostNet, ClusterFirst, Default, None',
    check: ({ spec, path }) =>
      isSet(spec.dnsPolicy) && spec.dnsPolicy !== '' && !DNS_POLICIES.includes(spec.dnsPolicy)
        ? [violation('dns-policy', `${path}.dnsPolicy`, `must be ${oneOf(DNS_POLICIES)}`, spec.dnsPolicy, oneOf(DNS_POLICIES))]
        : [],
  }),
  specRule({
    id: 'dns-policy-none',
    source: ADMITTER,
    summary: 'rejects dnsPolicy None without a dnsConfig that lists a nameserver',
    check: ({ spec, path }) =>
      spec.dnsPolicy === 'None' && list(obj(spec.dnsConfig).nameservers).length === 0
        ? [violation('dns-policy-none', `${path}.dnsConfig.nameservers`, 'must list at least one nameserver when dnsPolicy is None', obj(spec.dnsConfig).nameservers,
          'one to three nameserver IP addresses')]
        : [],
  }),
  specRule({
    id: 'dns-config-values',
    source: ADMITTER,
    summary: 'rejects dnsConfig nameservers that are not IP addresses, search paths that are not DNS-1123 subdomains, and options without a name',
    check: ({ spec, path }) => {
      if (!isObj(spec.dnsConfig)) return []; // obj() gives {}: no lists, nothing to report
      const dns = spec.dnsConfig;
      const out: Violation[] = [];
      list(dns.nameservers).forEach((ns, i) => {
        if (!isIp(ns)) out.push(violation('dns-config-values', `${path}.dnsConfig.nameservers[${i}]`, 'must be an IP address', ns, 'an IPv4 or IPv6 address'));
      });
      list(dns.searches).forEach((s, i) => {
        if (typeof s !== 'string' || !isDns1123Subdomain(s)) {
          out.push(violation('dns-config-values', `${path}.dnsConfig.searches[${i}]`, 'must be a DNS-1123 subdomain', s, "lowercase letters, digits, '-' and '.'"));
        }
      });
      list(dns.options).forEach((o, i) => {
        const name = obj(o).name;
        if (typeof name !== 'string' || name === '') out.push(violation('dns-config-values', `${path}.dnsConfig.options[${i}].name`, 'must not be empty', name, 'a resolver option name, e.g. ndots'));
      });
      return out;
    },
  }),
  vmRule({
    id: 'memory-hotplug',
    source: `${MEMORY} (ValidateLiveUpdateMemory)`,
    summary: 'rejects maxGuest (under the LiveUpdate rollout strategy) below guest memory, not 2Mi-aligned (1Gi with 1Gi hugepages), with realtime or NUMA passthrough, off amd64, or with less than 1Gi of guest memory',
    clusterDependent: true,
    check: (vmSpec, vmPath) => {
      const spec = obj(obj(vmSpec.template).spec);
      const domain = obj(spec.domain);
      const memory = obj(domain.memory);
      if (!isSet(memory.maxGuest)) return [];
      const at = `${vmPath}.template.spec.domain.memory`;
      const cpu = obj(domain.cpu);
      const fail = (field: string, problem: string, value: unknown, allowed: string) => [violation('memory-hotplug', `${at}.${field}`, problem, value, allowed)];
      if (isSet(cpu.realtime)) return fail('maxGuest', 'must not be set with cpu.realtime', memory.maxGuest, 'no maxGuest on a realtime VM');
      if (isSet(obj(cpu.numa).guestMappingPassthrough)) return fail('maxGuest', 'must not be set with NUMA guestMappingPassthrough', memory.maxGuest, 'no maxGuest with NUMA passthrough');
      const guest = parseQuantity(memory.guest);
      const max = parseQuantity(memory.maxGuest);
      if (guest === undefined) return fail('guest', 'must be set with maxGuest', memory.guest, 'a guest memory size');
      if (max === undefined) return [];
      const align = obj(memory.hugepages).pageSize === '1Gi' ? GI : MI2;
      const alignText = align === GI ? '1Gi' : '2Mi';
      if (guest > max) return fail('guest', 'must not exceed maxGuest', memory.guest, `at most ${JSON.stringify(memory.maxGuest)}`);
      if (guest % align !== 0) return fail('guest', `must be a multiple of ${alignText} with maxGuest`, memory.guest, `a multiple of ${alignText}`);
      if (max % align !== 0) return fail('maxGuest', `must be a multiple of ${alignText}`, memory.maxGuest, `a multiple of ${alignText}`);
      if (isSet(spec.architecture) && spec.architecture !== 'amd64') return fail('maxGuest', 'is only supported on amd64', spec.architecture, 'architecture amd64');
      if (guest < GI) return fail('guest', 'must be at least 1Gi with maxGuest', memory.guest, 'at least 1Gi');
      return [];
    },
  }),
];
