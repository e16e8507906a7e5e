import { ApiObject, Chart } from 'cdk8s';
import type * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { ExposeOptions } from './expose';
import type * as MachineChecks from './machine-checks';
import { MachineProps } from './machine-options';
import { IMachine, ImportedMachine } from './machine-ref';
import type { MachineDefinition } from './machine-spec';
import { MachineTemplate } from './machine-template';
import { AccessCredential } from '../cloud-init/access-credential';
import { MachineClone, MachineCloneOptions } from '../day2/clone';
import { MachineExport, MachineExportOptions } from '../day2/export';
import { MachineSnapshot, MachineSnapshotOptions } from '../day2/snapshot';
import { SnapshotSchedule, SnapshotScheduleOptions } from '../day2/snapshot-schedule';
import { ISchedulable, MachineScheduling } from '../fleet/placement';
import type * as kv from '../imports/kubevirt-json';
import { Network } from '../network/network';
import { describeConstruct } from '../private/errors';
import * as gvk from '../private/gvk';
import { onFirstUse } from '../private/lazy';
import { guardNew, guardCall } from '../private/lazy-guard';
import { sortedMap } from '../private/units';

// Loaded at the first machine, not when the library is required (see onFirstUse).
/* eslint-disable @typescript-eslint/no-require-imports */
const machineSpec = onFirstUse((): typeof import('./machine-spec') => require('./machine-spec'));
const machineChecks = onFirstUse((): typeof MachineChecks => require('./machine-checks'));
const exposeModule = onFirstUse((): typeof import('./expose') => require('./expose'));
/* eslint-enable @typescript-eslint/no-require-imports */

const MACHINE_LABEL = 'cdk8s-kubevirt/machine';

/**
 * One KubeVirt VirtualMachine, with its DataVolume templates, and the PVCs and cloud-init Secret it
 * needs.
 *
 * Local mistakes throw at once. KubeVirt's admission rules run over the final manifest (escape-hatch
 * patches included) when the app is synthesized, and every violation in the app is reported together.
 *
 * @example
 * new Machine(chart, 'web', {
 *   cpu: { cores: 2 },
 *   memory: Size.gibibytes(4),
 *   disks: new DiskSet({ root: { source: DiskSource.registry('quay.io/containerdisks/fedora:41'), size: Size.gibibytes(30) } }),
 *   cloudInit: CloudInit.fromConfig({ users: [{ name: 'admin', sshAuthorizedKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGV4YW1wbGUta2V5LW9ubHktZm9yLWRvY3MtMDAwMDAwMDA admin@example.com'] }] }),
 * });
 */
export class Machine extends Construct implements ISchedulable, IMachine {
  /** Template label with the machine name, stable, for Services and affinity to select. */
  public static readonly SELECTOR_LABEL = MACHINE_LABEL;

  /**
   * A reference to a VirtualMachine that this app does not define, for the day-2 constructs.
   *
   * @param name `metadata.name` of the VirtualMachine
   * @param namespace its namespace; by default the namespace of the chart that holds `scope`
   */
  public static fromName(scope: Construct, id: string, name: string, namespace?: string): IMachine {
    guardCall(undefined, 'cdk8s-kubevirt.Machine', 'fromName', [scope, id, name, namespace]);
    return new ImportedMachine(scope, id, name, namespace);
  }

  /** `metadata.name` of the VirtualMachine. */
  public readonly name: string;
  /** Namespace of the VirtualMachine, if any. */
  public readonly namespace?: string;
  /** The generated VirtualMachine object (the default child, reachable with `ApiObject.of(machine)`). */
  public readonly apiObject: ApiObject;
  /** Plain PVCs created for DiskEmission.PERSISTENT_VOLUME_CLAIMS. */
  public readonly persistentVolumeClaims: ApiObject[];
  /** The Secret holding cloud-init data too large to inline, if one was needed. */
  public readonly cloudInitSecret?: ApiObject;
  /** The template the machine is based on. */
  public readonly template: MachineTemplate;
  /** Labels that select this machine's pod (for Services, affinity). */
  public readonly selectorLabels: { [key: string]: string };
  /** Placement relative to other machines and topology domains. */
  public readonly scheduling: MachineScheduling;

  private readonly definition: MachineDefinition;

