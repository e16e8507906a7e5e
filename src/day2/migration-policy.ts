import { ApiObject, Chart, Duration, JsonPatch, Lazy, Size } from 'cdk8s';
import { Construct } from 'constructs';
import type * as kv from '../imports/kubevirt-json';
import type { Machine } from '../machine/machine';
import { registerWithApp } from '../private/app-registration';
import { fail } from '../private/errors';
import * as gvk from '../private/gvk';
import { keptApiObject } from '../private/lazy';
import { guardNew, guardCall } from '../private/lazy-guard';
import { DNS1123_SUBDOMAIN_ALLOWED, isDns1123Subdomain } from '../private/names';
import { durationText, quantity, SIZE_ALLOWED, sortedMap, wholeSeconds } from '../private/units';

/** The template label by which `applyTo()` ties a machine to a policy. */
const POLICY_LABEL = 'cdk8s-kubevirt/migration-policy';
const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

/** Properties of a `MigrationPolicy`. */
export interface MigrationPolicyProps {
  /**
   * `metadata.name` (the policy is cluster-wide).
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Bandwidth each migration may use, per second, e.g. `Size.mebibytes(1024)`.
   * @default - the cluster's migration configuration (unlimited by default)
   */
  readonly bandwidthPerMigration?: Size;
  /**
   * Let QEMU slow the guest's vCPUs down so that a busy guest's migration converges.
   * @default - the cluster's migration configuration (false by default)
   */
  readonly allowAutoConverge?: boolean;
  /**
   * Switch to post-copy when pre-copy does not converge (the guest runs on the target while memory
   * is fetched; a network failure then loses the guest).
   * @default - the cluster's migration configuration (false by default)
   */
  readonly allowPostCopy?: boolean;
  /**
   * Let the migration pause the guest to finish.
   * @default - the cluster's migration configuration
   */
  readonly allowWorkloadDisruption?: boolean;
  /**
   * Time allowed per GiB of guest memory before the migration is cancelled (or switched to post-copy),
   * in whole seconds.
   * @default - the cluster's migration configuration (150 seconds per GiB by default)
   */
  readonly completionTimeoutPerGiB?: Duration;
  /**
   * Labels the VMIs must carry (`spec.selectors.virtualMachineInstanceSelector`). `applyTo()` adds
   * its own label here and on the machine.
   * @default - only the label `applyTo()` adds
   */
  readonly machineSelector?: { [key: string]: string };
  /**
   * Labels the VMI's namespace must carry (`spec.selectors.namespaceSelector`).
   * @default - any namespace
   */
  readonly namespaceSelector?: { [key: string]: string };
}

/**
 * A KubeVirt MigrationPolicy (`migrations.kubevirt.io/v1alpha1`, cluster-scoped): how live
 * migrations of the VMIs it selects behave. KubeVirt applies the policy whose selectors match the
 * most labels of the VMI and its namespace.
 *
 * `policy.applyTo(machine)` puts the label `cdk8s-kubevirt/migration-policy: <policy>` (and any
 * `machineSelector` labels) on the machine's template and selects it, so the machine says how it
 * migrates.
 *
 * @example
 * const policy = new MigrationPolicy(chart, 'fast', { bandwidthPerMigration: Size.mebibytes(1024), allowAutoConverge: true });
 * const db = new Machine(chart, 'db', { template: MachineTemplate.MEDIUM, evictionStrategy: EvictionStrategy.LIVE_MIGRATE });
 * policy.applyTo(db);
 * @see https://kubevirt.io/user-guide/cluster_admin/migration_policies/
 */
export class MigrationPolicy extends Construct {
  /** The template label that `applyTo()` sets. */
  public static readonly POLICY_LABEL = POLICY_LABEL;

  /** `metadata.name`. */
  public readonly name: string;
  /** The generated object (the default child). */
  public readonly apiObject: ApiObject;
  private readonly machineSelector: { [key: string]: string };
  private readonly namespaceSelector?: { [key: string]: string };
  private applied = false;

