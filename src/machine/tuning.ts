/**
 * CPU and memory tuning: CPU model and features, pinning extras (emulator thread, NUMA, realtime),
 * I/O threads, hugepages, explicit resources and hot-plug headroom.
 * Each field is emitted only when set.
 */
import { Size } from 'cdk8s';
import type * as kplus from 'cdk8s-plus-28';
import type * as kv from '../imports/kubevirt-json';
import { fail } from '../private/errors';
import { guardCall } from '../private/lazy-guard';
import { quantity, SIZE_ALLOWED } from '../private/units';

/**
 * The CPU model the guest sees (`domain.cpu.model`).
 *
 * @see https://kubevirt.io/user-guide/compute/virtual_hardware/#cpu-model-special-cases
 */
export class CpuModel {
  /** The host CPU as is: fastest, but the VM migrates only to identical hosts. */
  public static readonly HOST_PASSTHROUGH = new CpuModel('host-passthrough');
  /** The closest named model to the host CPU, with the host's extra features (KubeVirt's default). */
  public static readonly HOST_MODEL = new CpuModel('host-model');

  /** A named libvirt CPU model, e.g. `Skylake-Server` or `EPYC`; nodes must support it. */
  public static named(name: string): CpuModel {
    guardCall(undefined, 'cdk8s-kubevirt.CpuModel', 'named', [name]);
    if (typeof name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
      fail('CpuModel.named', { property: 'name', problem: 'must be a libvirt CPU model name', value: name, allowed: "letters, digits, '.', '_' and '-', e.g. Skylake-Server" });
    }
    return new CpuModel(name);
  }

  private constructor(
    /** The `cpu.model` value. */
    public readonly name: string) {}
}

/** How a CPU feature is treated. */
export enum CpuFeaturePolicy {
  /** The feature is on even if the host lacks it. */
  FORCE = 'force',
  /** The feature is on; the VM is scheduled only on hosts that have it (KubeVirt's default). */
  REQUIRE = 'require',
  /** The feature is on if the host has it. */
  OPTIONAL = 'optional',
  /** The feature is off. */
  DISABLE = 'disable',
  /** The VM is scheduled only on hosts without the feature. */
  FORBID = 'forbid',
}

/** A CPU feature (`domain.cpu.features[]`). */
export interface CpuFeature {
  /** Feature name as libvirt knows it, e.g. `vmx`, `pcid`. */
  readonly name: string;
  /**
   * Policy.
   * @default - KubeVirt's default, CpuFeaturePolicy.REQUIRE
   */
  readonly policy?: CpuFeaturePolicy;
}

/**
 * Realtime vCPUs (`domain.cpu.realtime`). Needs `dedicatedCpuPlacement` and `guestNumaPassthrough`
 * (validateCPURealtime, validateMemoryRealtime in vmi-create-admitter.go).
 *
 * @see https://kubevirt.io/user-guide/compute/realtime/
 */
export class Realtime {
  /** Every vCPU runs with the realtime scheduler. */
  public static allVcpus(): Realtime {
    return new Realtime(undefined);
  }

  /** The vCPUs in a libvirt mask run realtime, e.g. `0-3,^1` (0, 2 and 3). */
  public static vcpus(mask: string): Realtime {
    guardCall(undefined, 'cdk8s-kubevirt.Realtime', 'vcpus', [mask]);
    if (typeof mask !== 'string' || !/^\^?\d+(-\d+)?(,\^?\d+(-\d+)?)*$/.test(mask)) {
      fail('Realtime.vcpus', { property: 'mask', problem: 'must be a vCPU mask', value: mask, allowed: "comma-separated vCPU numbers and ranges, '^' to exclude, e.g. 0-3,^1" });
    }
    return new Realtime(mask);
  }

  private constructor(
    /** The mask, if any. */
    public readonly mask?: string) {}
}

/**
 * How I/O threads are allocated for disks (`domain.ioThreadsPolicy`).
 *
 * @see https://kubevirt.io/user-guide/storage/disks_and_volumes/#iothreads
 */
export class IoThreadsPolicy {
  /** One thread shared by every disk, plus one per disk with `dedicatedIOThread`. */
  public static readonly SHARED = new IoThreadsPolicy('shared');
  /** A pool sized from the vCPU count, disks spread over it. */
  public static readonly AUTO = new IoThreadsPolicy('auto');

