/**
 * Keeps each Machine's and MachinePool's resolved manifest for the rest of one synchronous synthesis.
 * Internal: not exported from the package.
 *
 * cdk8s validates the whole app once in `App.synth()`/`synthYaml()` and once more in every
 * `Chart.toJson()` (so C + 1 times for C charts), and resolves every object again to serialize it. Our
 * validation needs the final manifest (escape-hatch patches included), so without this each machine
 * would be rendered, resolved and checked several times per synthesis (see bench/PROFILE.md).
 *
 * A kept manifest is reused only while nothing it was made from can have changed:
 * - within the same synchronous run (kept manifests are dropped at the next microtask, so code that
 *   awaits between two syntheses always sees fresh output);
 * - no library method that changes a manifest was called since (they call `manifestsChanged()`:
 *   addNetwork, addAccessCredential, expose, scheduling, DiskSet.addDisk, addJsonPatch);
 * - the object's metadata (labels, annotations, which users may change directly) is unchanged.
 * Props objects are read at construction and at synthesis; changing them in place after building a
 * machine is not supported.
 */
import { ApiObject, JsonPatch } from 'cdk8s';

let epoch = 0;
let dropScheduled = false;
const kept = new Set<KeptApiObject>();

/** Something a manifest is made from changed: kept manifests are stale. */
export function manifestsChanged(): void {
  epoch++;
}

/**
 * The current synthesis epoch: it changes when a library method changes a manifest and at the next
 * microtask, so a result computed in one epoch holds for the rest of one synchronous synthesis.
 */
export function currentEpoch(): number {
  if (!dropScheduled) {
    dropScheduled = true;
    queueMicrotask(() => {
      dropScheduled = false;
      epoch++;
      for (const obj of kept) obj._drop();
      kept.clear();
    });
  }
  return epoch;
}

/** An ApiObject whose resolved manifest, and the errors found in it, are kept for one synthesis. */
export class KeptApiObject extends ApiObject {
  private keptManifest?: { epoch: number; metadata: string; json: any; errors?: string[] };

  public addJsonPatch(...ops: JsonPatch[]): void {
    manifestsChanged();
    super.addJsonPatch(...ops);
  }

  public toJson(): any {
    const now = currentEpoch();
    const metadata = JSON.stringify(this.metadata.toJson());
    const k = this.keptManifest;
    if (k !== undefined && k.epoch === now && k.metadata === metadata) return k.json;
    const json = super.toJson();
    this.keptManifest = { epoch: now, metadata, json };
    kept.add(this);
    return json;
  }

  /** Runs `check` over the final manifest, once per kept manifest. @internal */
  public _errors(check: (manifest: any) => string[]): string[] {
    const json = this.toJson();
    const k = this.keptManifest!;
    if (k.errors === undefined) k.errors = check(json);
    return k.errors;
  }

  /** @internal */
  public _drop(): void {
    this.keptManifest = undefined;
  }
}
