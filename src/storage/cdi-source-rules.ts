/**
 * CDI v1.66's admission rules for DataVolume sources, shared by DiskSource (VM dataVolumeTemplates) and
 * the standalone DataVolume construct, so that both accept exactly what CDI accepts.
 *
 * Source: github.com/kubevirt/containerized-data-importer, tag v1.66.0,
 * - `pkg/apiserver/webhooks/datavolume-validate.go`: `validateDataVolumeSpec` (one source, PVC/storage,
 *   sizes, access modes, clone sources need name and namespace), `validateStorageSize` (size required
 *   unless the `storage` API clones; at least 1Mi);
 * - `pkg/apiserver/webhooks/util.go`: `validateSourceURL` (http, s3, gcs, imageio and vddk URLs must
 *   parse as a request URI with scheme http, https or gs), `validateDataVolumeSourceRegistry` (scheme
 *   docker or oci-archive; pullMethod pod or node), `validateImageIOSource` (secretRef and diskId
 *   required; certConfigMap unless insecureSkipVerify), `validateVDDKSource` (secretRef, uuid,
 *   backingFile and thumbprint required), `validateContentType`, `validateBlankSource` and
 *   `validateRegistrySource` (no `archive` content for blank or registry sources), `validateChecksum`
 *   (`pkg/util/checksum`: `algorithm:hex` with md5, sha1, sha256 or sha512).
 *
 * Where this library is stricter than CDI it says so: URLs may not contain whitespace or have an empty
 * host, which CDI admits but its importer cannot fetch.
 */
import { fail } from '../private/errors';
import { DNS1123_SUBDOMAIN_ALLOWED, isDns1123Subdomain } from '../private/names';

/** Schemes CDI's `validateSourceURL` admits for http, s3, gcs, imageio and vddk sources. */
const IMPORT_URL = /^(https?|gs):\/\/[^\s/?#]+[^\s]*$/;
/** Schemes CDI's `validateDataVolumeSourceRegistry` admits. */
const REGISTRY_URL = /^(docker|oci-archive):\/\/[^\s]+$/;
const CHECKSUM_LENGTH: { [algorithm: string]: number } = { md5: 32, sha1: 40, sha256: 64, sha512: 128 };

/** What an import URL may be, for messages. */
export const IMPORT_URL_ALLOWED = 'an http://, https:// or gs:// URL with a host and no whitespace (CDI validateSourceURL)';

/** Fails unless `url` is one CDI admits for an http, s3, gcs, imageio or vddk source. */
export function checkImportUrl(who: string, url: unknown): void {
  if (typeof url !== 'string' || !IMPORT_URL.test(url)) {
    fail(who, { property: 'url', problem: 'must be a valid URL', value: url, allowed: IMPORT_URL_ALLOWED, ruleId: 'cdi-source-url' });
  }
}

/** Fails unless `url` is a registry URL CDI admits. */
export function checkRegistryUrl(who: string, property: string, url: unknown, allowed: string): void {
  if (typeof url !== 'string' || !REGISTRY_URL.test(url)) {
    fail(who, { property, problem: 'must be an image reference', value: url, allowed: `${allowed}; the scheme, if given, docker:// or oci-archive://`, ruleId: 'cdi-registry-url' });
  }
}

/** Fails unless `checksum` has the `algorithm:hex` form CDI's `validateChecksum` admits. */
export function checkChecksum(who: string, checksum: string): void {
  const m = typeof checksum === 'string' ? /^([a-z0-9]+):([0-9a-f]+)$/i.exec(checksum.trim()) : null;
  if (!m || CHECKSUM_LENGTH[m[1].toLowerCase()] !== m[2].length) {
    fail(who, {
      property: 'checksum',
      problem: 'must be algorithm:hash',
      value: checksum,
      allowed: 'md5, sha1, sha256 or sha512, a colon, and the hash in hex of the algorithm\'s length, e.g. sha256:<64 hex digits>',
      ruleId: 'cdi-checksum',
    });
  }
}

/** Fails unless `value` is a Kubernetes object name (a Secret, ConfigMap, PVC …). */
export function checkObjectName(who: string, property: string, value: unknown): void {
  if (!isDns1123Subdomain(value)) {
    fail(who, { property, problem: 'must be a Kubernetes object name', value, allowed: DNS1123_SUBDOMAIN_ALLOWED });
  }
}

/** Fails when a field CDI requires is missing or empty. */
export function checkRequired(who: string, property: string, value: unknown, allowed: string, ruleId: string): void {
  if (typeof value !== 'string' || value.trim() === '') {
    fail(who, { property, problem: 'is required', value, allowed, ruleId });
  }
}