  /** A pool of `threads` I/O threads for all disks (at least 1). */
  public static supplementalPool(threads: number): IoThreadsPolicy {
    guardCall(undefined, 'cdk8s-kubevirt.IoThreadsPolicy', 'supplementalPool', [threads]);
    if (!(Number.isInteger(threads) && threads >= 1)) {
      fail('IoThreadsPolicy.supplementalPool', { property: 'threads', problem: 'must be a whole number of at least 1', value: threads, allowed: 'an integer ≥ 1', ruleId: 'io-threads-policy' });
    }
    return new IoThreadsPolicy('supplementalPool', threads);
  }

  private constructor(
    /** The policy name. */
    public readonly policy: string,
    /** Thread count for supplementalPool. */
    public readonly threads?: number) {}
}

/**
 * Size of the hugepages that back guest memory (`domain.memory.hugepages.pageSize`). Nodes must
 * offer them.
 *
 * @see https://kubevirt.io/user-guide/compute/virtual_hardware/#hugepages
 */
export class HugepageSize {
  /** 2 MiB pages. */
  public static readonly TWO_MIB = new HugepageSize('2Mi');
  /** 1 GiB pages. */
  public static readonly ONE_GIB = new HugepageSize('1Gi');

  /** Another page size the nodes offer. */
  public static of(size: Size): HugepageSize {
    guardCall(undefined, 'cdk8s-kubevirt.HugepageSize', 'of', [size]);
    const q = quantity(size);
    if (q === undefined) {
      fail('HugepageSize.of', { property: 'size', problem: 'must be a positive whole number of kibibytes', value: size.asString(), allowed: SIZE_ALLOWED });
    }
    return new HugepageSize(q);
  }

  private constructor(
    /** The page size as a quantity, e.g. `2Mi`. */
    public readonly pageSize: string) {}
}

/**
 * Explicit requests and limits of the virt-launcher pod's compute container
 * (`domain.resources`). KubeVirt derives them from CPU and memory otherwise.
 *
 * @see https://kubevirt.io/user-guide/compute/node_overcommit/
 */
export interface MachineResources {
  /**
   * CPU request.
   * @default - derived by KubeVirt from the topology and the cluster's CPU allocation ratio
   */
  readonly cpuRequest?: kplus.Cpu;
  /**
   * CPU limit.
   * @default - none (or derived, with dedicated CPUs)
   */
  readonly cpuLimit?: kplus.Cpu;
  /**
   * Memory request. Below the guest memory, this overcommits memory on the node.
   * @default - the guest memory plus KubeVirt's overhead
   */
  readonly memoryRequest?: Size;
  /**
   * Memory limit.
   * @default - none
   */
  readonly memoryLimit?: Size;
  /**
   * Do not add KubeVirt's own overhead to the memory request (more overcommit).
   * @default false
   */
  readonly overcommitGuestOverhead?: boolean;
}

/**
 * CPU and memory tuning of a machine. Every field is emitted only when set.
 *
 * @example
 * new Machine(chart, 'rt', {
 *   dedicatedCpuPlacement: true,
 *   isolateEmulatorThread: true,
 *   guestNumaPassthrough: true,
 *   hugepages: HugepageSize.ONE_GIB,
 *   realtime: Realtime.vcpus('1-3'),
 *   cpuModel: CpuModel.HOST_PASSTHROUGH,
 * });
 */
