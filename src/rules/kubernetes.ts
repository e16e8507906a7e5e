/**
 * The ids of what the Kubernetes API server and CDI's webhook validate beyond the CRD schemas, and of
 * the app-wide run-time checks. They share one vocabulary with the KubeVirt rules in this folder (no
 * id is used twice; README.md lists every id), but they run over a whole list of manifests in one walk
 * (`kubernetesViolations` in src/private/k8s-validation.ts), not per rule, so they are described here
 * rather than added to `RULES`.
 */

/** A rule checked by `kubernetesViolations`: the same description as a `Rule`, without `check`. */
export interface RuleDescription {
  /** Kebab-case, unique across `RULES` and `KUBERNETES_RULES`. */
  readonly id: string;
  /** The upstream file and function the rule comes from. */
  readonly source: string;
  /** One line: what the rule rejects. */
  readonly summary: string;
  /** The kinds it applies to (`*` for every kind). */
  readonly kinds: string[];
  /** True when the outcome depends on cluster settings; skipped by default. */
  readonly clusterDependent?: boolean;
}

const META = 'k8s.io/apimachinery pkg/api/validation/objectmeta.go';
const METAV1 = 'k8s.io/apimachinery pkg/apis/meta/v1/validation/validation.go';
const CORE = 'kubernetes pkg/apis/core/validation/validation.go';
const CDI_UTIL = 'CDI v1.66 pkg/apiserver/webhooks/util.go';
const VM_KINDS = ['VirtualMachine', 'VirtualMachinePool', 'VirtualMachineInstance'];
const DV_KINDS = ['DataVolume', 'VirtualMachine', 'VirtualMachinePool', 'DataImportCron'];

