import { ApiObject, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { PreferredCpuTopology, publish, renderPreferenceOptions, templatePreferenceOptions } from './preference';
import type * as kv from '../imports/kubevirt-json';
import { HostDevice } from '../machine/machine-options';
import { MachineTemplate } from '../machine/machine-template';
import { ResourceScope } from '../machine/machine-template-props';
import { registerWithApp } from '../private/app-registration';
import { fail } from '../private/errors';
import { guardNew } from '../private/lazy-guard';
import { DNS1123_LABEL_ALLOWED, DNS1123_SUBDOMAIN_ALLOWED, isDns1123Label, isDns1123Subdomain } from '../private/names';
import { quantity } from '../private/units';

/** How an instancetype's VMs allocate IO threads (`spec.ioThreadsPolicy`). */
export enum InstancetypeIoThreadsPolicy {
  /** One IO thread shared by all disks, plus one per disk with `dedicatedIOThread`. */
  SHARED = 'shared',
  /** A pool of IO threads sized by the vCPU count. */
  AUTO = 'auto',
}

/** Properties of a `MachineInstancetype`. */
export interface MachineInstancetypeProps {
  /** The template whose size (CPU, memory) and shape (firmware, buses, machine type, features) to publish. */
  readonly template: MachineTemplate;
  /**
   * Name of the instancetype and of the preference.
   * @default - the template's name
   */
  readonly name?: string;
  /**
   * Cluster-wide objects, or objects in the chart's namespace.
   * @default ResourceScope.NAMESPACED
   */
  readonly scope?: ResourceScope;
  /**
   * Publish a preference with the template's shape. With `false`, only the instancetype is published,
   * and machines using it get KubeVirt's default topology (all vCPUs as sockets); the template may then
   * not set firmware, machine type, features, disk bus or interface model, which only a preference can
   * carry.
   * @default - true when the template has shape settings or more than one core or thread
   */
  readonly preference?: boolean;
  /**
   * GPUs every VM of this instancetype gets.
   * @default - none
   * @see https://kubevirt.io/user-guide/compute/host-devices/
   */
  readonly gpus?: HostDevice[];
  /**
   * Other host devices every VM of this instancetype gets.
   * @default - none
   */
  readonly hostDevices?: HostDevice[];
  /**
   * Pin vCPUs to dedicated host CPUs.
   * @default false
   * @see https://kubevirt.io/user-guide/compute/dedicated_cpu_resources/
   */
  readonly dedicatedCpuPlacement?: boolean;
  /**
   * Give the emulator thread its own dedicated CPU (needs dedicatedCpuPlacement).
   * @default false
   */
  readonly isolateEmulatorThread?: boolean;
  /**
   * Back guest memory with hugepages of this size: `Size.mebibytes(2)` or `Size.gibibytes(1)`.
   * @default - no hugepages
   * @see https://kubevirt.io/user-guide/compute/hugepages/
   */
  readonly hugepagesPageSize?: Size;
  /**
   * Mirror the host's NUMA topology into the guest (needs dedicatedCpuPlacement and hugepages).
   * @default false
   * @see https://kubevirt.io/user-guide/compute/numa/
   */
  readonly numaGuestMappingPassthrough?: boolean;
  /**
   * IO threads policy.
   * @default - KubeVirt's default (none)
   */
  readonly ioThreadsPolicy?: InstancetypeIoThreadsPolicy;
}

/**
 * A MachineTemplate published as KubeVirt objects: a `VirtualMachine(Cluster)Instancetype` for its size,
 * and a `VirtualMachine(Cluster)Preference` for its shape when it has one (see `preference`).
 *
 * Give `instancetype.template` to machines: they reference the objects instead of inlining CPU and
 * memory. Because the library knows the values, a machine that overrides CPU or memory is resolved
 * to explicit values (and drops the reference) instead of being rejected — except when the
 * instancetype carries devices or tuning, which explicit values would lose.
 *
 * Only fields KubeVirt v1.9 does not deprecate are emitted.
 *
 * @example
 * const medium = new MachineInstancetype(chart, 'medium', { template: MachineTemplate.MEDIUM, scope: ResourceScope.CLUSTER });
 * // the machine references the VirtualMachineClusterInstancetype `medium` instead of inlining CPU and memory
 * new Machine(chart, 'web', { template: medium.template });
 * @see https://kubevirt.io/user-guide/user_workloads/instancetypes/
 */
export class MachineInstancetype extends Construct {
  /** Name of the instancetype (and preference). */
  public readonly name: string;
  /** The instancetype object. */
  public readonly instancetype: ApiObject;
  /** The preference object, when one is published. */
  public readonly preference?: ApiObject;
  /** A template that refers to these objects; give it to machines and pools. */
  public readonly template: MachineTemplate;

  constructor(scope: Construct, id: string, props: MachineInstancetypeProps) {
    guardNew('cdk8s-kubevirt.MachineInstancetype', [scope, id, props]);
    super(scope, id);
    registerWithApp(this);
    const t = props.template;
    const who = `MachineInstancetype '${this.node.path}'`;
    if (t._instancetype) {
      fail(who, { property: 'template', problem: 'refers to an instancetype already, so the library does not know its values', value: t.name, allowed: 'a template with explicit values (MachineTemplate.custom(), SMALL, MEDIUM, LARGE)' });
    }
    this.name = props.name ?? t.name;
    if (!isDns1123Subdomain(this.name)) {
      fail(who, { property: 'name', problem: 'must be a Kubernetes object name', value: this.name, allowed: DNS1123_SUBDOMAIN_ALLOWED });
    }
    const cpu = t.cpu!;
    const dims = [cpu.sockets!, cpu.cores!, cpu.threads!].filter(n => n > 1).length;
    if (dims > 1) {
      fail(who, {
        property: 'template.cpu',
        problem: 'cannot be published exactly: an instancetype has one vCPU count, and a preference one topology axis',
        value: cpu,
        allowed: 'more than one of sockets, cores and threads only in machines with inline CPU (use the template directly)',
      });
    }
    const resourceScope = props.scope ?? ResourceScope.NAMESPACED;
    const spec = this.renderInstancetype(who, t, props);
    this.instancetype = publish(this, 'Resource', this.name, resourceScope, true, spec);

    // Sockets are KubeVirt's default topology: only cores or threads need saying.
    const topology = cpu.threads! > 1 ? PreferredCpuTopology.THREADS : cpu.cores! > 1 ? PreferredCpuTopology.CORES : undefined;
    const shape = renderPreferenceOptions(who, templatePreferenceOptions(t));
    const hasShape = Object.keys(shape).length > 0;
    if (props.preference === false && hasShape) {
      fail(who, { property: 'preference', problem: 'is false, but the template has shape settings only a preference can carry', value: Object.keys(shape).sort(), allowed: 'preference unset or true, or a template without firmware, machine type, features, disk bus and interface model' });
    }
    if (props.preference !== false && (hasShape || topology !== undefined)) {
      const preference = renderPreferenceOptions(who, templatePreferenceOptions(t, topology));
      this.preference = publish(this, 'Preference', this.name, resourceScope, false, preference);
    }
    const tuned = spec.gpus || spec.hostDevices || spec.ioThreadsPolicy || Object.keys(spec.cpu).length > 1 || Object.keys(spec.memory).length > 1;
    this.template = MachineTemplate._fromPublished(t, this.name, resourceScope, this.preference !== undefined);
    if (tuned) this.template._resolved = undefined;
  }

  private renderInstancetype(who: string, t: MachineTemplate, props: MachineInstancetypeProps): kv.VirtualMachineInstancetypeSpec {
    const cpu = t.cpu!;
    // MachineTemplate checks memory (checkSize), so quantity() renders it.
    const spec: kv.VirtualMachineInstancetypeSpec = {
      cpu: { guest: cpu.sockets! * cpu.cores! * cpu.threads! },
      memory: { guest: quantity(t.memory!)! },
    };
    if (props.dedicatedCpuPlacement) spec.cpu.dedicatedCPUPlacement = true;
    if (props.isolateEmulatorThread) {
      if (!props.dedicatedCpuPlacement) {
        fail(who, { property: 'isolateEmulatorThread', problem: 'needs dedicatedCpuPlacement', value: true, allowed: 'dedicatedCpuPlacement: true too', ruleId: 'isolate-emulator-thread-dedicated' });
      }
      spec.cpu.isolateEmulatorThread = true;
    }
    if (props.numaGuestMappingPassthrough) {
      if (!props.dedicatedCpuPlacement || props.hugepagesPageSize === undefined) {
        fail(who, { property: 'numaGuestMappingPassthrough', problem: 'needs dedicatedCpuPlacement and hugepages', value: true, allowed: 'dedicatedCpuPlacement: true and a hugepagesPageSize', ruleId: 'numa-passthrough-requirements' });
      }
      spec.cpu.numa = { guestMappingPassthrough: {} };
    }
    if (props.hugepagesPageSize !== undefined) {
      const q = quantity(props.hugepagesPageSize);
      if (q !== '2Mi' && q !== '1Gi') {
        fail(who, { property: 'hugepagesPageSize', problem: 'must be a hugepage size x86 hosts offer', value: props.hugepagesPageSize.asString(), allowed: 'Size.mebibytes(2) or Size.gibibytes(1)' });
      }
      spec.memory.hugepages = { pageSize: q };
    }
    for (const [property, list] of [['gpus', props.gpus], ['hostDevices', props.hostDevices]] as const) {
      if (!list || list.length === 0) continue;
      const names = new Set<string>();
      list.forEach((d, i) => {
        if (!isDns1123Label(d.name) || names.has(d.name)) {
          fail(who, { property: `${property}[${i}].name`, problem: names.has(d.name) ? 'is used twice' : 'must be a DNS-1123 label', value: d.name, allowed: `unique names, each ${DNS1123_LABEL_ALLOWED}` });
        }
        if (typeof d.deviceName !== 'string' || !/^[^\s]+$/.test(d.deviceName)) {
          fail(who, { property: `${property}[${i}].deviceName`, problem: 'must be a resource name', value: d.deviceName, allowed: 'e.g. nvidia.com/TU104GL_Tesla_T4' });
        }
        names.add(d.name);
      });
      spec[property] = list.map(d => ({ name: d.name, deviceName: d.deviceName }));
    }
    if (props.ioThreadsPolicy) spec.ioThreadsPolicy = props.ioThreadsPolicy;
    return spec;
  }
}
