/**
 * CPU and memory rules.
 * Source: pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go (validateDomainSpec,
 * validateCPU*, validateMemory*, validateHugepages*) (KubeVirt v1.9).
 */
import { isSet, list, obj, oneOf, Rule, specRule, SpecContext, violation, Violation } from './types';
import { memoByString } from '../private/memo';
import { parseQuantityExact } from '../private/quantity';

const SOURCE = 'pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go';

/** The value of a Kubernetes quantity (a number or a string like `2Gi`, `500m`), or undefined. */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const q = parseQuantityExact(value.trim());
  if (!q) return undefined;
  const n = Number(q.num) / Number(q.den);
  return q.negative ? -n : n;
}

const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/** Close enough to equal, for quantities computed in floating point. */
function same(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

export const CPU_FEATURE_POLICIES = ['force', 'require', 'optional', 'disable', 'forbid'];
const CPU_FEATURE_POLICY_SET = new Set(CPU_FEATURE_POLICIES);

interface Parts {
  readonly domain: any;
  readonly cpu: any;
  readonly memory: any;
  readonly requests: any;
  readonly limits: any;
  readonly at: string;
}

/** The parts of the spec's domain the rules read, made once per spec context and shared by the rules. */
function parts(ctx: SpecContext): Parts {
  let p = ctx.memo.cpuMemory as Parts | undefined;
  if (p === undefined) {
    const domain = obj(ctx.spec.domain);
    const res = obj(domain.resources);
    p = { domain, cpu: obj(domain.cpu), memory: obj(domain.memory), requests: obj(res.requests), limits: obj(res.limits), at: `${ctx.path}.domain` };
    ctx.memo.cpuMemory = p;
  }
  return p;
}

/** `parseQuantity` of a string, remembered (a pure function of the string; fleets repeat a few sizes). */
const parsedQuantity = memoByString(parseQuantity, 1024);

/** `parseQuantity(value)`, remembered for strings. */
function quantity(value: unknown): number | undefined {
  return typeof value === 'string' ? parsedQuantity(value) : parseQuantity(value);
}

function rule(id: string, summary: string, check: (p: Parts, ctx: SpecContext) => Violation[]): Rule {
  return specRule({ id, source: SOURCE, summary, check: ctx => check(parts(ctx), ctx) });
}

export const CPU_MEMORY_RULES: Rule[] = [
  rule('resources-non-negative', 'rejects a negative resource request or limit', p => {
    const out: Violation[] = [];
    for (let k = 0; k < 2; k++) {
      const kind = k === 0 ? 'requests' : 'limits';
      const map = k === 0 ? p.requests : p.limits;
      // for…in with an own-key test visits Object.entries' keys, in its order, without building the pairs.
      for (const name in map) {
        if (!hasOwn(map, name)) continue;
        const value = map[name];
        const q = quantity(value);
        if (q !== undefined && q < 0) {
          out.push(violation('resources-non-negative', `${p.at}.resources.${kind}.${name}`, 'must be at least 0', value, 'a quantity of 0 or more'));
        }
      }
    }
    return out;
  }),
  rule('resources-requests-within-limits', 'rejects a resource request above its limit', p => {
    const out: Violation[] = [];
    for (const name in p.requests) {
      if (!hasOwn(p.requests, name)) continue;
      const value = p.requests[name];
      const req = quantity(value);
      const lim = quantity(p.limits[name]);
      if (req !== undefined && lim !== undefined && req > lim && !same(req, lim)) {
        out.push(violation('resources-requests-within-limits', `${p.at}.resources.requests.${name}`, `must not exceed resources.limits.${name}`, value,
          `at most ${JSON.stringify(p.limits[name])}`));
      }
    }
    return out;
  }),
  rule('memory-guest-within-limit', 'rejects memory.guest above the memory limit', p => {
    const guest = quantity(p.memory.guest);
    const lim = quantity(p.limits.memory);
    return guest !== undefined && lim !== undefined && guest > lim && !same(guest, lim)
      ? [violation('memory-guest-within-limit', `${p.at}.memory.guest`, 'must not exceed resources.limits.memory', p.memory.guest,
        `at most ${JSON.stringify(p.limits.memory)}`)]
      : [];
  }),
  rule('memory-required', 'rejects a VMI spec with none of memory.guest, memory.hugepages, resources.requests.memory (unless an instancetype provides it)', (p, ctx) => {
    if (ctx.vmSpec !== undefined && isSet(ctx.vmSpec.instancetype)) return [];
    if (isSet(p.memory.guest) || isSet(p.memory.hugepages) || isSet(p.requests.memory) || isSet(p.limits.memory)) return [];
    return [violation('memory-required', `${p.at}.memory.guest`, 'must be set, or memory requested another way', undefined,
      'memory.guest, memory.hugepages, resources.requests.memory, or an instancetype')];
  }),
  rule('hugepages-memory', 'rejects hugepages when the VM memory is smaller than, or not a multiple of, the page size', p => {
    const hp = obj(p.memory.hugepages);
    if (!isSet(p.memory.hugepages)) return [];
    const page = quantity(hp.pageSize);
    if (page === undefined || page <= 0) {
      return [violation('hugepages-memory', `${p.at}.memory.hugepages.pageSize`, 'must be a valid quantity', hp.pageSize, 'a page size such as 2Mi or 1Gi')];
    }
    const [field, raw] = isSet(p.memory.guest) ? ['memory.guest', p.memory.guest]
      : isSet(p.requests.memory) ? ['resources.requests.memory', p.requests.memory] : ['resources.limits.memory', p.limits.memory];
    const mem = quantity(raw);
    if (mem === undefined) return [];
    if (mem < page) {
      return [violation('hugepages-memory', `${p.at}.${field}`, `must be at least the hugepage size ${hp.pageSize}`, raw, `a multiple of ${hp.pageSize}`)];
    }
    const ratio = mem / page;
    if (!same(ratio, Math.round(ratio))) {
      return [violation('hugepages-memory', `${p.at}.${field}`, `must be a multiple of the hugepage size ${hp.pageSize}`, raw, `a multiple of ${hp.pageSize}`)];
    }
    return [];
  }),
  rule('dedicated-cpu-integer', 'rejects dedicatedCpuPlacement with a CPU request or limit that is not a whole number of CPUs', p => {
    if (p.cpu.dedicatedCpuPlacement !== true) return [];
    const out: Violation[] = [];
    for (const [kind, map] of [['requests', p.requests], ['limits', p.limits]] as const) {
      if (!isSet(map.cpu)) continue;
      const q = quantity(map.cpu);
      if (q === undefined || !Number.isInteger(Math.round(q * 1e6) / 1e6)) {
        out.push(violation('dedicated-cpu-integer', `${p.at}.resources.${kind}.cpu`, 'must be a whole number of CPUs with dedicatedCpuPlacement', map.cpu,
          'an integer CPU count, e.g. 2'));
      }
    }
    return out;
  }),
  rule('dedicated-cpu-requests-equal-limits', 'rejects dedicatedCpuPlacement with CPU or memory requests that differ from limits', p => {
    if (p.cpu.dedicatedCpuPlacement !== true) return [];
    const out: Violation[] = [];
    for (const name of ['cpu', 'memory']) {
      const req = quantity(p.requests[name]);
      const lim = quantity(p.limits[name]);
      if (req !== undefined && lim !== undefined && !same(req, lim)) {
        out.push(violation('dedicated-cpu-requests-equal-limits', `${p.at}.resources.requests.${name}`,
          `must equal resources.limits.${name} with dedicatedCpuPlacement`, p.requests[name], `${JSON.stringify(p.limits[name])}, the limit`));
      }
    }
    return out;
  }),
  rule('dedicated-cpu-threads', 'rejects dedicatedCpuPlacement with more than 2 threads per core', p =>
    p.cpu.dedicatedCpuPlacement === true && typeof p.cpu.threads === 'number' && p.cpu.threads > 2
      ? [violation('dedicated-cpu-threads', `${p.at}.cpu.threads`, 'must be at most 2 with dedicatedCpuPlacement', p.cpu.threads, '1 or 2')]
      : []),
  rule('isolate-emulator-thread-dedicated', 'rejects isolateEmulatorThread without dedicatedCpuPlacement', p =>
    p.cpu.isolateEmulatorThread === true && p.cpu.dedicatedCpuPlacement !== true
      ? [violation('isolate-emulator-thread-dedicated', `${p.at}.cpu.isolateEmulatorThread`, 'must not be true without dedicatedCpuPlacement', true,
        'dedicatedCpuPlacement: true alongside, or no isolateEmulatorThread')]
      : []),
  rule('numa-passthrough-requirements', 'rejects NUMA guestMappingPassthrough without dedicatedCpuPlacement and hugepages', p => {
    if (!isSet(obj(p.cpu.numa).guestMappingPassthrough)) return [];
    const missing = [
      ...(p.cpu.dedicatedCpuPlacement === true ? [] : ['cpu.dedicatedCpuPlacement']),
      ...(isSet(p.memory.hugepages) ? [] : ['memory.hugepages']),
    ];
    return missing.length > 0
      ? [violation('numa-passthrough-requirements', `${p.at}.cpu.numa.guestMappingPassthrough`, `must not be set without ${missing.join(' and ')}`,
        p.cpu.numa.guestMappingPassthrough, 'guestMappingPassthrough with dedicatedCpuPlacement: true and memory.hugepages')]
      : [];
  }),
  rule('realtime-requirements', 'rejects cpu.realtime without dedicatedCpuPlacement and NUMA guestMappingPassthrough', p => {
    if (!isSet(p.cpu.realtime)) return [];
    const missing = [
      ...(p.cpu.dedicatedCpuPlacement === true ? [] : ['cpu.dedicatedCpuPlacement']),
      ...(isSet(obj(p.cpu.numa).guestMappingPassthrough) ? [] : ['cpu.numa.guestMappingPassthrough']),
    ];
    return missing.length > 0
      ? [violation('realtime-requirements', `${p.at}.cpu.realtime`, `must not be set without ${missing.join(' and ')}`, p.cpu.realtime,
        'realtime with dedicatedCpuPlacement: true and numa.guestMappingPassthrough')]
      : [];
  }),
  rule('cpu-feature-policy', 'rejects a CPU feature policy outside force, require, optional, disable, forbid', p => {
    const features = list(p.cpu.features);
    if (features.length === 0) return [];
    const out: Violation[] = [];
    features.forEach((f, i) => {
      const policy = obj(f).policy;
      if (isSet(policy) && policy !== '' && !CPU_FEATURE_POLICY_SET.has(policy)) {
        out.push(violation('cpu-feature-policy', `${p.at}.cpu.features[${i}].policy`, `must be ${oneOf(CPU_FEATURE_POLICIES)}`, policy, oneOf(CPU_FEATURE_POLICIES)));
      }
    });
    return out;
  }),
  rule('cpu-sockets-max', 'rejects cpu.sockets above cpu.maxSockets', p =>
    typeof p.cpu.sockets === 'number' && typeof p.cpu.maxSockets === 'number' && p.cpu.maxSockets > 0 && p.cpu.sockets > p.cpu.maxSockets
      ? [violation('cpu-sockets-max', `${p.at}.cpu.sockets`, 'must not exceed cpu.maxSockets', p.cpu.sockets, `at most ${p.cpu.maxSockets}`)]
      : []),
];
