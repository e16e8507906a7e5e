import { ApiObject, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { bindTarget, vmReference } from './target';
import type * as kv from '../imports/kubevirt-json';
import { IMachine } from '../machine/machine-ref';
import { fail } from '../private/errors';
import * as gvk from '../private/gvk';
import { keptApiObject } from '../private/lazy';
import { guardNew } from '../private/lazy-guard';
import { DNS1123_SUBDOMAIN_ALLOWED, isDns1123Subdomain } from '../private/names';
import { goDuration, sortedMap, durationText } from '../private/units';

/**
 * Options of a `MachineExport`: everything but the machine, as
 * `machine.exportVolumes(id, options)` would take them.
 */
export interface MachineExportOptions {
  /**
   * `metadata.name` of the VirtualMachineExport.
   * @default - `{machine}-{construct id}`, e.g. `web-export`
   */
  readonly name?: string;
  /**
   * Labels of the VirtualMachineExport.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Name of a Secret in the same namespace whose `token` key holds the token clients must present to
   * download (`tokenSecretRef`).
   * @default - KubeVirt generates a token Secret (`export-token-{name}`)
   */
  readonly tokenSecretName?: string;
  /**
   * How long the export stays available after it is created (whole seconds, at least one).
   * @default - KubeVirt's default, 2 hours
   */
  readonly ttl?: Duration;
}

/** Properties of a `MachineExport`: the options, and the machine. */
export interface MachineExportProps extends MachineExportOptions {
  /**
   * The machine whose volumes are exported. Give this or `machineName`.
   * @default - `machineName`
   */
  readonly machine?: IMachine;
  /**
   * The name of a VirtualMachine not defined in this app, in the chart's namespace. Give this or
   * `machine`.
   * @default - `machine.name`
   */
  readonly machineName?: string;
}

/**
 * A KubeVirt `VirtualMachineExport` (export.kubevirt.io/v1): serves a machine's volumes (and its
 * definition) for download, e.g. with `virtctl vmexport download`.
 *
 * KubeVirt exports a VM's volumes only while the VM is stopped; the export becomes ready once it is.
 * The export expires after `ttl`; the object stays until deleted.
 *
 * @example
 * const db = new Machine(chart, 'db', { template: MachineTemplate.MEDIUM, runStrategy: RunStrategy.HALTED });
 * // VirtualMachineExport `db-export`, served for four hours
 * new MachineExport(chart, 'export', { machine: db, ttl: Duration.hours(4) });
 * @see https://kubevirt.io/user-guide/storage/export_api/
 */
export class MachineExport extends Construct {
  /** `metadata.name` of the VirtualMachineExport. */
  public readonly name: string;
  /** Its namespace (the machine's), if any. */
  public readonly namespace?: string;
  /** The name of the exported VirtualMachine. */
  public readonly machineName: string;
  /** The generated VirtualMachineExport object (the default child). */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: MachineExportProps) {
    guardNew('cdk8s-kubevirt.MachineExport', [scope, id, props]);
    super(scope, id);
    const target = bindTarget(this, props);
    this.machineName = target.machineName;
    this.namespace = target.namespace;
    this.name = target.name;
    if (props.tokenSecretName !== undefined && !isDns1123Subdomain(props.tokenSecretName)) {
      fail(this, { property: 'tokenSecretName', problem: 'must be a Secret name', value: props.tokenSecretName, allowed: DNS1123_SUBDOMAIN_ALLOWED });
    }
    let ttl: string | undefined;
    if (props.ttl !== undefined) {
      ttl = goDuration(props.ttl);
      if (ttl === undefined || props.ttl.toMilliseconds() === 0) {
        fail(this, { property: 'ttl', problem: 'must be a positive whole number of seconds', value: durationText(props.ttl), allowed: 'e.g. Duration.hours(4)' });
      }
    }
    const spec: kv.VirtualMachineExportSpec = { source: vmReference({ name: target.machineName }) };
    if (props.tokenSecretName !== undefined) spec.tokenSecretRef = props.tokenSecretName;
    if (ttl !== undefined) spec.ttlDuration = ttl;
    this.apiObject = keptApiObject(this, 'Resource', {
      ...gvk.VIRTUAL_MACHINE_EXPORT,
      metadata: { name: this.name, namespace: this.namespace, labels: sortedMap(props.labels) },
      spec,
    });
  }
}
