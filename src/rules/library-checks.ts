/**
 * The ids of the checks the library makes beyond KubeVirt's admission rules (`RULES`): what the
 * Kubernetes API server validates, what CDI or the library's own naming needs, and the strict schema.
 * Together with `RULES` they are the one vocabulary of rule ids: a construct-time check and the
 * manifest rule for the same mistake carry the same id, and `test/rules/rule-ids.test.ts` fails on an
 * id raised anywhere in `src/` that is in neither table or not in README.md.
 */

/** A check the library makes that is not one of KubeVirt's admission rules. */
export interface LibraryCheck {
  /** Kebab-case, unique across `RULES` and this table. */
  readonly id: string;
  /** Where the rule comes from: an upstream file and function, or `cdk8s-kubevirt`. */
  readonly source: string;
  /** One line: what the check rejects. */
  readonly summary: string;
}

/** Every check id that is not a KubeVirt admission rule. */
export const LIBRARY_CHECKS: LibraryCheck[] = [
  {
    id: 'schema',
    source: 'the CRD OpenAPI schema, made strict (additionalProperties: false)',
    summary: 'rejects a field the schema does not know, or a value of the wrong type',
  },
  {
    id: 'property-type',
    source: 'cdk8s-kubevirt runtime guard (src/private/guard.ts), from the types in the jsii assembly',
    summary: 'rejects an argument or prop of the wrong runtime type (null, NaN, a string for a list, an unknown key, a cycle in free-form data) at the jsii boundary',
  },
  {
    id: 'object-name-unique',
    source: 'k8s.io/apiserver registry/generic/registry/store.go (Store.Create: AlreadyExists)',
    summary: 'rejects two objects of one kind with the same name in one namespace, across the app',
  },
  {
    id: 'storage-name-unique',
    source: 'CDI pkg/controller/datavolume (a DataVolume owns the PVC of its name); KubeVirt pkg/virt-controller/watch/pool/pool.go indexVMSpec',
    summary: 'rejects two DataVolumes or PVCs with the same name in one namespace, including those VMs and pools create from templates',
  },
  {
    id: 'secret-private-key',
    source: 'cdk8s-kubevirt secret scan (src/private/secret-scan.ts)',
    summary: 'rejects a private key (PEM, OpenSSH, PuTTY) anywhere in the output, unless the construct opts in',
  },
  {
    id: 'secret-password',
    source: 'cdk8s-kubevirt secret scan (src/private/secret-scan.ts)',
    summary: 'rejects a plaintext password (password fields, chpasswd, Wi-Fi, basic auth) anywhere in the output, unless the construct opts in',
  },
  {
    id: 'secret-token',
    source: 'cdk8s-kubevirt secret scan (src/private/secret-scan.ts)',
    summary: 'rejects an access token (AWS, GitHub, GitLab, Slack, JWT, bearer) anywhere in the output, unless the construct opts in',
  },
  {
    id: 'secret-url-credentials',
    source: 'cdk8s-kubevirt secret scan (src/private/secret-scan.ts)',
    summary: 'rejects credentials in a URL anywhere in the output, unless the construct opts in',
  },
  {
    id: 'null-pruned',
    source: 'k8s.io/apiextensions-apiserver pkg/apiserver/schema/defaulting/prunenulls.go (PruneNonNullableNullsWithoutDefaults)',
    summary: 'warns (lint) about a null in a field that is not nullable: the API server drops it, or puts the default in its place, so the object is not stored as written',
  },
  {
    id: 'interface-port-name-unique',
    source: 'cdk8s-kubevirt (a Service targets a named port; two with one name are ambiguous)',
    summary: 'rejects two ports with the same name on one interface',
  },
  {
    id: 'cdi-source-url',
    source: 'CDI v1.66 pkg/apiserver/webhooks/util.go (validateSourceURL)',
    summary: 'rejects an http, s3, gcs, imageio or vddk URL that is not an http://, https:// or gs:// request URI (the library also rejects whitespace and an empty host)',
  },
  {
    id: 'cdi-registry-url',
    source: 'CDI v1.66 pkg/apiserver/webhooks/util.go (validateDataVolumeSourceRegistry)',
    summary: 'rejects a registry URL whose scheme is not docker:// or oci-archive://',
  },
  {
    id: 'cdi-checksum',
    source: 'CDI v1.66 pkg/apiserver/webhooks/util.go (validateChecksum, pkg/util/checksum)',
    summary: 'rejects an http checksum that is not md5, sha1, sha256 or sha512 algorithm:hex of the right length',
  },
  {
    id: 'cdi-imageio-source',
    source: 'CDI v1.66 pkg/apiserver/webhooks/util.go (validateImageIOSource)',
    summary: 'rejects an imageio source without secretRef or diskId, or without certConfigMap when TLS is verified',
  },
  {
    id: 'cdi-vddk-source',
    source: 'CDI v1.66 pkg/apiserver/webhooks/util.go (validateVDDKSource)',
    summary: 'rejects a vddk source without secretRef, uuid, backingFile or thumbprint',
  },
  {
    id: 'cdi-storage-size',
    source: 'CDI v1.66 pkg/apiserver/webhooks/datavolume-validate.go (validateStorageSize)',
    summary: 'rejects a DataVolume without a size (unless the storage API clones) or smaller than 1Mi',
  },
  {
    id: 'cdi-pvc-access-modes',
    source: 'CDI v1.66 pkg/apiserver/webhooks/datavolume-validate.go (validateDataVolumeSpec)',
    summary: 'rejects a DataVolume with the pvc API and more than one access mode',
  },
  {
    id: 'cdi-content-type',
    source: 'CDI v1.66 pkg/apiserver/webhooks/util.go (validateBlankSource, validateRegistrySource)',
    summary: 'rejects contentType archive for a blank or registry source',
  },
  {
    id: 'cdi-clone-source',
    source: 'CDI v1.66 pkg/apiserver/webhooks/datavolume-validate.go (validateDataVolumeSpec: source PVC/snapshot is not valid)',
    summary: 'rejects a PVC or snapshot clone source without a namespace',
  },
];
