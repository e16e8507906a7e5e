/**
 * Other VMI template rules: probes, eviction, hostname/subdomain, dnsConfig, accessCredentials, inputs,
 * ioThreadsPolicy, reserved labels and the 256-item list limits.
 * Source: pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go (KubeVirt v1.9), and
 * the CRD schema for the list limits.
 */
import { devices, isSet, itemName, list, obj, oneOf, Rule, setKeys, specRule, violation, Violation } from './types';
import { DNS1123_LABEL_ALLOWED, DNS1123_SUBDOMAIN_ALLOWED, isDns1123Label, isDns1123Subdomain } from '../private/names';

const SOURCE = 'pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go';

export const EVICTION_STRATEGIES = ['LiveMigrate', 'LiveMigrateIfPossible', 'None', 'External'];
const EVICTION_STRATEGY_SET = new Set(EVICTION_STRATEGIES);
export const IO_THREADS_POLICIES = ['shared', 'auto', 'supplementalPool'];
const IO_THREADS_POLICY_SET = new Set(IO_THREADS_POLICIES);
const PROBE_HANDLERS = ['httpGet', 'tcpSocket', 'exec', 'guestAgentPing'];
const PROBES = ['livenessProbe', 'readinessProbe'];
const MAX_NAMESERVERS = 3;
const MAX_SEARCHES = 6;
const MAX_SEARCH_CHARS = 256;
/** The list limit of the CRD schema. */
export const MAX_ITEMS = 256;

/**
 * Labels that only KubeVirt's own service accounts may set on a VMI (restrictedVmiLabels in
 * vmi-create-admitter.go). Other `kubevirt.io/` labels, such as `kubevirt.io/domain`, are allowed.
 */
export const RESERVED_LABELS = [
  'kubevirt.io/created-by',
  'kubevirt.io/install-strategy',
  'kubevirt.io/migrationJobUID',
  'kubevirt.io/migrationTargetNodeName',
  'kubevirt.io/nodeName',
  'kubevirt.io/schedulable',
];
const RESERVED_LABEL_SET = new Set(RESERVED_LABELS);

/** True when the spec has a pod network, given or defaulted (no networks and the pod interface autoattached). */
function hasPodNetwork(spec: any): boolean {
  const networks = list(spec.networks);
  if (networks.length === 0) return devices(spec).autoattachPodInterface !== false;
  return networks.some(n => isSet(obj(n).pod));
}

