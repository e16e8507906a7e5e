import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { bindTarget, vmReference } from './target';
import type * as kv from '../imports/kubevirt-json';
import { IMachine } from '../machine/machine-ref';
import { fail } from '../private/errors';
import * as gvk from '../private/gvk';
import { keptApiObject } from '../private/lazy';
import { guardNew } from '../private/lazy-guard';
import { isMacAddress, MAC_ADDRESS_ALLOWED } from '../private/mac-port';
import { DNS1123_LABEL_ALLOWED, isDns1123Label, isInterfaceName } from '../private/names';
import { sortedMap } from '../private/units';

/**
 * Options of a `MachineClone`: everything but the source machine.
 */
export interface MachineCloneOptions {
  /**
   * Name of the new VirtualMachine. Required, so that the clone's name is known in Git (KubeVirt would
   * otherwise pick a random one). It must differ from the source's name.
   */
  readonly targetName: string;
  /**
   * `metadata.name` of the VirtualMachineClone.
   * @default - `{machine}-{construct id}`, e.g. `web-copy`
   */
  readonly name?: string;
  /**
   * Labels of the VirtualMachineClone object itself.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Which of the source VM's labels the clone gets. A filter is a key, a key prefix ending in `*`, or
   * either preceded by `!` to exclude, e.g. `['*', '!app.kubernetes.io/*']`.
   * @default - KubeVirt's default: every label
   */
  readonly labelFilters?: string[];
  /**
   * Which of the source VM's annotations the clone gets (same syntax as `labelFilters`).
   * @default - KubeVirt's default: every annotation
   */
  readonly annotationFilters?: string[];
  /**
   * Which of the source VM template's labels the clone's template gets (same syntax as `labelFilters`).
   * @default - KubeVirt's default: every template label
   */
  readonly templateLabelFilters?: string[];
  /**
   * Which of the source VM template's annotations the clone's template gets.
   * @default - KubeVirt's default: every template annotation
   */
  readonly templateAnnotationFilters?: string[];
  /**
   * MAC addresses for the clone, by interface name (e.g. `{ eth0: '52:54:00:aa:bb:01' }`).
   * Interfaces not listed get a new MAC address from KubeVirt, so the clone never shares the source's.
   * @default - every interface gets a new MAC address
   */
  readonly newMacAddresses?: { [interfaceName: string]: string };
  /**
   * SMBIOS serial number of the clone.
   * @default - KubeVirt generates a new one
   */
  readonly newSmBiosSerial?: string;
}

/** Properties of a `MachineClone`: the options, and the machine. */
export interface MachineCloneProps extends MachineCloneOptions {
  /**
   * The machine to clone (the source). Give this or `machineName`.
   * @default - `machineName`
   */
  readonly machine?: IMachine;
  /**
   * The name of the source VirtualMachine, when it is not defined in this app. Give this or `machine`.
   * @default - `machine.name`
   */
  readonly machineName?: string;
}

const FILTERS_ALLOWED = "keys or key prefixes ending in '*', optionally preceded by '!' to exclude; '!' only first, '*' only last";

/**
 * A KubeVirt `VirtualMachineClone` (clone.kubevirt.io/v1beta1, the storage version): copies a
 * machine, its disks included, into a new VirtualMachine named `targetName`.
 *
 * A clone is an action: it runs once, when the object is first applied. The new VM is then owned by
 * nobody in Git; to manage it declaratively afterwards, add a Machine with the same name.
 * Needs the Snapshot feature gate and CSI volume snapshots, like `MachineSnapshot`.
 *
 * @example
 * const db = new Machine(chart, 'db', { template: MachineTemplate.MEDIUM });
 * new MachineClone(chart, 'staging-copy', {
 *   machine: db,
 *   targetName: 'db-staging',
 *   labelFilters: ['*', '!env'],
 *   newMacAddresses: { default: '52:54:00:10:00:02' },
 * });
 * @see https://kubevirt.io/user-guide/storage/clone_api/
 */