export interface TuningOptions {
  /**
   * CPU model.
   * @default - KubeVirt's (or the cluster's) default, host-model
   * @see https://kubevirt.io/user-guide/compute/virtual_hardware/#cpu
   */
  readonly cpuModel?: CpuModel;
  /**
   * CPU features, in order.
   * @default - none
   * @see https://kubevirt.io/user-guide/compute/virtual_hardware/#features
   */
  readonly cpuFeatures?: CpuFeature[];
  /**
   * Run QEMU's emulator thread on one more dedicated CPU. Needs `dedicatedCpuPlacement`.
   * @default false
   * @see https://kubevirt.io/user-guide/compute/dedicated_cpu_resources/
   */
  readonly isolateEmulatorThread?: boolean;
  /**
   * Mirror the host's NUMA topology of the pinned CPUs and hugepages into the guest
   * (`cpu.numa.guestMappingPassthrough`). Needs `dedicatedCpuPlacement`, `hugepages` and the NUMA
   * feature gate.
   * @default false
   * @see https://kubevirt.io/user-guide/compute/numa/
   */
  readonly guestNumaPassthrough?: boolean;
  /**
   * Realtime vCPUs. Needs `dedicatedCpuPlacement` and `guestNumaPassthrough`.
   * @default - none
   * @see https://kubevirt.io/user-guide/compute/realtime/
   */
  readonly realtime?: Realtime;
  /**
   * I/O threads policy; disks opt into a thread of their own with `dedicatedIOThread`.
   * @default - KubeVirt's default (none)
   * @see https://kubevirt.io/user-guide/storage/disks_and_volumes/#iothreads
   */
  readonly ioThreadsPolicy?: IoThreadsPolicy;
  /**
   * Back guest memory with hugepages of this size.
   * @default - no hugepages
   * @see https://kubevirt.io/user-guide/compute/virtual_hardware/#hugepages
   */
  readonly hugepages?: HugepageSize;
  /**
   * Explicit requests and limits, e.g. a memory request below guest memory to overcommit.
   * @default - derived by KubeVirt
   * @see https://kubevirt.io/user-guide/compute/node_overcommit/
   */
  readonly resources?: MachineResources;
  /**
   * CPU hot-plug headroom: the most sockets the VM can grow to without a restart.
   * @default - KubeVirt's default (4 × sockets, when the cluster's rollout strategy is LiveUpdate)
   * @see https://kubevirt.io/user-guide/compute/cpu_hotplug/
   */
  readonly maxSockets?: number;
  /**
   * Memory hot-plug headroom: the most guest memory the VM can grow to without a restart
   * (at least the guest memory; both multiples of 2Mi).
   * @default - KubeVirt's default (4 × guest memory, when the cluster's rollout strategy is LiveUpdate)
   * @see https://kubevirt.io/user-guide/compute/memory_hotplug/
   */
  readonly maxGuest?: Size;
}

const TWO_MIB_KIB = 2048;

/** Fails on tuning options KubeVirt rejects and that can be told from the props alone. */
export function checkTuning(who: string, p: TuningOptions & { dedicatedCpuPlacement?: boolean; sockets?: number; memory?: Size }): void {
  if (p.isolateEmulatorThread && !p.dedicatedCpuPlacement) {
    fail(who, { property: 'isolateEmulatorThread', problem: 'needs dedicatedCpuPlacement', value: true, allowed: 'dedicatedCpuPlacement: true alongside', ruleId: 'isolate-emulator-thread-dedicated' });
  }
  if (p.guestNumaPassthrough && (!p.dedicatedCpuPlacement || !p.hugepages)) {
    fail(who, { property: 'guestNumaPassthrough', problem: `needs ${!p.dedicatedCpuPlacement ? 'dedicatedCpuPlacement' : 'hugepages'}`, value: true, allowed: 'dedicatedCpuPlacement: true and hugepages alongside', ruleId: 'numa-passthrough-requirements' });
  }
  if (p.realtime && (!p.dedicatedCpuPlacement || !p.guestNumaPassthrough)) {
    fail(who, { property: 'realtime', problem: `needs ${!p.dedicatedCpuPlacement ? 'dedicatedCpuPlacement' : 'guestNumaPassthrough'}`, value: p.realtime.mask ?? 'all vCPUs', allowed: 'dedicatedCpuPlacement: true and guestNumaPassthrough: true alongside', ruleId: 'realtime-requirements' });
  }
  // The Set and the list of sizes below are made only when there is something to check in them.
  const names = p.cpuFeatures?.length ? new Set<string>() : undefined;
  for (const f of p.cpuFeatures ?? []) {
    if (typeof f.name !== 'string' || !/^[a-z0-9][a-z0-9._-]*$/i.test(f.name)) {
      fail(who, { property: 'cpuFeatures', problem: 'has a feature without a valid name', value: f.name, allowed: 'a libvirt CPU feature name, e.g. vmx' });
    }
    if (names!.has(f.name)) {
      fail(who, { property: 'cpuFeatures', problem: 'lists a feature twice', value: f.name, allowed: 'each feature once' });
    }
    names!.add(f.name);
  }
  if (p.maxSockets !== undefined) {
    if (!(Number.isInteger(p.maxSockets) && p.maxSockets >= 1)) {
      fail(who, { property: 'maxSockets', problem: 'must be a whole number of at least 1', value: p.maxSockets, allowed: 'an integer ≥ 1' });
    }
    if (p.sockets !== undefined && p.sockets > p.maxSockets) {
      fail(who, { property: 'maxSockets', problem: `must be at least cpu.sockets (${p.sockets})`, value: p.maxSockets, allowed: `an integer ≥ ${p.sockets}`, ruleId: 'cpu-sockets-max' });
    }
  }
  const r = p.resources ?? {};
  if (r.memoryRequest !== undefined || r.memoryLimit !== undefined || p.maxGuest !== undefined) {
    for (const [name, size] of [['resources.memoryRequest', r.memoryRequest], ['resources.memoryLimit', r.memoryLimit], ['maxGuest', p.maxGuest]] as const) {
      if (size !== undefined && quantity(size) === undefined) {
        fail(who, { property: name, problem: 'must be a positive whole number of kibibytes', value: size.asString(), allowed: SIZE_ALLOWED });
      }
    }
  }
  if (p.maxGuest !== undefined) {
    const max = p.maxGuest.toKibibytes();
    if (max % TWO_MIB_KIB !== 0) {
      fail(who, { property: 'maxGuest', problem: 'must be a multiple of 2Mi', value: quantity(p.maxGuest), allowed: 'e.g. Size.gibibytes(16)', ruleId: 'memory-hotplug' });
    }
    if (p.memory !== undefined && max < p.memory.toKibibytes()) {
      fail(who, { property: 'maxGuest', problem: `must be at least the guest memory (${quantity(p.memory)})`, value: quantity(p.maxGuest), allowed: `a size ≥ ${quantity(p.memory)}`, ruleId: 'memory-hotplug' });
    }
  }
  if (r.memoryRequest && r.memoryLimit && r.memoryRequest.toKibibytes() > r.memoryLimit.toKibibytes()) {
    fail(who, { property: 'resources.memoryRequest', problem: 'must not exceed resources.memoryLimit', value: quantity(r.memoryRequest), allowed: `at most ${quantity(r.memoryLimit)}`, ruleId: 'resources-requests-within-limits' });
  }
}