  constructor(scope: Construct, id: string, props: MachineProps = {}) {
    guardNew('cdk8s-kubevirt.Machine', [scope, id, props]);
    super(scope, id);
    this.name = props.name ?? id;
    this.namespace = props.namespace ?? Chart.of(this).namespace;
    machineChecks().checkOwnerName(this, this.name, props.name === undefined);
    // Set by key, not a computed key in a literal (a slower path in V8).
    const selectorLabels: { [key: string]: string } = {};
    selectorLabels[MACHINE_LABEL] = this.name;
    this.selectorLabels = selectorLabels;
    const who = describeConstruct(this);
    this.definition = new (machineSpec().MachineDefinition)(this, who, {
      name: this.name,
      namespace: this.namespace,
      firmwareUuid: props.firmwareUuid,
      noFirmwareUuid: props.stableFirmwareUuid === false,
      hostname: props.hostname,
      selectorLabels: this.selectorLabels,
      forPool: false,
    }, props);
    this.template = this.definition.template;
    this.scheduling = this.definition.scheduling;
    this.persistentVolumeClaims = this.definition.persistentVolumeClaims;
    this.cloudInitSecret = this.definition.cloudInitSecret;

    this.apiObject = machineSpec().createRuledObject(this, gvk.VIRTUAL_MACHINE,
      { name: this.name, namespace: this.namespace, labels: this.definition.labels, annotations: sortedMap(props.annotations) },
      sortKeys => this.definition.renderSpec(sortKeys), this.definition.allowedSecrets, true, who);
  }

  /** The firmware UUID this machine emits; undefined with `stableFirmwareUuid: false`. */
  public get firmwareUuid(): string | undefined {
    return this.definition.firmwareUuid;
  }

  /** Adds a network (and its interface) after the ones given in props. */
  public addNetwork(network: Network): Machine {
    guardCall(this, 'cdk8s-kubevirt.Machine', 'addNetwork', [network]);
    this.definition.addNetwork(network);
    return this;
  }

  /** Adds an access credential. */
  public addAccessCredential(credential: AccessCredential): Machine {
    guardCall(this, 'cdk8s-kubevirt.Machine', 'addAccessCredential', [credential]);
    this.definition.addAccessCredential(credential);
    return this;
  }

  /**
   * Exposes the machine with a cdk8s-plus Service that selects its pod, e.g. SSH on a NodePort.
   * The target ports are also forwarded on the pod network interface when it lists ports.
   */
  public expose(id: string, options: ExposeOptions): kplus.Service {
    guardCall(this, 'cdk8s-kubevirt.Machine', 'expose', [id, options]);
    return exposeModule().exposeDefinition(this, id, this.name, this.namespace, this.selectorLabels, this.definition, options);
  }

  /** A VirtualMachineSnapshot of this machine, named `{machine}-{id}` unless named in options. */
  public snapshot(id: string, options: MachineSnapshotOptions = {}): MachineSnapshot {
    guardCall(this, 'cdk8s-kubevirt.Machine', 'snapshot', [id, options]);
    return new MachineSnapshot(this, id, { ...options, machine: this });
  }

  /** A VirtualMachineExport of this machine's volumes, named `{machine}-{id}` unless named in options. */
  public exportVolumes(id: string, options: MachineExportOptions = {}): MachineExport {
    guardCall(this, 'cdk8s-kubevirt.Machine', 'exportVolumes', [id, options]);
    return new MachineExport(this, id, { ...options, machine: this });
  }

  /** A VirtualMachineClone of this machine. */
  public cloneTo(id: string, options: MachineCloneOptions): MachineClone {
    guardCall(this, 'cdk8s-kubevirt.Machine', 'cloneTo', [id, options]);
    return new MachineClone(this, id, { ...options, machine: this });
  }

  /** Scheduled snapshots of this machine with retention (a CronJob with its own RBAC). */
  public scheduleSnapshots(id: string, options: SnapshotScheduleOptions): SnapshotSchedule {
    guardCall(this, 'cdk8s-kubevirt.Machine', 'scheduleSnapshots', [id, options]);
    return new SnapshotSchedule(this, id, { ...options, machine: this });
  }

  /**
   * Adds labels to the VM template only (not to the VM object), for constructs that select the VMI.
   * @internal
   */
  public _addTemplateLabels(labels: { [key: string]: string }, by: string): void {
    this.definition.addTemplateLabels(labels, by);
  }

  /**
   * Renders the VirtualMachine spec: template, then overrides, then defaults. Never throws.
   * @internal
   */
  public _toKube(): kv.VirtualMachineSpec {
    return this.definition.renderSpec();
  }
}