  constructor(scope: Construct, id: string, props: MigrationPolicyProps = {}) {
    guardNew('cdk8s-kubevirt.MigrationPolicy', [scope, id, props]);
    super(scope, id);
    registerWithApp(this);
    this.name = props.name ?? id;
    if (!isDns1123Subdomain(this.name)) {
      fail(this, { property: props.name === undefined ? 'name (from the construct id)' : 'name', problem: 'must be a Kubernetes object name', value: this.name, allowed: DNS1123_SUBDOMAIN_ALLOWED });
    }
    this.machineSelector = { ...checkLabels(this, 'machineSelector', props.machineSelector) };
    this.namespaceSelector = checkLabels(this, 'namespaceSelector', props.namespaceSelector);
    const spec: Omit<kv.MigrationPolicySpec, 'selectors'> = {};
    if (props.allowAutoConverge !== undefined) spec.allowAutoConverge = props.allowAutoConverge;
    if (props.allowPostCopy !== undefined) spec.allowPostCopy = props.allowPostCopy;
    if (props.allowWorkloadDisruption !== undefined) spec.allowWorkloadDisruption = props.allowWorkloadDisruption;
    if (props.bandwidthPerMigration !== undefined) {
      const q = quantity(props.bandwidthPerMigration);
      if (q === undefined) {
        fail(this, { property: 'bandwidthPerMigration', problem: 'must be a positive whole number of kibibytes', value: props.bandwidthPerMigration.asString(), allowed: SIZE_ALLOWED });
      }
      spec.bandwidthPerMigration = q;
    }
    if (props.completionTimeoutPerGiB !== undefined) {
      const s = wholeSeconds(props.completionTimeoutPerGiB);
      if (s === undefined || s === 0) {
        fail(this, { property: 'completionTimeoutPerGiB', problem: 'must be a positive whole number of seconds', value: durationText(props.completionTimeoutPerGiB), allowed: 'e.g. Duration.seconds(150)' });
      }
      spec.completionTimeoutPerGiB = s;
    }
    const chart = Chart.of(this);
    this.apiObject = keptApiObject(this, 'Resource', {
      ...gvk.MIGRATION_POLICY,
      metadata: { name: this.name },
      spec: {
        ...spec,
        selectors: {
          ...(this.namespaceSelector ? { namespaceSelector: this.namespaceSelector } : {}),
          virtualMachineInstanceSelector: Lazy.any({ produce: () => this._selector() }),
        },
      },
    });
    // cdk8s gives every object the chart's namespace; a cluster-scoped object must not carry one.
    if (chart.namespace !== undefined) this.apiObject.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    this.node.addValidation({
      validate: () => Object.keys(this.machineSelector).length === 0 && !this.applied
        ? [`MigrationPolicy '${this.node.path}': machineSelector is empty and no machine was applied: got {}; call applyTo(machine) or give machineSelector labels, else the policy selects every VMI`]
        : [],
    });
  }

  /**
   * Makes `machine` follow this policy: its template gets the label `cdk8s-kubevirt/migration-policy`
   * with the policy's name, plus the `machineSelector` labels, and the policy selects that label.
   * The namespace selector, if any, must match the machine's namespace labels too.
   */
  public applyTo(machine: Machine): MigrationPolicy {
    guardCall(this, 'cdk8s-kubevirt.MigrationPolicy', 'applyTo', [machine]);
    this.machineSelector[POLICY_LABEL] = this.name;
    this.applied = true;
    machine._addTemplateLabels({ ...this.machineSelector }, `MigrationPolicy '${this.name}'`);
    return this;
  }

  /** @internal */
  public _selector(): { [key: string]: string } {
    return sortedMap(this.machineSelector) ?? {};
  }
}

function checkLabels(owner: Construct, property: string, labels: { [key: string]: string } | undefined): { [key: string]: string } | undefined {
  if (labels === undefined) return undefined;
  for (const [k, v] of Object.entries(labels)) {
    if (!LABEL_KEY.test(k) || k.length > 316) {
      fail(owner, { property: `${property} key`, problem: 'must be a label key', value: k, allowed: 'an optional DNS subdomain prefix and \'/\', then a name of at most 63 characters' });
    }
    if (typeof v !== 'string' || !LABEL_VALUE.test(v)) {
      fail(owner, { property: `${property}['${k}']`, problem: 'must be a label value', value: v, allowed: "at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit" });
    }
  }
  return sortedMap(labels);
}
