import { ApiObject, Chart } from 'cdk8s';
import type * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ISchedulable, MachineScheduling } from './placement';
import type * as kv from '../imports/kubevirt-json';
import type { ExposeOptions } from '../machine/expose';
import type * as MachineChecks from '../machine/machine-checks';
import { MachineOptions } from '../machine/machine-options';
import type { MachineDefinition } from '../machine/machine-spec';
import { MachineTemplate } from '../machine/machine-template';
import { describeConstruct, fail } from '../private/errors';
import { frozenCopy } from '../private/freeze';
import * as gvk from '../private/gvk';
import { onFirstUse } from '../private/lazy';
import { guardNew, guardCall } from '../private/lazy-guard';
import { sortedMap } from '../private/units';
import { DiskEmission } from '../storage/disk-set';

// Loaded at the first pool, not when the library is required (see onFirstUse).
/* eslint-disable @typescript-eslint/no-require-imports */
const machineSpec = onFirstUse((): typeof import('../machine/machine-spec') => require('../machine/machine-spec'));
const machineChecks = onFirstUse((): typeof MachineChecks => require('../machine/machine-checks'));
const exposeModule = onFirstUse((): typeof import('../machine/expose') => require('../machine/expose'));
/* eslint-enable @typescript-eslint/no-require-imports */

/** Template label with the pool name, selecting every replica. */
const POOL_LABEL = 'cdk8s-kubevirt/pool';

/** How a pool updates its VMs when the template changes. */
export enum PoolUpdateStrategy {
  /** Restart VMs to apply the change (KubeVirt's default). */
  PROACTIVE = 'proactive',
  /** Update the VM objects; the change applies at each VM's next restart. */
  OPPORTUNISTIC = 'opportunistic',
  /** Never update VMs automatically. */
  UNMANAGED = 'unmanaged',
}

/** How a pool removes VMs when it scales in. */
export enum PoolScaleInStrategy {
  /** Shut down and delete VMs chosen by the pool (KubeVirt's default). */
  PROACTIVE = 'proactive',
  /** Wait for VMs to be deleted by other means. */
  OPPORTUNISTIC = 'opportunistic',
  /** Never touch VMs after creation. */
  UNMANAGED = 'unmanaged',
}

/** How many replicas may be unavailable during an update: a count or a percentage. */
export class MaxUnavailable {
  /** At most this many replicas (≥ 1). */
  public static count(count: number): MaxUnavailable {
    guardCall(undefined, 'cdk8s-kubevirt.MaxUnavailable', 'count', [count]);
    if (!(Number.isInteger(count) && count >= 1)) {
      fail('MaxUnavailable.count', { property: 'count', problem: 'must be a whole number of at least 1', value: count, allowed: 'an integer ≥ 1', ruleId: 'pool-max-unavailable' });
    }
    return new MaxUnavailable(count);
  }

  /** At most this percentage of replicas (1–100). */
  public static percent(percent: number): MaxUnavailable {
    guardCall(undefined, 'cdk8s-kubevirt.MaxUnavailable', 'percent', [percent]);
    if (!(Number.isInteger(percent) && percent >= 1 && percent <= 100)) {
      fail('MaxUnavailable.percent', { property: 'percent', problem: 'must be a whole number from 1 to 100', value: percent, allowed: 'an integer from 1 to 100', ruleId: 'pool-max-unavailable' });
    }
    return new MaxUnavailable(`${percent}%`);
  }

  private constructor(private readonly value: kv.At<kv.VirtualMachinePoolSpec, 'maxUnavailable'>) {}

  /** @internal */
  public _toKube(): kv.At<kv.VirtualMachinePoolSpec, 'maxUnavailable'> {
    return this.value;
  }
}

/** Properties of a `MachinePool`. */
export interface MachinePoolProps extends MachineOptions {
  /**
   * `metadata.name` of the pool; KubeVirt names its VMs `{pool}-{index}` and their DataVolumes `{pool}-{disk}-{index}`.
   * @default - the construct id, which must then be a DNS-1123 label
   */
  readonly name?: string;
  /**
   * Namespace.
   * @default - the chart's namespace
   */
  readonly namespace?: string;
  /**
   * Number of VMs.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * Update strategy.
   * @default - KubeVirt's default (proactive)
   */
  readonly updateStrategy?: PoolUpdateStrategy;
  /**
   * Scale-in strategy.
   * @default - KubeVirt's default (proactive)
   */
  readonly scaleInStrategy?: PoolScaleInStrategy;
  /**
   * How many replicas may be unavailable during an update.
   * @default - KubeVirt's default (100%)
   */
  readonly maxUnavailable?: MaxUnavailable;
}