/** Every rule `kubernetesViolations` reports, in the order of README.md. */
export const KUBERNETES_RULES: RuleDescription[] = [
  {
    id: 'object-name',
    source: `${META} (ValidateObjectMeta, NameIsDNSSubdomain); ${CORE} (ValidateServiceName); kubernetes pkg/apis/rbac/validation (ValidateRBACName); kubernetes pkg/apis/batch/validation/validation.go (ValidateCronJobCreate); CDI v1.66 dataimportcron-validate.go (validateNameLength)`,
    summary: 'rejects a missing metadata.name, or one that is not the kind\'s name form: DNS-1123 subdomain (most kinds), DNS-1035 label (Service), path segment (Role, RoleBinding), at most 52 characters (CronJob) or 63 (DataImportCron and its managedDataSource)',
    kinds: ['*'],
  },
  {
    id: 'object-namespace',
    source: `${META} (ValidateObjectMeta, ValidateNamespaceName)`,
    summary: 'rejects a namespace that is not a DNS-1123 label, and a namespace on a cluster-scoped kind',
    kinds: ['*'],
  },
  {
    id: 'label-key',
    source: `${METAV1} (ValidateLabels, ValidateLabelName); k8s.io/apimachinery pkg/util/validation/validation.go (IsQualifiedName)`,
    summary: 'rejects a label key that is not a qualified name ([DNS-1123 subdomain/]name of at most 63 characters), in metadata and every template\'s metadata',
    kinds: ['*'],
  },
  {
    id: 'label-value',
    source: `${METAV1} (ValidateLabels); k8s.io/apimachinery pkg/util/validation/validation.go (IsValidLabelValue)`,
    summary: 'rejects a label value over 63 characters or outside [A-Za-z0-9-_.] starting and ending alphanumeric',
    kinds: ['*'],
  },
  {
    id: 'annotation-key',
    source: `${META} (ValidateAnnotations)`,
    summary: 'rejects an annotation key that is not a qualified name once lowercased (e.g. /x, a/b/c)',
    kinds: ['*'],
  },
  {
    id: 'annotation-size',
    source: `${META} (ValidateAnnotationsSize, TotalAnnotationSizeLimitB)`,
    summary: 'rejects annotations whose keys and values add up to more than 256 KiB',
    kinds: ['*'],
  },
  {
    id: 'label-selector',
    source: `${METAV1} (ValidateLabelSelector, ValidateLabelSelectorRequirement); ${CORE} (ValidateService selector)`,
    summary: 'rejects a selector with an invalid matchLabels key or value, or a matchExpressions entry with a bad key, operator or values',
    kinds: ['*'],
  },
  {
    id: 'node-selector',
    source: `${CORE} (ValidatePodSpec nodeSelector, ValidateNodeSelectorTerm, ValidateNodeSelectorRequirement)`,
    summary: 'rejects a nodeSelector key or value that is not a label key or value, and a node affinity term with a bad key, operator, values or matchFields key',
    kinds: ['*'],
  },
  {
    id: 'storage-class-name',
    source: `${CORE} (ValidatePersistentVolumeClaimSpec, ValidateClassName); CDI v1.66 datavolume-validate.go (validateStorageClassName)`,
    summary: 'rejects a storageClassName that is not empty or a DNS-1123 subdomain',
    kinds: ['*'],
  },
  {
    id: 'pool-replica-name-length',
    source: 'KubeVirt v1.9 pkg/virt-controller/watch/pool/pool.go (generateVMName) with kubevirt issue 1222',
    summary: 'rejects a pool name whose replica VM names {pool}-{index} exceed 63 characters for its replica count',
    kinds: ['VirtualMachinePool'],
  },
  {
    id: 'service-port',
    source: `${CORE} (ValidateService, validateServicePort)`,
    summary: 'rejects a Service port outside 1-65535, a protocol other than TCP, UDP or SCTP, and a repeated port and protocol',
    kinds: ['Service'],
  },
  {
    id: 'service-port-name',
    source: `${CORE} (validateServicePort)`,
    summary: 'rejects an unnamed port in a Service with more than one port, a port name that is not a DNS-1123 label, and a repeated name',
    kinds: ['Service'],
  },
  {
    id: 'service-target-port',
    source: `${CORE} (validateServicePort); k8s.io/apimachinery pkg/util/validation/validation.go (IsValidPortNum, IsValidPortName)`,
    summary: 'rejects a targetPort that is neither a port number 1-65535 nor an IANA service name',
    kinds: ['Service'],
  },
  {
    id: 'service-node-port',
    source: `${CORE} (ValidateService); kubernetes pkg/registry/core/service/portallocator (--service-node-port-range)`,
    summary: 'rejects a nodePort on a ClusterIP Service or outside 1-65535; with cluster-dependent rules, outside the default range 30000-32767',
    kinds: ['Service'],
  },
  {
    id: 'cron-schedule',
    source: 'kubernetes pkg/apis/batch/validation/validation.go (validateScheduleFormat); CDI v1.66 dataimportcron-validate.go (validateDataImportCronSpec); robfig/cron v3 parser.go (ParseStandard)',
    summary: 'rejects a schedule robfig/cron\'s standard parser rejects (five fields or a descriptor), and TZ= in a CronJob schedule',
    kinds: ['CronJob', 'DataImportCron'],
  },
  {
    id: 'cron-time-zone',
    source: 'kubernetes pkg/apis/batch/validation/validation.go (validateTimeZone)',
    summary: 'rejects a CronJob timeZone that is empty, Local, or not in the IANA time zone database',
    kinds: ['CronJob'],
  },
  {
    id: 'image-reference',
    source: 'github.com/distribution/reference regexp.go (referencePat), normalize.go (ParseNormalizedNamed)',
    summary: 'rejects a container or containerDisk image, or a docker:// registry source, that is not a valid image reference',
    kinds: ['*'],
  },
  {
    id: 'source-url',
    source: `${CDI_UTIL} (validateSourceURL, validateDataVolumeSourceRegistry)`,
    summary: 'rejects an import URL that does not parse, has spaces, or has a scheme other than http, https, gs (docker, oci-archive for registry)',
    kinds: DV_KINDS,
  },
  {
    id: 'source-url-credentials',
    source: 'this library (a URL with user:password would be written to the manifest in clear text)',
    summary: 'rejects an import URL with user information; the message shows it redacted',
    kinds: DV_KINDS,
  },
  {
    id: 'source-checksum',
    source: `${CDI_UTIL} (validateChecksum); CDI v1.66 pkg/util/checksum/checksum.go (ParseAndValidate)`,
    summary: 'rejects an http source checksum that is not md5, sha1, sha256 or sha512 with the right number of hex digits',
    kinds: DV_KINDS,
  },
  {
    id: 'mac-address-unicast',
    source: 'IEEE 802 (the I/G bit); a multicast MAC on a NIC breaks the guest network at run time',
    summary: 'rejects a multicast MAC address on an interface or in a clone\'s newMacAddresses',
    kinds: [...VM_KINDS, 'VirtualMachineClone'],
  },
  {
    id: 'mac-address-unique',
    source: 'this library (KubeVirt does not check; two guests with one MAC break the network at run time)',
    summary: 'rejects a MAC address used twice across the app\'s machines, pool templates and clones, or set in a pool with more than one replica',
    kinds: [...VM_KINDS, 'VirtualMachineClone'],
  },
  {
    id: 'cloud-config-yaml',
    source: 'cloud-init cloudinit/util.py (load_yaml: YAML 1.1, a mapping at the top level)',
    summary: 'rejects #cloud-config user data (inline or base64) that is not YAML with a mapping at the top level',
    kinds: VM_KINDS,
  },
  {
    id: 'device-resource-name',
    source: 'kubernetes pkg/apis/core/helper/helpers.go (IsExtendedResourceName); KubeVirt puts deviceName into the launcher pod\'s resources',
    summary: 'rejects a GPU or host device deviceName that is not an extended resource name (vendor.com/NAME)',
    kinds: VM_KINDS,
  },
  {
    id: 'probe-exec-command',
    source: `${CORE} (validateExecAction); KubeVirt runs it through the guest agent`,
    summary: 'rejects an exec probe with no command, a non-string element, or an empty program',
    kinds: ['*'],
  },
];