export class MachineClone extends Construct {
  /** `metadata.name` of the VirtualMachineClone. */
  public readonly name: string;
  /** Its namespace (the source machine's), if any. */
  public readonly namespace?: string;
  /** The name of the source VirtualMachine. */
  public readonly machineName: string;
  /** The name of the new VirtualMachine. */
  public readonly targetName: string;
  /** The generated VirtualMachineClone object (the default child). */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: MachineCloneProps) {
    guardNew('cdk8s-kubevirt.MachineClone', [scope, id, props]);
    super(scope, id);
    const target = bindTarget(this, props);
    this.machineName = target.machineName;
    this.namespace = target.namespace;
    this.name = target.name;
    this.targetName = props.targetName;
    if (!isDns1123Label(props.targetName)) {
      fail(this, { property: 'targetName', problem: 'must be a VirtualMachine name', value: props.targetName, allowed: DNS1123_LABEL_ALLOWED, ruleId: 'vm-name-length' });
    }
    // The checks below are KubeVirt's VirtualMachineClone admission rules
    // (pkg/virt-api/webhooks/validating-webhook/admitters/vmclone-admitter.go).
    if (props.targetName === target.machineName) {
      fail(this, { property: 'targetName', problem: 'must differ from the source machine', value: props.targetName, allowed: `any name but '${target.machineName}'` });
    }
    const filters: Array<[string, string[] | undefined]> = [
      ['labelFilters', props.labelFilters],
      ['annotationFilters', props.annotationFilters],
      ['templateLabelFilters', props.templateLabelFilters],
      ['templateAnnotationFilters', props.templateAnnotationFilters],
    ];
    for (const [property, list] of filters) this.checkFilters(property, list);
    const macs: { [key: string]: string } = {};
    for (const [iface, mac] of Object.entries(props.newMacAddresses ?? {})) {
      if (!isInterfaceName(iface)) {
        fail(this, { property: 'newMacAddresses', problem: 'has a key that is not an interface name', value: iface, allowed: "letters, digits, '_' and '-'", ruleId: 'interface-name-format' });
      }
      if (!isMacAddress(mac)) {
        fail(this, { property: `newMacAddresses.${iface}`, problem: 'must be a MAC address', value: mac, allowed: MAC_ADDRESS_ALLOWED, ruleId: 'interface-mac-address' });
      }
      macs[iface] = mac.toLowerCase().replace(/-/g, ':');
    }
    if (props.newSmBiosSerial !== undefined && !/^[A-Za-z0-9_.+-]{1,256}$/.test(props.newSmBiosSerial)) {
      fail(this, { property: 'newSmBiosSerial', problem: 'must be a serial number', value: props.newSmBiosSerial, allowed: "1 to 256 of letters, digits, '_', '.', '+' and '-'" });
    }

    const spec: kv.VirtualMachineCloneSpec = { source: vmReference({ name: target.machineName }), target: vmReference({ name: props.targetName }) };
    if (props.labelFilters) spec.labelFilters = [...props.labelFilters];
    if (props.annotationFilters) spec.annotationFilters = [...props.annotationFilters];
    if (props.templateLabelFilters || props.templateAnnotationFilters) {
      spec.template = {
        ...(props.templateLabelFilters ? { labelFilters: [...props.templateLabelFilters] } : {}),
        ...(props.templateAnnotationFilters ? { annotationFilters: [...props.templateAnnotationFilters] } : {}),
      };
    }
    const sortedMacs = sortedMap(macs);
    if (sortedMacs) spec.newMacAddresses = sortedMacs;
    if (props.newSmBiosSerial !== undefined) spec.newSMBiosSerial = props.newSmBiosSerial;
    this.apiObject = keptApiObject(this, 'Resource', {
      ...gvk.VIRTUAL_MACHINE_CLONE,
      metadata: { name: this.name, namespace: this.namespace, labels: sortedMap(props.labels) },
      spec,
    });
  }

  /** KubeVirt's filter rules (vmclone-admitter.go validateFilters). */
  private checkFilters(property: string, filters: string[] | undefined): void {
    for (const [i, f] of (filters ?? []).entries()) {
      const bad = typeof f !== 'string' || f.length === 0 || f === '!'
        || f.slice(1).includes('!') || f.slice(0, -1).includes('*');
      if (bad) {
        fail(this, { property: `${property}[${i}]`, problem: 'is not a valid filter', value: f, allowed: FILTERS_ALLOWED });
      }
    }
  }
}
