import type * as kplus from 'cdk8s-plus-28';
import type * as kv from '../imports/kubevirt-json';
import { fail } from '../private/errors';
import { kplus as loadKplus, onFirstUse } from '../private/lazy';
import { guardCall, guardNew } from '../private/lazy-guard';
import type * as ManifestCache from '../private/manifest-cache';

// Used when the placement changes: loaded then, not when the library is required (see onFirstUse).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const manifestCache = onFirstUse((): typeof ManifestCache => require('../private/manifest-cache'));

/**
 * Something machines can be placed relative to: a Machine or a MachinePool.
 */
export interface ISchedulable {
  /** Labels that select the pods of this machine (or of every replica of this pool). */
  readonly selectorLabels: { [key: string]: string };
}

/** Options for `colocate` and `separate`. */
export interface PlacementOptions {
  /**
   * The topology domain: same/different node, zone, region, or a custom node label.
   * @default kplus.Topology.HOSTNAME
   */
  readonly topology?: kplus.Topology;
  /**
   * Make the rule a preference with this weight (1–100) instead of a requirement.
   * @default - required
   */
  readonly weight?: number;
}

/** Options for `spread`. */
export interface SpreadOptions {
  /**
   * The topology domain to spread across.
   * @default kplus.Topology.HOSTNAME
   */
  readonly topology?: kplus.Topology;
  /**
   * Largest allowed difference of matching pods between domains.
   * @default 1
   */
  readonly maxSkew?: number;
  /**
   * Refuse to schedule when the spread cannot be kept (`DoNotSchedule`), instead of doing best effort (`ScheduleAnyway`).
   * @default false
   */
  readonly required?: boolean;
  /**
   * Labels of the group to spread. For a pool, its replicas; for machines, a label they share.
   * @default - the owner's selector labels
   */
  readonly labels?: { [key: string]: string };
}

/**
 * Where the pods of a machine (or of a pool's replicas) run relative to other machines and topology
 * domains, in the style of cdk8s-plus's pod scheduling. Labels are wired automatically.
 *
 * The rules are added to anything given in the `affinity` prop.
 */
export class MachineScheduling {
  private readonly affinity: Array<{ kind: 'podAffinity' | 'podAntiAffinity'; labels: { [key: string]: string }; topologyKey: string; weight?: number }> = [];
  private readonly spreads: kv.TopologySpreadConstraint[] = [];

  /** @internal */
  constructor(private readonly owner: ISchedulable, private readonly who: string) {
    guardNew('cdk8s-kubevirt.MachineScheduling', [owner, who]);
  }

  /** Runs on the same node (or zone …) as the target's pods. */
  public colocate(target: ISchedulable, options: PlacementOptions = {}): void {
    guardCall(this, 'cdk8s-kubevirt.MachineScheduling', 'colocate', [target, options]);
    this.add('podAffinity', 'colocate', target, options);
  }

  /** Runs on a different node (or zone …) from the target's pods. */
  public separate(target: ISchedulable, options: PlacementOptions = {}): void {
    guardCall(this, 'cdk8s-kubevirt.MachineScheduling', 'separate', [target, options]);
    this.add('podAntiAffinity', 'separate', target, options);
  }

  /** Spreads a group of pods evenly across topology domains (topologySpreadConstraints). */
  public spread(options: SpreadOptions = {}): void {
    guardCall(this, 'cdk8s-kubevirt.MachineScheduling', 'spread', [options]);
    const maxSkew = options.maxSkew ?? 1;
    if (!(Number.isInteger(maxSkew) && maxSkew >= 1)) {
      fail(this.who, { property: 'spread.maxSkew', problem: 'must be a whole number of at least 1', value: maxSkew, allowed: 'an integer ≥ 1' });
    }
    manifestCache().manifestsChanged();
    this.spreads.push({
      labelSelector: { matchLabels: { ...(options.labels ?? this.owner.selectorLabels) } },
      maxSkew,
      topologyKey: (options.topology ?? loadKplus().Topology.HOSTNAME).key,
      whenUnsatisfiable: options.required ? 'DoNotSchedule' : 'ScheduleAnyway',
    });
  }

  private add(kind: 'podAffinity' | 'podAntiAffinity', method: string, target: ISchedulable, options: PlacementOptions): void {
    if (options.weight !== undefined && !(Number.isInteger(options.weight) && options.weight >= 1 && options.weight <= 100)) {
      fail(this.who, { property: `${method}.weight`, problem: 'must be a whole number from 1 to 100', value: options.weight, allowed: 'an integer from 1 to 100, or no weight for a requirement' });
    }
    const topologyKey = (options.topology ?? loadKplus().Topology.HOSTNAME).key;
    manifestCache().manifestsChanged();
    this.affinity.push({ kind, labels: { ...target.selectorLabels }, topologyKey, weight: options.weight });
  }

  /**
   * Merges the placement rules into a rendered affinity (JSON) and returns it, plus spread constraints.
   * @internal
   */
  public _render(affinity: kv.Affinity | undefined): { affinity?: kv.Affinity; topologySpreadConstraints?: kv.TopologySpreadConstraint[] } {
    let out = affinity;
    for (const rule of this.affinity) {
      const section: kv.At<kv.Affinity, typeof rule.kind> = { ...out?.[rule.kind] };
      const term = { labelSelector: { matchLabels: rule.labels }, topologyKey: rule.topologyKey };
      if (rule.weight === undefined) {
        section.requiredDuringSchedulingIgnoredDuringExecution = [...(section.requiredDuringSchedulingIgnoredDuringExecution ?? []), term];
      } else {
        section.preferredDuringSchedulingIgnoredDuringExecution = [
          ...(section.preferredDuringSchedulingIgnoredDuringExecution ?? []), { podAffinityTerm: term, weight: rule.weight },
        ];
      }
      out = { ...out, [rule.kind]: section };
    }
    return { affinity: out, topologySpreadConstraints: this.spreads.length > 0 ? this.spreads : undefined };
  }
}