export const TEMPLATE_RULES: Rule[] = [
  specRule({
    id: 'probe-one-handler',
    source: SOURCE,
    summary: 'rejects a liveness or readiness probe without exactly one of httpGet, tcpSocket, exec, guestAgentPing',
    check: ({ spec, path }) => {
      const out: Violation[] = [];
      for (const probe of PROBES) {
        if (!isSet(spec[probe])) continue;
        const set = setKeys(obj(spec[probe]), PROBE_HANDLERS);
        if (set.length !== 1) {
          out.push(violation('probe-one-handler', `${path}.${probe}`, 'must set exactly one handler', set, oneOf(PROBE_HANDLERS)));
        }
      }
      return out;
    },
  }),
  specRule({
    id: 'probe-pod-network',
    source: SOURCE,
    summary: 'rejects an httpGet or tcpSocket probe in a VMI without a pod network',
    check: ({ spec, path }) => {
      const out: Violation[] = [];
      for (const probe of PROBES) {
        const p = obj(spec[probe]);
        for (const handler of ['httpGet', 'tcpSocket']) {
          if (isSet(p[handler]) && !hasPodNetwork(spec)) {
            out.push(violation('probe-pod-network', `${path}.${probe}.${handler}`, 'must not be used without a pod network', p[handler],
              'exec or guestAgentPing, or add a pod network'));
          }
        }
      }
      return out;
    },
  }),
  specRule({
    id: 'eviction-strategy',
    source: SOURCE,
    summary: 'rejects an evictionStrategy outside LiveMigrate, LiveMigrateIfPossible, None, External',
    check: ({ spec, path }) => isSet(spec.evictionStrategy) && !EVICTION_STRATEGY_SET.has(spec.evictionStrategy)
      ? [violation('eviction-strategy', `${path}.evictionStrategy`, `must be ${oneOf(EVICTION_STRATEGIES)}`, spec.evictionStrategy, oneOf(EVICTION_STRATEGIES))]
      : [],
  }),
  specRule({
    id: 'hostname-dns-label',
    source: SOURCE,
    summary: 'rejects a hostname that is not a DNS-1123 label',
    check: ({ spec, path }) => isSet(spec.hostname) && spec.hostname !== '' && !isDns1123Label(spec.hostname)
      ? [violation('hostname-dns-label', `${path}.hostname`, 'must be a DNS-1123 label', spec.hostname, DNS1123_LABEL_ALLOWED)]
      : [],
  }),
  specRule({
    id: 'subdomain-dns-subdomain',
    source: SOURCE,
    summary: 'rejects a subdomain that is not a DNS-1123 subdomain',
    check: ({ spec, path }) => isSet(spec.subdomain) && spec.subdomain !== '' && !isDns1123Subdomain(spec.subdomain)
      ? [violation('subdomain-dns-subdomain', `${path}.subdomain`, 'must be a DNS-1123 subdomain', spec.subdomain, DNS1123_SUBDOMAIN_ALLOWED)]
      : [],
  }),
  specRule({
    id: 'dns-config-limits',
    source: SOURCE,
    summary: 'rejects dnsConfig with more than 3 nameservers, more than 6 search paths, or search paths longer than 256 characters',
    check: ({ spec, path }) => {
      const dns = obj(spec.dnsConfig);
      const out: Violation[] = [];
      const ns = list(dns.nameservers);
      if (ns.length > MAX_NAMESERVERS) {
        out.push(violation('dns-config-limits', `${path}.dnsConfig.nameservers`, `must have at most ${MAX_NAMESERVERS} entries`, `${ns.length} entries`,
          `at most ${MAX_NAMESERVERS} nameservers`));
      }
      const searches = list(dns.searches);
      if (searches.length > MAX_SEARCHES) {
        out.push(violation('dns-config-limits', `${path}.dnsConfig.searches`, `must have at most ${MAX_SEARCHES} entries`, `${searches.length} entries`,
          `at most ${MAX_SEARCHES} search paths`));
      }
      const chars = searches.join(' ').length;
      if (chars > MAX_SEARCH_CHARS) {
        out.push(violation('dns-config-limits', `${path}.dnsConfig.searches`, `must total at most ${MAX_SEARCH_CHARS} characters`, `${chars} characters`,
          `search paths of at most ${MAX_SEARCH_CHARS} characters in all, joined by spaces`));
      }
      return out;
    },
  }),
  specRule({
    id: 'access-credential-shape',
    source: SOURCE,
    summary: 'rejects an access credential without exactly one type, one source and one propagation method',
    check: ({ spec, path }) => {
      const creds = list(spec.accessCredentials);
      if (creds.length === 0) return []; // nothing to walk: no list, no closure
      const out: Violation[] = [];
      creds.forEach((c, i) => {
        const at = `${path}.accessCredentials[${i}]`;
        const cred = obj(c);
        const types = setKeys(cred, ['sshPublicKey', 'userPassword']);
        if (types.length !== 1) {
          out.push(violation('access-credential-shape', at, 'must set exactly one credential type', types, 'one of sshPublicKey, userPassword'));
          return;
        }
        const type = types[0];
        const body = obj(cred[type]);
        if (setKeys(obj(body.source), ['secret']).length !== 1) {
          out.push(violation('access-credential-shape', `${at}.${type}.source`, 'must set exactly one source', body.source, 'secret'));
        }
        const methods = type === 'sshPublicKey' ? ['qemuGuestAgent', 'noCloud', 'configDrive'] : ['qemuGuestAgent'];
        const set = setKeys(obj(body.propagationMethod), methods);
        if (set.length !== 1) {
          out.push(violation('access-credential-shape', `${at}.${type}.propagationMethod`, 'must set exactly one propagation method', set, oneOf(methods)));
        }
      });
      return out;
    },
  }),
  specRule({
    id: 'access-credential-cloud-init-volume',
    source: SOURCE,
    summary: 'rejects noCloud propagation without a cloudInitNoCloud volume, and configDrive propagation without a cloudInitConfigDrive volume',
    check: ({ spec, path }) => {
      const creds = list(spec.accessCredentials);
      if (creds.length === 0) return [];
      const volumes = list(spec.volumes);
      const has = (kind: string) => volumes.some(v => isSet(obj(v)[kind]));
      const out: Violation[] = [];
      creds.forEach((c, i) => {
        const method = obj(obj(obj(c).sshPublicKey).propagationMethod);
        for (const [m, kind] of [['noCloud', 'cloudInitNoCloud'], ['configDrive', 'cloudInitConfigDrive']]) {
          if (isSet(method[m]) && !has(kind)) {
            out.push(violation('access-credential-cloud-init-volume', `${path}.accessCredentials[${i}].sshPublicKey.propagationMethod.${m}`,
              `must have a ${kind} volume`, method[m], `a volume with ${kind}, or another propagation method`));
          }
        }
      });
      return out;
    },
  }),
  specRule({
    id: 'access-credential-guest-agent-users',
    source: SOURCE,
    summary: 'rejects sshPublicKey qemuGuestAgent propagation without users',
    check: ({ spec, path }) => {
      const creds = list(spec.accessCredentials);
      if (creds.length === 0) return []; // nothing to walk: no list, no closure
      const out: Violation[] = [];
      creds.forEach((c, i) => {
        const qga = obj(obj(obj(c).sshPublicKey).propagationMethod).qemuGuestAgent;
        if (isSet(qga) && list(obj(qga).users).length === 0) {
          out.push(violation('access-credential-guest-agent-users', `${path}.accessCredentials[${i}].sshPublicKey.propagationMethod.qemuGuestAgent.users`,
            'must list at least one user', obj(qga).users, 'one or more guest user names'));
        }
      });
      return out;
    },
  }),
  specRule({
    id: 'input-device',
    source: SOURCE,
    summary: 'rejects an input device whose bus is not virtio or usb, or whose type is not tablet',
    check: ({ spec, path }) => {
      const inputs = list(devices(spec).inputs);
      if (inputs.length === 0) return [];
      const out: Violation[] = [];
      inputs.forEach((x, i) => {
        const input = obj(x);
        const at = `${path}.domain.devices.inputs[${i}]`;
        if (isSet(input.bus) && input.bus !== '' && input.bus !== 'virtio' && input.bus !== 'usb') {
          out.push(violation('input-device', `${at}.bus`, `must be virtio or usb (${itemName('input', x, i)})`, input.bus, 'one of virtio, usb'));
        }
        if (input.type !== 'tablet') {
          out.push(violation('input-device', `${at}.type`, `must be tablet (${itemName('input', x, i)})`, input.type, 'tablet'));
        }
      });
      return out;
    },
  }),
  specRule({
    id: 'io-threads-policy',
    source: SOURCE,
    summary: 'rejects an ioThreadsPolicy outside shared, auto, supplementalPool, and supplementalPool without a thread count of at least 1',
    check: ({ spec, path }) => {
      const domain = obj(spec.domain);
      const policy = domain.ioThreadsPolicy;
      if (!isSet(policy)) return [];
      if (!IO_THREADS_POLICY_SET.has(policy)) {
        return [violation('io-threads-policy', `${path}.domain.ioThreadsPolicy`, `must be ${oneOf(IO_THREADS_POLICIES)}`, policy, oneOf(IO_THREADS_POLICIES))];
      }
      const count = obj(domain.ioThreads).supplementalPoolThreadCount;
      if (policy === 'supplementalPool' && !(typeof count === 'number' && count >= 1)) {
        return [violation('io-threads-policy', `${path}.domain.ioThreads.supplementalPoolThreadCount`, 'must be at least 1 with ioThreadsPolicy supplementalPool',
          count, 'an integer of 1 or more')];
      }
      return [];
    },
  }),
  specRule({
    id: 'template-labels-reserved',
    source: SOURCE,
    summary: 'rejects template labels reserved for KubeVirt itself (kubevirt.io/created-by, kubevirt.io/nodeName, …)',
    check: ({ path, templateMeta }) => {
      const labels = obj(obj(templateMeta).labels);
      const metaPath = path.endsWith('.spec') ? `${path.slice(0, -'.spec'.length)}.metadata` : 'metadata';
      const out: Violation[] = [];
      for (const key of Object.keys(labels)) {
        if (RESERVED_LABEL_SET.has(key)) {
          out.push(violation('template-labels-reserved', `${metaPath}.labels[${JSON.stringify(key)}]`, 'must not be set: the label is reserved for KubeVirt', labels[key],
            `labels other than ${RESERVED_LABELS.join(', ')}`));
        }
      }
      return out;
    },
  }),
  specRule({
    id: 'list-limit',
    source: 'pkg/virt-operator/resource/generate/components/validations_generated.go (CRD schema maxItems)',
    summary: 'rejects more than 256 disks, interfaces, networks, volumes or accessCredentials',
    check: ({ spec, path }) => {
      const dev = devices(spec);
      // Quick exit: no list is long enough (list() of anything else is empty).
      if (list(dev.disks).length <= MAX_ITEMS && list(dev.interfaces).length <= MAX_ITEMS && list(spec.networks).length <= MAX_ITEMS
        && list(spec.volumes).length <= MAX_ITEMS && list(spec.accessCredentials).length <= MAX_ITEMS) return [];
      const out: Violation[] = [];
      for (const [at, items] of [
        ['domain.devices.disks', dev.disks], ['domain.devices.interfaces', dev.interfaces], ['networks', spec.networks],
        ['volumes', spec.volumes], ['accessCredentials', spec.accessCredentials],
      ] as Array<[string, unknown]>) {
        const n = list(items).length;
        if (n > MAX_ITEMS) out.push(violation('list-limit', `${path}.${at}`, `must have at most ${MAX_ITEMS} items`, `${n} items`, `at most ${MAX_ITEMS} items`));
      }
      return out;
    },
  }),
];