/** Adds the tuning fields to a rendered domain (`cpu`, `memory`, `resources`, `ioThreadsPolicy`). Never throws. */
export function renderTuning(p: TuningOptions, domain: Omit<kv.DomainSpec, 'devices'>): void {
  const cpu: kv.Cpu = {};
  if (p.cpuModel) cpu.model = p.cpuModel.name;
  if (p.cpuFeatures?.length) cpu.features = p.cpuFeatures.map(f => ({ name: f.name, ...(f.policy ? { policy: f.policy } : {}) }));
  if (p.isolateEmulatorThread) cpu.isolateEmulatorThread = true;
  if (p.guestNumaPassthrough) cpu.numa = { guestMappingPassthrough: {} };
  if (p.realtime) cpu.realtime = p.realtime.mask ? { mask: p.realtime.mask } : {};
  if (p.maxSockets !== undefined) cpu.maxSockets = p.maxSockets;
  if (Object.keys(cpu).length > 0) domain.cpu = { ...domain.cpu, ...cpu };

  const memory: kv.Memory = {};
  if (p.hugepages) memory.hugepages = { pageSize: p.hugepages.pageSize };
  if (p.maxGuest) memory.maxGuest = quantity(p.maxGuest);
  if (Object.keys(memory).length > 0) domain.memory = { ...domain.memory, ...memory };

  const r = p.resources;
  if (r) {
    const requests: kv.At<kv.Resources, 'requests'> = {};
    const limits: kv.At<kv.Resources, 'limits'> = {};
    // checkTuning has refused sizes that are not whole kibibytes: quantity() gives a value here.
    if (r.cpuRequest) requests.cpu = cpuQuantity(r.cpuRequest);
    if (r.memoryRequest) requests.memory = quantity(r.memoryRequest)!;
    if (r.cpuLimit) limits.cpu = cpuQuantity(r.cpuLimit);
    if (r.memoryLimit) limits.memory = quantity(r.memoryLimit)!;
    const res: kv.Resources = {};
    if (Object.keys(limits).length > 0) res.limits = limits;
    if (r.overcommitGuestOverhead) res.overcommitGuestOverhead = true;
    if (Object.keys(requests).length > 0) res.requests = requests;
    if (Object.keys(res).length > 0) domain.resources = res;
  }
  if (p.ioThreadsPolicy) {
    domain.ioThreadsPolicy = p.ioThreadsPolicy.policy;
    if (p.ioThreadsPolicy.threads !== undefined) domain.ioThreads = { supplementalPoolThreadCount: p.ioThreadsPolicy.threads };
  }
}

/** A CPU amount in the form the API server stores: `1000m` becomes `1`. */
function cpuQuantity(cpu: kplus.Cpu): string {
  const m = /^(\d+)m$/.exec(cpu.amount);
  return m && Number(m[1]) % 1000 === 0 ? String(Number(m[1]) / 1000) : cpu.amount;
}
