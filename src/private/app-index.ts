/**
 * Checks across the objects of one app, made once per synthesis over the final objects (escape-hatch
 * patches included):
 * - every KubeVirt/CDI object a library construct emits passes the strict schema the package ships
 *   (schema-check.ts), so a JSON patch that writes `cores: "two"` fails here, in the library's format;
 * - names are unique per kind and namespace, counting the objects KubeVirt will create from templates
 *   (the DataVolumes of a VM's `dataVolumeTemplates`, and a pool's replica VMs and DataVolumes).
 *
 * Each library construct that emits objects registers itself; its validation asks the index for the
 * problems that concern its own objects. cdk8s validates the whole app once in `App.synth()` and once
 * more in every `Chart.toJson()`; the index is built once per synthesis epoch (see manifest-cache.ts)
 * and kept on a construct at the root of the app, so there is no module-level state.
 */
import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { describeConstruct, formatProblem } from './errors';
import { KubernetesChecks } from './k8s-validation';
import { rules } from './lazy-rules';
import { currentEpoch } from './manifest-cache';
import type * as SchemaCheck from './schema-check';
import type * as SecretScan from './secret-scan';
import { SecretKind } from '../secret-kind';

const ID = 'cdk8s-kubevirt.AppIndex';

/** cdk8s's ApiObject, read once (the package's index re-exports it through a getter, a call at every use). */
const API_OBJECT = ApiObject;

/** The strict schema and the secret scan, loaded at the first synthesis (requiring the library does not need them). */
let checkModules: { schema: typeof SchemaCheck; secrets: typeof SecretScan } | undefined;
function checks(): { schema: typeof SchemaCheck; secrets: typeof SecretScan } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (checkModules ??= { schema: require('./schema-check'), secrets: require('./secret-scan') });
}

/** What one object makes the cluster hold under a name. */
interface Claim {
  readonly key: string;
  /** How the message names the kind, e.g. `VirtualMachine`, `DataVolume/PVC`. */
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** The manifest path that gives the name, e.g. `spec.dataVolumeTemplates[0].metadata.name`. */
  readonly path: string;
  readonly ruleId: string;
}

/** The app-wide index; one per app, a child of its root. @internal */
export class AppIndex extends Construct {
  /** The index of the app `scope` belongs to, created on first use. */
  public static of(scope: IConstruct): AppIndex {
    const root = scope.node.root;
    return (root.node.tryFindChild(ID) as AppIndex | undefined) ?? new AppIndex(root as Construct, ID);
  }

  private readonly owners = new Map<IConstruct, string>();
  private readonly secretOptIns = new Map<IConstruct, () => ReadonlySet<SecretKind>>();
  private built?: { epoch: number; problems: Map<IConstruct, string[]> };

  /**
   * Registers a library construct: its objects take part, and its validation reports their problems.
   * @param allowedSecrets the kinds of secret the construct's user opted in to (read at synthesis)
   */
  public register(owner: IConstruct, allowedSecrets: () => ReadonlySet<SecretKind> = () => NO_SECRETS): void {
    this.owners.set(owner, describeConstruct(owner));
    this.secretOptIns.set(owner, allowedSecrets);
    owner.node.addValidation({ validate: () => this.problemsOf(owner) });
  }

  /** The app-wide problems that concern `owner`'s objects. */
  public problemsOf(owner: IConstruct): string[] {
    const epoch = currentEpoch();
    if (this.built?.epoch !== epoch) this.built = { epoch, problems: this.build() };
    return this.built.problems.get(owner) ?? [];
  }

  private ownerOf(obj: IConstruct): IConstruct | undefined {
    for (let c: IConstruct | undefined = obj; c !== undefined; c = c.node.scope) {
      if (this.owners.has(c)) return c;
    }
    return undefined;
  }