/**
 * A KubeVirt VirtualMachinePool (`pool.kubevirt.io/v1beta1`, the storage version): `replicas` identical
 * VMs from one machine definition. The selector always matches the template labels, and every replica
 * gets its own DataVolumes from the templates.
 *
 * @example
 * const web = new MachinePool(chart, 'web', {
 *   replicas: 3,
 *   template: MachineTemplate.SMALL,
 *   disks: new DiskSet({ root: { source: DiskSource.registry('quay.io/containerdisks/fedora:41'), size: Size.gibibytes(30) } }),
 *   maxUnavailable: MaxUnavailable.count(1),
 * });
 * web.scheduling.spread({ topology: kplus.Topology.ZONE });
 */
export class MachinePool extends Construct implements ISchedulable {
  /** Template label with the pool name, selecting every replica. */
  public static readonly SELECTOR_LABEL = POOL_LABEL;

  /** `metadata.name` of the pool. */
  public readonly name: string;
  /** Namespace, if any. */
  public readonly namespace?: string;
  /** The generated VirtualMachinePool object. */
  public readonly apiObject: ApiObject;
  /** The Secret holding cloud-init data too large to inline, shared by every replica. */
  public readonly cloudInitSecret?: ApiObject;
  /** The template the replicas are based on. */
  public readonly template: MachineTemplate;
  /** Labels that select every replica's pod. */
  public readonly selectorLabels: { [key: string]: string };
  /** Placement of the replicas, e.g. `pool.scheduling.spread()`. */
  public readonly scheduling: MachineScheduling;

  private readonly definition: MachineDefinition;
  private readonly props: MachinePoolProps;

  constructor(scope: Construct, id: string, props: MachinePoolProps = {}) {
    guardNew('cdk8s-kubevirt.MachinePool', [scope, id, props]);
    super(scope, id);
    // A frozen copy: what is checked here is what _toKube() emits.
    props = frozenCopy(describeConstruct(this), 'props', props);
    this.props = props;
    this.name = props.name ?? id;
    this.namespace = props.namespace ?? Chart.of(this).namespace;
    machineChecks().checkOwnerName(this, this.name, props.name === undefined);
    if (props.replicas !== undefined && !(Number.isInteger(props.replicas) && props.replicas >= 0)) {
      fail(this, { property: 'replicas', problem: 'must be a whole number of at least 0', value: props.replicas, allowed: 'an integer ≥ 0' });
    }
    if (props.disks?.emit === DiskEmission.PERSISTENT_VOLUME_CLAIMS) {
      fail(this, { property: 'disks.emit', problem: 'cannot be plain PVCs in a pool, whose replicas would share them', value: props.disks.emit, allowed: 'DiskEmission.DATA_VOLUME_TEMPLATES (one DataVolume per replica)' });
    }
    this.selectorLabels = { [POOL_LABEL]: this.name };
    this.definition = new (machineSpec().MachineDefinition)(this, describeConstruct(this), {
      name: this.name, namespace: this.namespace, selectorLabels: this.selectorLabels, forPool: true,
    }, props);
    this.template = this.definition.template;
    this.scheduling = this.definition.scheduling;
    this.cloudInitSecret = this.definition.cloudInitSecret;

    this.apiObject = machineSpec().createRuledObject(this, gvk.VIRTUAL_MACHINE_POOL,
      { name: this.name, namespace: this.namespace, labels: this.definition.labels, annotations: sortedMap(props.annotations) },
      () => this._toKube(), this.definition.allowedSecrets);
  }

  /** Exposes every replica behind one cdk8s-plus Service. */
  public expose(id: string, options: ExposeOptions): kplus.Service {
    guardCall(this, 'cdk8s-kubevirt.MachinePool', 'expose', [id, options]);
    return exposeModule().exposeDefinition(this, id, this.name, this.namespace, this.selectorLabels, this.definition, options);
  }

  /** @internal */
  public _toKube(): kv.VirtualMachinePoolSpec {
    const p = this.props;
    const spec: kv.VirtualMachinePoolSpec = {
      replicas: p.replicas ?? 1,
      selector: { matchLabels: { ...this.selectorLabels } },
      virtualMachineTemplate: {
        metadata: { labels: sortedMap({ ...this.definition.labels, ...this.selectorLabels }) },
        spec: this.definition.renderSpec(),
      },
    };
    if (p.updateStrategy) spec.updateStrategy = { [p.updateStrategy]: {} };
    if (p.scaleInStrategy) spec.scaleInStrategy = { [p.scaleInStrategy]: {} };
    if (p.maxUnavailable) spec.maxUnavailable = p.maxUnavailable._toKube();
    return spec;
  }
}
