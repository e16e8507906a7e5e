import { ApiObject, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { bindTarget, vmReference } from './target';
import type * as kv from '../imports/kubevirt-json';
import { IMachine } from '../machine/machine-ref';
import { describeConstruct, fail } from '../private/errors';
import * as gvk from '../private/gvk';
import { keptApiObject } from '../private/lazy';
import { guardNew } from '../private/lazy-guard';
import { DNS1123_SUBDOMAIN_ALLOWED, isDns1123Subdomain } from '../private/names';
import { goDuration, sortedMap, durationText } from '../private/units';

/** What happens to the snapshot's content (the volume snapshots) when the snapshot is deleted. */
export enum SnapshotDeletionPolicy {
  /** Delete the VirtualMachineSnapshotContent and its volume snapshots too. */
  DELETE = 'Delete',
  /** Keep the VirtualMachineSnapshotContent and its volume snapshots. */
  RETAIN = 'Retain',
}

/**
 * Options of a `MachineSnapshot`: everything but the machine, as `machine.snapshot(id, options)`
 * would take them.
 */
export interface MachineSnapshotOptions {
  /**
   * `metadata.name` of the VirtualMachineSnapshot.
   * @default - `{machine}-{construct id}`, e.g. `web-before-upgrade`
   */
  readonly name?: string;
  /**
   * Labels of the VirtualMachineSnapshot.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * What happens to the volume snapshots when the snapshot is deleted.
   * @default - KubeVirt's default, SnapshotDeletionPolicy.DELETE
   */
  readonly deletionPolicy?: SnapshotDeletionPolicy;
  /**
   * How long KubeVirt waits for the snapshot to complete before marking it failed (whole seconds;
   * zero waits forever).
   * @default - KubeVirt's default, 5 minutes
   */
  readonly failureDeadline?: Duration;
}

/** Properties of a `MachineSnapshot`: the options, and the machine. */
export interface MachineSnapshotProps extends MachineSnapshotOptions {
  /**
   * The machine to snapshot. Give this or `machineName`.
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
 * A KubeVirt `VirtualMachineSnapshot` (snapshot.kubevirt.io/v1beta1, the storage version) of one
 * machine.
 *
 * The snapshot is taken once, when the object is first applied; a GitOps tool keeps the object, not a
 * schedule. For recurring snapshots with retention, use `SnapshotSchedule`.
 * Needs a storage class with CSI volume snapshots for the machine's disks.
 *
 * @example
 * const db = new Machine(chart, 'db', { template: MachineTemplate.MEDIUM });
 * // VirtualMachineSnapshot `db-before-upgrade`
 * new MachineSnapshot(chart, 'before-upgrade', { machine: db, failureDeadline: Duration.minutes(10) });
 * @see https://kubevirt.io/user-guide/storage/snapshot_restore_api/
 */
export class MachineSnapshot extends Construct {
  /** `metadata.name` of the VirtualMachineSnapshot. */
  public readonly name: string;
  /** Its namespace (the machine's), if any. */
  public readonly namespace?: string;
  /** The name of the VirtualMachine it snapshots. */
  public readonly machineName: string;
  /** The generated VirtualMachineSnapshot object (the default child). */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: MachineSnapshotProps) {
    guardNew('cdk8s-kubevirt.MachineSnapshot', [scope, id, props]);
    super(scope, id);
    const target = bindTarget(this, props);
    this.machineName = target.machineName;
    this.namespace = target.namespace;
    this.name = target.name;
    let failureDeadline: string | undefined;
    if (props.failureDeadline !== undefined) {
      failureDeadline = goDuration(props.failureDeadline);
      if (failureDeadline === undefined) {
        fail(this, { property: 'failureDeadline', problem: 'must be a whole number of seconds', value: durationText(props.failureDeadline), allowed: 'e.g. Duration.minutes(10)' });
      }
    }
    const spec: kv.VirtualMachineSnapshotSpec = { source: vmReference({ name: target.machineName }) };
    if (props.deletionPolicy !== undefined) spec.deletionPolicy = props.deletionPolicy;
    if (failureDeadline !== undefined) spec.failureDeadline = failureDeadline;
    this.apiObject = keptApiObject(this, 'Resource', {
      ...gvk.VIRTUAL_MACHINE_SNAPSHOT,
      metadata: { name: this.name, namespace: this.namespace, labels: sortedMap(props.labels) },
      spec,
    });
  }
}

/** What KubeVirt does when the target machine is running when the restore starts. */
export enum RestoreTargetReadinessPolicy {
  /** Stop the target VM, then restore. */
  STOP_TARGET = 'StopTarget',
  /** Wait a grace period for the VM to be stopped by someone else, then fail. */
  WAIT_GRACE_PERIOD = 'WaitGracePeriod',
  /** Fail at once if the VM is running. */
  FAIL_IMMEDIATE = 'FailImmediate',
  /** Wait until the VM is stopped, however long it takes. */
  WAIT_EVENTUALLY = 'WaitEventually',
}

/**
 * Options of a `MachineRestore`: everything but the target machine.
 */
export interface MachineRestoreOptions {
  /**
   * The snapshot to restore from. Give this or `snapshotName`.
   * @default - `snapshotName`
   */
  readonly snapshot?: MachineSnapshot;
  /**
   * The name of a VirtualMachineSnapshot in the same namespace, e.g. one taken by a
   * `SnapshotSchedule`. Give this or `snapshot`.
   * @default - `snapshot.name`
   */
  readonly snapshotName?: string;
  /**
   * `metadata.name` of the VirtualMachineRestore.
   * @default - `{machine}-{construct id}`, e.g. `web-rollback`
   */
  readonly name?: string;
  /**
   * Labels of the VirtualMachineRestore.
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * What to do when the target machine is running (the field needs KubeVirt ≥ 1.4).
   * @default - KubeVirt's default, RestoreTargetReadinessPolicy.WAIT_GRACE_PERIOD (not emitted)
   */
  readonly targetReadinessPolicy?: RestoreTargetReadinessPolicy;
}

/** Properties of a `MachineRestore`: the options, and the machine. */
export interface MachineRestoreProps extends MachineRestoreOptions {
  /**
   * The machine to restore (the target). Give this or `machineName`.
   * @default - `machineName`
   */
  readonly machine?: IMachine;
  /**
   * The name of the target VirtualMachine, when it is not defined in this app. Give this or `machine`.
   * @default - `machine.name`
   */
  readonly machineName?: string;
}

/**
 * A KubeVirt `VirtualMachineRestore` (snapshot.kubevirt.io/v1beta1): restores a machine from a
 * snapshot.
 *
 * A restore is an action: it runs once, when the object is first applied, and the target VM must be
 * stopped (or see `targetReadinessPolicy`). Commit it to Git for the one sync that should restore, and
 * remove it afterwards.
 *
 * @example
 * const db = new Machine(chart, 'db', { template: MachineTemplate.MEDIUM, runStrategy: RunStrategy.HALTED });
 * const snapshot = new MachineSnapshot(chart, 'before-upgrade', { machine: db });
 * // VirtualMachineRestore `db-rollback`: commit it for the one sync that should restore
 * new MachineRestore(chart, 'rollback', { machine: db, snapshot });
 * @see https://kubevirt.io/user-guide/storage/snapshot_restore_api/
 */
export class MachineRestore extends Construct {
  /** `metadata.name` of the VirtualMachineRestore. */
  public readonly name: string;
  /** Its namespace (the target machine's), if any. */
  public readonly namespace?: string;
  /** The name of the VirtualMachine it restores. */
  public readonly machineName: string;
  /** The name of the VirtualMachineSnapshot it restores from. */
  public readonly snapshotName: string;
  /** The generated VirtualMachineRestore object (the default child). */
  public readonly apiObject: ApiObject;

  constructor(scope: Construct, id: string, props: MachineRestoreProps) {
    guardNew('cdk8s-kubevirt.MachineRestore', [scope, id, props]);
    super(scope, id);
    const target = bindTarget(this, props);
    this.machineName = target.machineName;
    this.namespace = target.namespace;
    this.name = target.name;
    if ((props.snapshot === undefined) === (props.snapshotName === undefined)) {
      fail(this, {
        property: 'snapshot',
        problem: 'must be given exactly once',
        value: props.snapshot === undefined ? 'neither snapshot nor snapshotName' : 'both snapshot and snapshotName',
        allowed: 'set either snapshot (a MachineSnapshot construct) or snapshotName (the name of a VirtualMachineSnapshot)',
      });
    }
    if (props.snapshot !== undefined && props.snapshot.namespace !== this.namespace) {
      fail(this, {
        property: 'snapshot',
        problem: "must be in the restore's namespace",
        value: `${describeConstruct(props.snapshot)} in namespace ${props.snapshot.namespace ?? '(none)'}`,
        allowed: `a snapshot in namespace ${this.namespace ?? '(none)'} (a restore names its snapshot without a namespace)`,
      });
    }
    if (props.snapshotName !== undefined && !isDns1123Subdomain(props.snapshotName)) {
      fail(this, { property: 'snapshotName', problem: 'must be a Kubernetes object name', value: props.snapshotName, allowed: DNS1123_SUBDOMAIN_ALLOWED });
    }
    this.snapshotName = props.snapshot?.name ?? props.snapshotName!;
    const spec: kv.VirtualMachineRestoreSpec = { target: vmReference({ name: target.machineName }), virtualMachineSnapshotName: this.snapshotName };
    if (props.targetReadinessPolicy !== undefined) spec.targetReadinessPolicy = props.targetReadinessPolicy;
    this.apiObject = keptApiObject(this, 'Resource', {
      ...gvk.VIRTUAL_MACHINE_RESTORE,
      metadata: { name: this.name, namespace: this.namespace, labels: sortedMap(props.labels) },
      spec,
    });
  }
}