  /**
   * One pass over the app's final objects. For each object the library owns: the strict schema and
   * the secret scan; then, over all of them at once, what Kubernetes validates (names, labels,
   * ports, crons, MACs unique across the app …) and the names each object takes in the cluster.
   */
  private build(): Map<IConstruct, string[]> {
    const problems = new Map<IConstruct, string[]>();
    const report = (owner: IConstruct, message: string) => {
      const list = problems.get(owner);
      if (list) list.push(`${this.owners.get(owner)}: ${message}`);
      else problems.set(owner, [`${this.owners.get(owner)}: ${message}`]);
    };
    const holders = new Map<string, { owner?: IConstruct; who: string }>();
    const owned: Array<{ owner: IConstruct; main: boolean }> = [];
    const { schema, secrets } = checks();
    // What Kubernetes validates, over the owned manifests in order (kubernetesViolations); each
    // manifest is walked once, by the secret scan, with the Kubernetes checks' walk along.
    const kubernetes = new KubernetesChecks();
    for (const c of this.node.root.node.findAll()) {
      if (!(c instanceof API_OBJECT)) continue;
      const owner = this.ownerOf(c);
      const who = owner ? this.owners.get(owner)! : `${c.kind} '${c.node.path}'`;
      const manifest = c.toJson();
      if (owner !== undefined) {
        const main = c.node.scope === owner && c.node.id === 'Resource';
        for (const v of schema.schemaViolations(manifest)) report(owner, v.message);
        const walk = kubernetes.begin(manifest, owned.length);
        owned.push({ owner, main });
        // The scan takes the walk along through a plain object; else the walk goes alone.
        const along = walk !== undefined && secrets.takesAlong(manifest) ? walk : undefined;
        for (const f of secrets.scanManifest(manifest, this.secretOptIns.get(owner)!(), along)) report(owner, `${main ? '' : `${c.kind} '${manifest?.metadata?.name}' `}${secrets.describeSecretFinding(f)}`);
        if (walk !== undefined) {
          if (along === undefined) kubernetes.walk(walk);
          kubernetes.end(walk);
        }
      }
      for (const claim of claimsOf(manifest)) {
        const held = holders.get(claim.key);
        if (held === undefined) {
          holders.set(claim.key, { owner, who });
          continue;
        }
        // Report on the later object when the library owns it, else on the earlier one.
        const reportOn = owner ?? held.owner;
        if (reportOn === undefined) continue;
        const other = reportOn === owner ? held.who : who;
        const where = claim.namespace === undefined ? '' : ` in namespace '${claim.namespace}'`;
        report(reportOn, formatProblem({
          property: claim.path,
          problem: `would create the ${claim.kind} '${claim.name}'${where}, which ${other} creates too`,
          value: claim.name,
          allowed: `names unique per kind and namespace across the app (${claim.kind === 'DataVolume/PVC' ? 'DataVolumes and PVCs share names' : 'one object per name'})`,
          ruleId: claim.ruleId,
        }));
      }
    }
    for (const v of kubernetes.finish()) {
      // The owner's main object is the construct itself; its other objects are named.
      const o = owned[v.index];
      report(o.owner, `${o.main ? '' : `${v.kind} '${v.name}' `}${rules().formatViolation(v)}`);
    }
    return problems;
  }
}

const NO_SECRETS: ReadonlySet<SecretKind> = new Set();

/** The names an object takes in the cluster, directly or through the objects KubeVirt creates from it. */
function claimsOf(manifest: any): Claim[] {
  const kind = manifest?.kind;
  const name = manifest?.metadata?.name;
  if (typeof kind !== 'string' || typeof name !== 'string') return [];
  const namespace: string | undefined = typeof manifest.metadata.namespace === 'string' ? manifest.metadata.namespace : undefined;
  // The apiVersion without its version: everything before the last `/` ('' for a core kind).
  const apiVersion = String(manifest.apiVersion ?? '');
  const group = apiVersion.slice(0, Math.max(0, apiVersion.lastIndexOf('/')));
  const storage = (n: string, path: string): Claim => ({ key: `storage|${namespace ?? ''}|${n}`, kind: 'DataVolume/PVC', name: n, namespace, path, ruleId: 'storage-name-unique' });
  const vm = (n: string, path: string): Claim => ({ key: `kubevirt.io/VirtualMachine|${namespace ?? ''}|${n}`, kind: 'VirtualMachine', name: n, namespace, path, ruleId: 'object-name-unique' });

  if (kind === 'DataVolume' || kind === 'PersistentVolumeClaim') return [storage(name, 'metadata.name')];
  if (kind === 'VirtualMachine' && group === 'kubevirt.io') {
    const out = [vm(name, 'metadata.name')];
    templates(manifest.spec).forEach((t, i) => out.push(storage(t, `spec.dataVolumeTemplates[${i}].metadata.name`)));
    return out;
  }
  const out: Claim[] = [{ key: `${group}/${kind}|${namespace ?? ''}|${name}`, kind, name, namespace, path: 'metadata.name', ruleId: 'object-name-unique' }];
  if (kind === 'VirtualMachinePool') {
    // KubeVirt names replica i `{pool}-{i}` and its DataVolumes `{template}-{i}`
    // (pkg/virt-controller/watch/pool/pool.go: generateVMName, indexVMSpec); a new pool uses 0…replicas-1.
    const replicas = Number.isInteger(manifest.spec?.replicas) ? manifest.spec.replicas : 1;
    const dvts = templates(manifest.spec?.virtualMachineTemplate?.spec);
    for (let i = 0; i < replicas; i++) {
      out.push(vm(`${name}-${i}`, `spec.replicas (replica ${i})`));
      dvts.forEach((t, j) => out.push(storage(`${t}-${i}`, `spec.virtualMachineTemplate.spec.dataVolumeTemplates[${j}].metadata.name (replica ${i})`)));
    }
  }
  return out;
}

function templates(vmSpec: any): string[] {
  const list = vmSpec?.dataVolumeTemplates;
  if (!Array.isArray(list)) return [];
  return list.map((t: any) => t?.metadata?.name).filter((n: unknown): n is string => typeof n === 'string');
}
