/**
 * The CDI `source` of each importer a `DiskSource` can name (HTTP, registry, S3, GCS, ImageIO,
 * VDDK), checked as CDI v1.66's validating webhook checks it (see cdi-source-rules.ts), and the
 * options shared by the object volumes. Internal: the factories on DiskSource call these.
 */
import { checkChecksum, checkImportUrl, checkObjectName, checkRegistryUrl, checkRequired } from './cdi-source-rules';
import { GcsSourceOptions, HttpSourceOptions, ImageioSourceOptions, ObjectVolumeOptions, RegistrySourceOptions, RemoteSourceOptions, VddkSourceOptions } from './disk-source-options';
import type * as kv from '../imports/kubevirt-json';
import { fail } from '../private/errors';
import { DNS1123_SUBDOMAIN_ALLOWED, isDns1123Label, isDns1123Subdomain } from '../private/names';

type Source = kv.DataVolumeSource;
const HEADER = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+:[^\r\n]*$/;

/** An HTTP(S) source, and the fields set that only a standalone DataVolume knows. */
export function httpSource(url: string, options: HttpSourceOptions): { source: Source; standaloneOnly: string[] } {
  const who = 'DiskSource.http';
  checkImportUrl(who, url);
  const http: NonNullable<Source['http']> = { url, ...remote(who, options) };
  if (options.extraHeaders !== undefined) {
    options.extraHeaders.forEach((h, i) => {
      if (typeof h !== 'string' || !HEADER.test(h)) {
        fail(who, { property: `extraHeaders[${i}]`, problem: 'must be an HTTP header line', value: h, allowed: "'Name: value' on one line" });
      }
    });
    if (options.extraHeaders.length > 0) http.extraHeaders = [...options.extraHeaders];
  }
  if (options.secretExtraHeaders !== undefined) {
    options.secretExtraHeaders.forEach((s, i) => checkObjectName(who, `secretExtraHeaders[${i}]`, s));
    if (options.secretExtraHeaders.length > 0) http.secretExtraHeaders = [...options.secretExtraHeaders];
  }
  if (options.checksum !== undefined) {
    checkChecksum(who, options.checksum);
    http.checksum = options.checksum;
  }
  if (options.insecureSkipVerify) http.insecureSkipVerify = true;
  const standaloneOnly = (['checksum', 'insecureSkipVerify'] as const).filter(k => http[k] !== undefined);
  return { source: { http }, standaloneOnly };
}

/** A registry source; `docker://` is added when the image names no scheme. */
export function registrySource(image: string, options: RegistrySourceOptions): Source {
  const who = 'DiskSource.registry';
  const url = typeof image === 'string' && !image.includes('://') ? `docker://${image}` : image;
  checkRegistryUrl(who, 'url', url, 'an image reference such as quay.io/containerdisks/fedora:41');
  return { registry: { url, ...remote(who, options), ...(options.pullMethod ? { pullMethod: options.pullMethod } : {}) } };
}

/** An S3 source. */
export function s3Source(url: string, options: RemoteSourceOptions): Source {
  const who = 'DiskSource.s3';
  checkImportUrl(who, url);
  return { s3: { url, ...remote(who, options) } };
}

/** A Google Cloud Storage source. */
export function gcsSource(url: string, options: GcsSourceOptions): Source {
  const who = 'DiskSource.gcs';
  checkImportUrl(who, url);
  const gcs: NonNullable<Source['gcs']> = { url };
  if (options.secretRef !== undefined) {
    checkObjectName(who, 'secretRef', options.secretRef);
    gcs.secretRef = options.secretRef;
  }
  return { gcs };
}

