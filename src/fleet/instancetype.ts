import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import * as it from '../imports/instancetype.kubevirt.io';
import { HYPERV_WINDOWS } from '../machine/machine-spec';
import { HypervPreset, MachineTemplate, ResourceScope } from '../machine/machine-template';
import { fail } from '../private/errors';
import { DNS1123_SUBDOMAIN_ALLOWED, isDns1123Subdomain } from '../private/names';
import { quantity } from '../private/units';
import { AppIndex } from '../private/app-index';

/** Properties of a {@link MachineInstancetype}. */
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
}

/**
 * A MachineTemplate published as KubeVirt objects: a `VirtualMachine(Cluster)Instancetype` for its size,
 * and a `VirtualMachine(Cluster)Preference` for its shape when it has one.
 *
 * Give `instancetype.template` to machines: they reference the objects instead of inlining CPU and
 * memory. Because the library knows the values, a machine that overrides CPU or memory is resolved
 * to explicit values (and drops the reference) instead of being rejected.
 */
export class MachineInstancetype extends Construct {
  /** Name of the instancetype (and preference). */
  public readonly name: string;
  /** The instancetype object. */
  public readonly instancetype: ApiObject;
  /** The preference object, when the template has shape settings. */
  public readonly preference?: ApiObject;
  /** A template that refers to these objects; give it to machines and pools. */
  public readonly template: MachineTemplate;

  constructor(scope: Construct, id: string, props: MachineInstancetypeProps) {
    super(scope, id);
    AppIndex.of(this).register(this);
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
    const clusterScoped = (props.scope ?? ResourceScope.NAMESPACED) === ResourceScope.CLUSTER;
    const namespace = clusterScoped ? undefined : Chart.of(this).namespace;
    const metadata = { name: this.name, ...(namespace ? { namespace } : {}) };

    this.instancetype = new ApiObject(this, 'Resource', {
      ...(clusterScoped ? it.VirtualMachineClusterInstancetype.GVK : it.VirtualMachineInstancetype.GVK),
      metadata,
      spec: { cpu: { guest: cpu.sockets! * cpu.cores! * cpu.threads! }, memory: { guest: quantity(t.memory!) } },
    });

    const preference = renderPreference(t, cpu);
    if (preference) {
      this.preference = new ApiObject(this, 'Preference', {
        ...(clusterScoped ? it.VirtualMachineClusterPreference.GVK : it.VirtualMachinePreference.GVK),
        metadata,
        spec: preference,
      });
    }
    if (clusterScoped && Chart.of(this).namespace !== undefined) {
      // cdk8s gives every object the chart's namespace; cluster-scoped objects must not carry one.
      for (const obj of [this.instancetype, this.preference]) obj?.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    }
    this.template = MachineTemplate._fromPublished(t, this.name, props.scope ?? ResourceScope.NAMESPACED, preference !== undefined);
  }
}

function renderPreference(t: MachineTemplate, cpu: { sockets?: number; cores?: number; threads?: number }): any | undefined {
  const spec: any = {};
  const axis = cpu.sockets! > 1 ? 'preferSockets' : cpu.threads! > 1 ? 'preferThreads' : cpu.cores! > 1 ? 'preferCores' : undefined;
  if (axis) spec.cpu = { preferredCPUTopology: axis };
  const devices: any = {};
  if (t.diskBus) devices.preferredDiskBus = t.diskBus;
  if (t.interfaceModel) devices.preferredInterfaceModel = t.interfaceModel;
  if (Object.keys(devices).length > 0) spec.devices = devices;
  if (t.firmware) {
    spec.firmware = t.firmware.kind === 'bios' ? { preferredUseBios: true } : { preferredUseEfi: true, preferredUseSecureBoot: t.firmware.secureBoot };
  }
  if (t.machineType) spec.machine = { preferredMachineType: t.machineType };
  const f = t.features;
  const features: any = {};
  if (f?.acpi !== undefined) features.preferredAcpi = { enabled: f.acpi };
  if (f?.apic !== undefined) features.preferredApic = { enabled: f.apic };
  const smm = t.firmware?.kind === 'efi' && t.firmware.secureBoot ? true : f?.smm;
  if (smm !== undefined) features.preferredSmm = { enabled: smm };
  if (f?.hyperv === HypervPreset.WINDOWS) {
    features.preferredHyperv = HYPERV_WINDOWS;
  }
  if (Object.keys(features).length > 0) spec.features = features;
  return Object.keys(spec).length > 0 ? spec : undefined;
}
