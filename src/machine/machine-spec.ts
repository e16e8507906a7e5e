/**
 * The rendering shared by Machine and MachinePool: template, then overrides, then defaults, into a
 * VirtualMachine spec. The construct-time checks are in machine-checks.ts. Internal: not exported from the package.
 */
import * as crypto from 'crypto';
import { ApiObject, ApiObjectMetadata, GroupVersionKind, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { renderDevices } from './devices';
import { HYPERV_WINDOWS, HypervPreset } from './firmware';
import { checkDefinition, checkNewNetwork } from './machine-checks';
import { resolveNicMacs } from './machine-nics';
import { MachineOptions, RunStrategy } from './machine-options';
import { MachineTemplate } from './machine-template';
import { ResourceScope } from './machine-template-props';
import { renderPodOptions, templateAnnotations, templateLabels } from './pod-options';
import { renderTuning } from './tuning';
import { AccessCredential } from '../cloud-init/access-credential';
import { MachineScheduling } from '../fleet/placement';
import type * as kv from '../imports/kubevirt-json';
import { Network, NetworkPort } from '../network/network';
import { AppIndex } from '../private/app-index';
import { describeConstruct, fail } from '../private/errors';
import { frozenCopy } from '../private/freeze';
import { freshCopy, keysInOrder } from '../private/json';
import { k8s } from '../private/lazy';
import { rules } from '../private/lazy-rules';
import { freshLazy, KeptApiObject, manifestsChanged } from '../private/manifest-cache';
import { quantity, sortedMap, sortedOwnMap, wholeSeconds } from '../private/units';
import { SecretKind } from '../secret-kind';
import { createClaims, RenderedDisks } from '../storage/disk-render';
import { DiskEmission, DiskSet } from '../storage/disk-set';

/** The kinds of secret a machine that opts in to none may carry: none. */
const NO_SECRETS: ReadonlySet<SecretKind> = new Set();

/** Label every machine's VM and template carry. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
/** Value of the managed-by label. */
export const MANAGED_BY = 'cdk8s-kubevirt';

// Our own UUID namespace for firmware UUIDs (RFC 4122 v5 over "namespace/name").
const UUID_NAMESPACE = Buffer.from('3f1b6a52c0e94d8f9a7e1c2d4b5a6978', 'hex');
/** The namespace followed by room for a name: `derivedFirmwareUuid` writes the name after it. */
let uuidInput = Buffer.alloc(16 + 3 * 128);
UUID_NAMESPACE.copy(uuidInput);
/**
 * `crypto.hash` (Node.js ≥ 20.12, 21.7): a one-shot digest, without the Hash object `createHash`
 * makes (which showed in fleet profiles, one per machine). Older Node.js uses `createHash`; both give
 * the same digest (test/machine/firmware-uuid.test.ts).
 */
const ONE_SHOT_HASH = (crypto as { hash?: (algorithm: string, data: Buffer, encoding: 'hex') => string }).hash;

/** Who the definition belongs to. */
export interface DefinitionIdentity {
  /** Name used to derive DataVolume, PVC and Secret names. */
  readonly name: string;
  readonly namespace?: string;
  /** Emit a firmware UUID (never for pools: every replica would share it). */
  readonly firmwareUuid?: string;
  /** Emit no firmware UUID: the cluster's webhook then sets a random one on create. */
  readonly noFirmwareUuid?: boolean;
  readonly hostname?: string;
  /** Selector labels put on the template. */
  readonly selectorLabels: { [key: string]: string };
  readonly forPool: boolean;
}

/**
 * Creates the owner's main object (child `Resource`) with its spec rendered lazily, and registers one
 * validation that runs KubeVirt's rules over the final manifest, escape-hatch patches included (the
 * strict schema check of every emitted object is app-wide, in private/app-index.ts).
 * cdk8s validates the app more than once per synthesis; the resolved manifest and the rules' result
 * are kept for the rest of the synthesis (see manifest-cache.ts).
 */
export function createRuledObject(owner: Construct, gvk: GroupVersionKind, metadata: ApiObjectMetadata,
  render: (sortKeys: boolean) => kv.VirtualMachineSpec | kv.VirtualMachinePoolSpec, allowedSecrets: ReadonlySet<SecretKind> = new Set(),
  freshRender = false, who = describeConstruct(owner)): ApiObject {
  // `freshRender`: `render` returns a spec of its own at each call (as MachineDefinition.renderSpec
  // does), with keys in sorted order when told so.
  const spec = freshRender ? freshLazy(render) : Lazy.any({ produce: () => render(!process.env.CDK8S_DISABLE_SORT) });
  const obj = new KeptApiObject(owner, 'Resource', { ...gvk, metadata, spec });
  AppIndex.of(owner).register(owner, () => allowedSecrets);
  owner.node.addValidation({
    validate: () => obj._errors(manifest => rules().checkManifest(manifest).map(v => `${who}: ${rules().formatViolation(v)}`)),
  });
  return obj;
}

/** A firmware UUID (version 5) derived from namespace and name. */
export function derivedFirmwareUuid(namespace: string | undefined, name: string): string {
  // RFC 4122 version 5: SHA-1 of namespace + name; version nibble 5, variant bits 10.
  const text = `${namespace ?? ''}/${name}`;
  // namespace + UTF-8 name, written into a buffer kept for the next call (at most 3 bytes a UTF-16 unit).
  if (uuidInput.length < 16 + 3 * text.length) {
    uuidInput = Buffer.alloc(16 + 3 * text.length);
    UUID_NAMESPACE.copy(uuidInput);
  }
  const input = uuidInput.subarray(0, 16 + uuidInput.write(text, 16, 'utf8'));
  const h = (ONE_SHOT_HASH ? ONE_SHOT_HASH('sha1', input, 'hex') : crypto.createHash('sha1').update(input).digest('hex')).slice(0, 32);
  const variant = ((Number.parseInt(h[16], 16) % 4) + 8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20)}`;
}

/** Everything a machine is made of, checked, ready to render. */
export class MachineDefinition {
  public readonly template: MachineTemplate;
  public readonly disks: DiskSet;
  public readonly networks: Network[];
  public readonly accessCredentials: AccessCredential[];
  public readonly persistentVolumeClaims: ApiObject[];
  public readonly cloudInitSecret?: ApiObject;
  public readonly scheduling: MachineScheduling;
  public readonly labels: { [key: string]: string };
  /** The kinds of secret the machine's output may carry (props and cloud-init opt-ins). */
  public readonly allowedSecrets: ReadonlySet<SecretKind>;
  private readonly cloudInitVolume?: kv.Volume;
  /** MAC addresses derived for the interfaces the network data names and that set none (machine-nics.ts). */
  private readonly derivedMacs: ReadonlyMap<string, string>;
  private readonly exposedPorts: NetworkPort[] = [];
  /** Labels on the template only, added by constructs that select the VMI (e.g. MigrationPolicy). */
  private readonly templateLabels: { [key: string]: string } = {};

  /** The props as they were at construction: a frozen copy, so what is checked is what is emitted. */
  private readonly options: MachineOptions;

  constructor(owner: Construct, private readonly who: string, private readonly id: DefinitionIdentity, options: MachineOptions) {
    this.options = frozenCopy(who, 'props', options);
    options = this.options;
    const template = options.template ?? MachineTemplate.SMALL;
    // A published instancetype whose values the library knows: overrides resolve to explicit values.
    this.template = template._resolved && (options.cpu !== undefined || options.memory !== undefined) ? template._resolved : template;
    this.disks = options.disks ?? new DiskSet();
    this.disks._bind(who);
    this.networks = [...(options.networks ?? [Network.pod()])];
    this.accessCredentials = [...(options.accessCredentials ?? [])];
    this.scheduling = new MachineScheduling(id, who);
    const labels = { ...options.labels };
    labels[MANAGED_BY_LABEL] = MANAGED_BY;
    this.labels = sortedOwnMap(labels)!;
    checkDefinition(who, id, options, this.template, this.networks, this.disks);
    const optIns = options.cloudInit?._secretOptIns();
    // One empty set for the machines that opt in to none (read only).
    this.allowedSecrets = options.allowSecrets?.length || optIns?.length ? new Set([...(options.allowSecrets ?? []), ...(optIns ?? [])]) : NO_SECRETS;
    // The disks are rendered at each render (the spec is its own, see renderSpec); here only for the
    // plain PVCs, which only DiskEmission.PERSISTENT_VOLUME_CLAIMS makes.
    const claims = this.disks.emit === DiskEmission.PERSISTENT_VOLUME_CLAIMS ? this.renderDisks().claims : [];
    this.persistentVolumeClaims = createClaims(owner, claims, id.namespace, this.labels);
    const nics = resolveNicMacs(who, options.cloudInit, this.networks, id);
    this.derivedMacs = nics.derived;
    if (options.cloudInit) {
      const bound = options.cloudInit._bind(owner, id.name, id.namespace, nics.macs);
      this.cloudInitVolume = bound.volume;
      this.cloudInitSecret = bound.secret;
    }
  }

  public addNetwork(network: Network): void {
    checkNewNetwork(this.who, network, new Set(this.networks.map(n => n.name)));
    manifestsChanged();
    this.networks.push(network);
  }

  public addAccessCredential(credential: AccessCredential): void {
    manifestsChanged();
    this.accessCredentials.push(credential);
  }

  /** Adds labels to the template only; a key already set to another value fails. */
  public addTemplateLabels(labels: { [key: string]: string }, by: string): void {
    for (const [key, value] of Object.entries(labels)) {
      const current = this.templateLabels[key] ?? this.labels[key] ?? this.id.selectorLabels[key];
      if (current !== undefined && current !== value) {
        fail(this.who, { property: `template label '${key}'`, problem: `is already '${current}', so ${by} cannot set it`, value, allowed: 'one value per label: a machine follows one migration policy' });
      }
    }
    manifestsChanged();
    Object.assign(this.templateLabels, labels);
  }

  /** Records ports a Service exposes, so they are forwarded on the pod network. */
  public exposePorts(ports: NetworkPort[], method: string): void {
    if (!this.networks.some(n => n.isPod)) {
      fail(this.who, { property: method, problem: 'needs the pod network, which a Service reaches', value: this.networks.map(n => n.name), allowed: 'add Network.pod() to networks' });
    }
    manifestsChanged();
    this.exposedPorts.push(...ports);
  }

  private renderDisks(sortKeys = false): RenderedDisks {
    const t = this.template;
    return this.disks._render(this.id.name, {
      rootSize: t.rootDiskSize,
      rootStorageClass: t.rootDiskStorageClass,
      bus: t.diskBus,
      namespace: this.id.namespace,
      omitDefaultBus: t._instancetype !== undefined && t._instancetype.preference !== undefined,
    }, sortKeys);
  }

  /** The firmware UUID emitted, if any. */
  public get firmwareUuid(): string | undefined {
    if (this.id.forPool || this.id.noFirmwareUuid) return undefined;
    return this.id.firmwareUuid ?? derivedFirmwareUuid(this.id.namespace, this.id.name);
  }

  /**
   * Renders the VirtualMachine spec. Never throws. The spec is its own: no object or array in it is
   * kept by the definition, its options or anything else, or appears twice in it (values kept
   * elsewhere are copied with freshCopy), so that it can be emitted without a copy (manifest-cache.ts
   * `freshLazy`). With `sortKeys` (cdk8s sorts keys unless CDK8S_DISABLE_SORT is set, src/api-object.ts
   * `toJson`), the objects the library builds have their keys in sorted order, so that they are emitted
   * as they are; without it, in the order they are built, which is the order cdk8s then keeps.
   */
  public renderSpec(sortKeys = !process.env.CDK8S_DISABLE_SORT): kv.VirtualMachineSpec {
    const p = this.options;
    const t = this.template;
    const rendered = this.renderDisks(sortKeys);

    const domain: Omit<kv.DomainSpec, 'devices'> = {};
    if (!t._instancetype) {
      domain.cpu = {
        cores: p.cpu?.cores ?? t.cpu!.cores,
        sockets: p.cpu?.sockets ?? t.cpu!.sockets,
        threads: p.cpu?.threads ?? t.cpu!.threads,
      };
      domain.memory = { guest: quantity(p.memory ?? t.memory!) };
    }
    if (p.dedicatedCpuPlacement) domain.cpu = { ...domain.cpu, dedicatedCpuPlacement: true };
    renderTuning(p, domain);
    const guest = t._guest ?? {};
    const clock = p.clock ?? guest.clock;
    if (clock) domain.clock = freshCopy(clock._toKube(), sortKeys);

    const firmware = p.firmware ?? t.firmware;
    const features = { ...t.features, ...p.features };
    const secureBoot = firmware?.kind === 'efi' && firmware.secureBoot;
    const uuid = this.firmwareUuid;
    const fw: kv.Firmware = { ...(uuid ? { uuid } : {}), ...(firmware ? firmware._toKube() : {}) };
    if (Object.keys(fw).length > 0) domain.firmware = fw;
    // The cluster decides both unless the user does (its KubeVirt CR, a preference, a DataSource label):
    // kubevirt v1.9.0 pkg/defaults/defaults.go SetVirtualMachineDefaults, run by the VM mutating webhook.
    const architecture = p.architecture;
    const machineType = p.machineType ?? t.machineType;
    if (machineType) domain.machine = { type: machineType };
    const f: kv.Features = {};
    if (features.acpi !== undefined) f.acpi = { enabled: features.acpi };
    if (features.apic !== undefined) f.apic = { enabled: features.apic };
    if (features.hyperv === HypervPreset.WINDOWS) f.hyperv = freshCopy(HYPERV_WINDOWS, sortKeys);
    if (features.smm !== undefined || secureBoot) f.smm = { enabled: secureBoot ? true : features.smm };
    if (Object.keys(f).length > 0) domain.features = f;

    const interfaces = this.networks.map(n => n._interface(t.interfaceModel, this.derivedMacs.get(n.name)));
    if (this.exposedPorts.length > 0) this.addExposedPorts(interfaces);
    // KubeVirt drops empty lists when it stores the VM: emit none (kubevirt/gotypes, omitempty).
    const disks: kv.Disk[] = rendered.disks;
    const devices: kv.Devices = interfaces.length > 0 ? { disks, interfaces } : { disks };
    const volumes: kv.Volume[] = rendered.volumes;
    if (this.cloudInitVolume) {
      const name = this.cloudInitVolume.name;
      disks.push(sortKeys ? { disk: cloudInitTarget(disks[0]), name } : { name, disk: cloudInitTarget(disks[0]) });
      volumes.push(freshCopy(this.cloudInitVolume, sortKeys));
    }
    if (p.sysprep) {
      disks.push(freshCopy(p.sysprep._disk(), sortKeys));
      volumes.push(freshCopy(p.sysprep._volume(), sortKeys));
    }
    const persistentTpm = p.persistentTpm ?? guest.persistentTpm;
    if (p.tpm || persistentTpm || (p.tpm === undefined && guest.tpm)) devices.tpm = persistentTpm ? { persistent: true } : {};
    renderDevices(p, devices, { inputs: guest.inputs, noNetworks: this.networks.length === 0 });
    if (p.gpus?.length) devices.gpus = p.gpus.map(g => ({ name: g.name, deviceName: g.deviceName }));
    if (p.hostDevices?.length) devices.hostDevices = p.hostDevices.map(g => ({ name: g.name, deviceName: g.deviceName }));
    if (sortKeys) {
      for (let i = 0; i < interfaces.length; i++) interfaces[i] = keysInOrder(interfaces[i]);
    }
    // domain is this render's own: devices is added to it (last, as a spread would put it).
    const fullDomain = domain as kv.DomainSpec;
    fullDomain.devices = sortKeys ? keysInOrder(devices) : devices;
    const templateSpec: kv.VirtualMachineInstanceSpec = { domain: sortKeys ? keysInOrder(fullDomain) : fullDomain, volumes };
    if (this.networks.length > 0) templateSpec.networks = this.networks.map(n => freshCopy(n._network(), sortKeys));
    if (architecture) templateSpec.architecture = architecture;
    if (this.accessCredentials.length > 0) templateSpec.accessCredentials = this.accessCredentials.map(c => freshCopy(c._toKube(), sortKeys));
    if (p.nodeSelector) templateSpec.nodeSelector = sortedMap(p.nodeSelector);
    const placed = this.scheduling._render(p.affinity ? k8s().toJson_Affinity(p.affinity) as kv.Affinity : undefined);
    if (placed.affinity) templateSpec.affinity = freshCopy(placed.affinity, sortKeys);
    if (placed.topologySpreadConstraints) templateSpec.topologySpreadConstraints = freshCopy(placed.topologySpreadConstraints, sortKeys);
    if (p.tolerations?.length) templateSpec.tolerations = p.tolerations.map(x => k8s().toJson_Toleration(x) as kv.Toleration);
    if (p.evictionStrategy) templateSpec.evictionStrategy = p.evictionStrategy;
    if (p.readinessProbe) templateSpec.readinessProbe = freshCopy(p.readinessProbe._toKube(), sortKeys);
    if (p.livenessProbe) templateSpec.livenessProbe = freshCopy(p.livenessProbe._toKube(), sortKeys);
    const grace = p.terminationGracePeriod ?? guest.terminationGracePeriod;
    if (grace) templateSpec.terminationGracePeriodSeconds = wholeSeconds(grace);
    renderPodOptions(p, templateSpec);
    if (this.id.hostname) templateSpec.hostname = this.id.hostname;
    if (p.subdomain) templateSpec.subdomain = p.subdomain;

    // Labels before annotations; none is undefined (cdk8s drops an undefined value).
    const metadata: kv.VirtualMachineInstanceTemplateSpec['metadata'] = {};
    const labels = templateLabels(this.labels, p, this.id.selectorLabels, this.templateLabels);
    const annotations = templateAnnotations(p.annotations, p);
    if (sortKeys) {
      if (annotations) metadata.annotations = annotations;
      if (labels) metadata.labels = labels;
    } else {
      metadata.labels = labels;
      metadata.annotations = annotations;
    }
    const runStrategy = p.runStrategy ?? RunStrategy.ALWAYS;
    const template = { metadata, spec: sortKeys ? keysInOrder(templateSpec) : templateSpec };
    let instancetype: kv.VirtualMachineSpec['instancetype'];
    let preference: kv.VirtualMachineSpec['preference'];
    if (t._instancetype?.inferFromVolume !== undefined) {
      const it = t._instancetype;
      const infer = { inferFromVolume: it.inferFromVolume, ...(it.failurePolicy ? { inferFromVolumeFailurePolicy: it.failurePolicy } : {}) };
      instancetype = infer;
      if (it.preference) preference = { ...infer };
    } else if (t._instancetype) {
      const it = t._instancetype;
      instancetype = { kind: it.scope === ResourceScope.CLUSTER ? 'VirtualMachineClusterInstancetype' : 'VirtualMachineInstancetype', name: it.instancetype };
      if (it.preference) {
        preference = { kind: it.preferenceScope === ResourceScope.CLUSTER ? 'VirtualMachineClusterPreference' : 'VirtualMachinePreference', name: it.preference };
      }
    }
    // Sorted: dataVolumeTemplates, instancetype, preference, runStrategy, template; else as built before.
    const spec = {} as kv.VirtualMachineSpec;
    if (!sortKeys) {
      spec.runStrategy = runStrategy;
      spec.template = template;
    }
    if (rendered.dataVolumeTemplates.length > 0) spec.dataVolumeTemplates = rendered.dataVolumeTemplates;
    if (instancetype) spec.instancetype = instancetype;
    if (preference) spec.preference = preference;
    if (sortKeys) {
      spec.runStrategy = runStrategy;
      spec.template = template;
    }
    return spec;
  }

  /** Exposed ports are forwarded on the pod interface when it lists ports (an empty list forwards all). */
  private addExposedPorts(interfaces: kv.Interface[]): void {
    const podName = this.networks.find(n => n.isPod)!.name;
    const iface = interfaces.find(i => i.name === podName);
    if (!iface?.ports) return;
    for (const port of this.exposedPorts) {
      const protocol = port.protocol ?? 'TCP';
      if (!iface.ports.some(x => x.port === port.port && x.protocol === protocol)) {
        iface.ports.push({ ...(port.name ? { name: port.name } : {}), port: port.port, protocol });
      }
    }
  }
}

/**
 * The cloud-init disk's target: the root disk's bus, so that both follow the same choice (the
 * template's, or an instancetype preference's when the root disk names none). When the root is a
 * CD-ROM or a LUN, the cloud-init disk stays on virtio.
 */
function cloudInitTarget(root: kv.Disk | undefined): kv.DiskTarget {
  const bus = root?.disk?.bus;
  return bus ? { bus } : root?.disk ? {} : { bus: 'virtio' };
}