/** An oVirt/RHV ImageIO source. */
export function imageioSource(url: string, options: ImageioSourceOptions): Source {
  const who = 'DiskSource.imageio';
  checkImportUrl(who, url);
  checkRequired(who, 'secretRef', options.secretRef, 'the name of a Secret with the engine credentials', 'cdi-imageio-source');
  checkObjectName(who, 'secretRef', options.secretRef);
  checkRequired(who, 'diskId', options.diskId, 'the oVirt disk ID', 'cdi-imageio-source');
  if (options.certConfigMap === undefined && !options.insecureSkipVerify) {
    fail(who, { property: 'certConfigMap', problem: 'is required unless insecureSkipVerify is true', value: undefined, allowed: 'a ConfigMap name with the engine CA, or insecureSkipVerify: true', ruleId: 'cdi-imageio-source' });
  }
  const imageio: NonNullable<Source['imageio']> = { url, diskId: options.diskId, secretRef: options.secretRef };
  if (options.certConfigMap !== undefined) {
    checkObjectName(who, 'certConfigMap', options.certConfigMap);
    imageio.certConfigMap = options.certConfigMap;
  }
  if (options.insecureSkipVerify) imageio.insecureSkipVerify = true;
  return { imageio };
}

/** A VMware VDDK source. */
export function vddkSource(url: string, options: VddkSourceOptions): Source {
  const who = 'DiskSource.vddk';
  checkImportUrl(who, url);
  for (const p of ['secretRef', 'uuid', 'backingFile', 'thumbprint'] as const) {
    checkRequired(who, p, options[p], 'CDI requires secretRef, uuid, backingFile and thumbprint', 'cdi-vddk-source');
  }
  checkObjectName(who, 'secretRef', options.secretRef);
  const vddk: NonNullable<Source['vddk']> = { url, uuid: options.uuid, backingFile: options.backingFile, thumbprint: options.thumbprint, secretRef: options.secretRef };
  for (const p of ['certConfigMap', 'extraArgs'] as const) {
    if (options[p] !== undefined) {
      checkObjectName(who, p, options[p]);
      vddk[p] = options[p];
    }
  }
  if (options.initImageUrl !== undefined) {
    if (!/^[^\s]+$/.test(options.initImageUrl)) {
      fail(who, { property: 'initImageUrl', problem: 'must be a container image reference', value: options.initImageUrl, allowed: 'an image reference without whitespace' });
    }
    vddk.initImageURL = options.initImageUrl;
  }
  return { vddk };
}

/** The `optional` and `volumeLabel` fields of a configMap, secret or downwardAPI volume. */
export function objectOptions(factory: string, options: ObjectVolumeOptions): { optional?: boolean; volumeLabel?: string } {
  const out: { optional?: boolean; volumeLabel?: string } = {};
  if (options.optional !== undefined) out.optional = options.optional;
  if (options.volumeLabel !== undefined) {
    if (typeof options.volumeLabel !== 'string' || !/^[A-Za-z0-9_-]{1,32}$/.test(options.volumeLabel)) {
      fail(`DiskSource.${factory}`, { property: 'volumeLabel', problem: 'must be a filesystem label', value: options.volumeLabel, allowed: "letters, digits, '_' and '-', at most 32 characters (an ISO 9660 volume identifier)" });
    }
    out.volumeLabel = options.volumeLabel;
  }
  return out;
}

function remote(who: string, options: RemoteSourceOptions): { secretRef?: string; certConfigMap?: string } {
  const out: { secretRef?: string; certConfigMap?: string } = {};
  if (options.secretRef !== undefined) {
    checkObjectName(who, 'secretRef', options.secretRef);
    out.secretRef = options.secretRef;
  }
  if (options.certConfigMap !== undefined) {
    checkObjectName(who, 'certConfigMap', options.certConfigMap);
    out.certConfigMap = options.certConfigMap;
  }
  return out;
}

/** Fails unless `name` is an object name and `namespace` (if any) a namespace name. */
export function checkName(factory: string, name: string, namespace?: string, property = 'name'): void {
  if (!isDns1123Subdomain(name)) {
    fail(`DiskSource.${factory}`, { property, problem: 'must be a Kubernetes object name', value: name, allowed: DNS1123_SUBDOMAIN_ALLOWED });
  }
  if (namespace !== undefined && !isDns1123Label(namespace)) {
    fail(`DiskSource.${factory}`, { property: 'namespace', problem: 'must be a namespace name', value: namespace, allowed: 'a DNS-1123 label' });
  }
}
