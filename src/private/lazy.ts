/**
 * Packages loaded on first use rather than when the library is required. Internal: not exported from
 * the package.
 *
 * Requiring cdk8s-plus-28 costs more than the rest of the library (its `k8s` bindings alone are most of
 * it), and most apps use it only for an optional Service, Secret or CronJob; the `yaml` package is
 * needed only to parse cloud-config and scan for secrets at synthesis (the admission rules: see
 * lazy-rules.ts). Files that need these packages' types use `import type` (erased from the
 * JavaScript; jsii still sees the types) and reach the values through these accessors.
 */
import type * as Kplus from 'cdk8s-plus-28';
import type * as Yaml from 'yaml';

let kplusModule: typeof Kplus | undefined;
let yamlModule: typeof Yaml | undefined;

/** `require('cdk8s-plus-28')`, on first call. */
export function kplus(): typeof Kplus {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (kplusModule ??= require('cdk8s-plus-28'));
}

/** `require('cdk8s-plus-28').k8s`: the core Kubernetes L1 classes. */
export function k8s(): typeof Kplus.k8s {
  return kplus().k8s;
}

/** `require('yaml')`, on first call. */
export function yaml(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (yamlModule ??= require('yaml'));
}

